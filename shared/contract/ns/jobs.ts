import { z } from 'zod';
import { method } from '../define';
import { JobStartSchema, JobStatusSchema } from '../jobs';

export const jobs = {
  /** Start a long-running job; progress, completion, failure and cancellation arrive as `job` events. */
  start: method(JobStartSchema, z.object({ jobId: z.string() })),
  /** Ask a running job to stop; it leaves the workspace as it was before the job. */
  cancel: method(z.object({ jobId: z.string() }), z.object({ cancelled: z.boolean() })),
  /** The status of one job (running or recently finished). */
  get: method(z.object({ jobId: z.string() }), JobStatusSchema),
  /** Running and recently finished jobs. */
  list: method(z.object({}), z.array(JobStatusSchema)),
} as const;
