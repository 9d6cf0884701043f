import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { buildReport, sectionAvailability } from './build';
import { saveReport } from './save';
import { addComparison, listComparisons, removeComparison } from './comparisons';

export const reportsHandlers = {
  sections: ({ dataset }, ctx) => sectionAvailability(ctx.ws(), dataset),
  preview: (opts, ctx) => buildReport(ctx.ws(), opts),
  save: (opts, ctx) => saveReport(ctx.ws(), opts),
  addComparison: (params, ctx) => ({ count: addComparison(ctx.ws(), params) }),
  comparisons: (_args, ctx) => listComparisons(ctx.ws()),
  removeComparison: ({ index }, ctx) => ({ count: removeComparison(ctx.ws(), index) }),
} satisfies Handlers<EngineContext>['reports'];
