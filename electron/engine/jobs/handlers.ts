import type { Handlers } from '../../../shared/contract/api';
import { JOB_KINDS, type JobKind } from '../../../shared/contract/jobs';
import { AppError } from '../../../shared/contract/result';
import type { EngineContext } from '../context';
import { JOB_IMPLS, type JobImpl } from './kinds';

export const jobsHandlers = {
  start: ({ kind, params }, ctx) => {
    const parsed = JOB_KINDS[kind].params.safeParse(params ?? {});
    if (!parsed.success) {
      throw new AppError('BAD_REQUEST', `invalid parameters for job "${kind}": ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    }
    // The table is keyed by kind, so the implementation matches the parsed parameters.
    const impl = JOB_IMPLS[kind] as unknown as JobImpl<JobKind>;
    const p = parsed.data as never;
    const jobId = ctx.jobs.start(kind, impl.label(p), (job) => impl.run(p, ctx, job), { group: impl.group?.(p) });
    return { jobId };
  },
  cancel: ({ jobId }, ctx) => ({ cancelled: ctx.jobs.cancel(jobId) }),
  get: ({ jobId }, ctx) => {
    const s = ctx.jobs.get(jobId);
    if (!s) throw new AppError('NOT_FOUND', `no job ${jobId}`);
    return s;
  },
  list: (_a, ctx) => ctx.jobs.list(),
} satisfies Handlers<EngineContext>['jobs'];
