import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { buildReport, sectionAvailability } from './build';
import { saveReport } from './save';

export const reportsHandlers = {
  sections: ({ dataset }, ctx) => sectionAvailability(ctx.ws(), dataset),
  preview: (opts, ctx) => buildReport(ctx.ws(), opts),
  save: (opts, ctx) => saveReport(ctx.ws(), opts),
} satisfies Handlers<EngineContext>['reports'];
