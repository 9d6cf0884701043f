import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { buildProfile } from './build-profile';

export const profileHandlers = {
  get: ({ dataset, version, staleMonths, histogramBins }, ctx) => buildProfile(ctx.ws(), dataset, version, staleMonths, histogramBins),
} satisfies Handlers<EngineContext>['profile'];
