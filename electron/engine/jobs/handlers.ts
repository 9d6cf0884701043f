import type { Handlers } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/result';
import type { EngineContext } from '../context';
import { msg } from '../../../shared/i18n/current';

export const jobsHandlers = {
  // The contract already validated `params` with the kind's own schema.
  start: (start, ctx) => ({ jobId: ctx.startJob(start) }),
  cancel: ({ jobId }, ctx) => ({ cancelled: ctx.jobs.cancel(jobId) }),
  get: ({ jobId }, ctx) => {
    const s = ctx.jobs.get(jobId);
    if (!s) throw new AppError('NOT_FOUND', msg('engine.job.notFound', { jobId }));
    return s;
  },
  list: (_a, ctx) => ctx.jobs.list(),
} satisfies Handlers<EngineContext>['jobs'];
