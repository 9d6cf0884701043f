import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { buildProfile } from './build-profile';
import { markStep } from '../workspace/progress';

export const profileHandlers = {
  get: async ({ dataset, version, staleMonths, histogramBins }, ctx) => {
    const profile = await buildProfile(ctx.ws(), dataset, version, staleMonths, histogramBins);
    markStep(ctx.ws(), 'profile');
    return profile;
  },
} satisfies Handlers<EngineContext>['profile'];
