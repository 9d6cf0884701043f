import { z } from 'zod';
import { jobStart, method, type JobsDef } from '../define';
import { AppErrorSchema } from '../result';

export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JobStatusSchema = z.object({
  jobId: z.string(),
  kind: z.string(),
  /** A short human label, e.g. "Import customers.csv". */
  label: z.string(),
  state: z.enum(JOB_STATES),
  phase: z.string(),
  done: z.number(),
  /** 0 when the total is not known yet (indeterminate progress). */
  total: z.number(),
  startedAt: z.number(),
  result: z.unknown().optional(),
  error: AppErrorSchema.optional(),
});
export type JobStatus = z.infer<typeof JobStatusSchema>;

/**
 * The `jobs` namespace for the jobs the other namespaces declare (built in api.ts from them, so adding a
 * job to a namespace is all it takes to make it startable).
 */
export function jobsNamespace<J extends JobsDef>(declared: J) {
  return {
    /** Start a declared job (`{kind, params}`); progress, completion, failure and cancellation arrive as `job` events. */
    start: jobStart(declared, z.object({ jobId: z.string() })),
    /** Ask a running job to stop; it leaves the workspace as it was before the job. */
    cancel: method(z.object({ jobId: z.string() }), z.object({ cancelled: z.boolean() })),
    /** The status of one job (running or recently finished). */
    get: method(z.object({ jobId: z.string() }), JobStatusSchema),
    /** Running and recently finished jobs. */
    list: method(z.object({}), z.array(JobStatusSchema)),
  } as const;
}
