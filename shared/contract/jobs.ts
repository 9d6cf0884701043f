import type { z } from 'zod';
import type { JobStartInput, JobStartOutput } from './define';
import type { Jobs } from './api';

/**
 * Jobs are declared in their namespaces (`job(params, result)` in shared/contract/ns/<ns>.ts); these types
 * are derived from those declarations.
 */
export type JobKind = keyof Jobs & string;
export type JobParams<K extends JobKind> = z.input<Jobs[K]['params']>;
export type JobResult<K extends JobKind> = z.output<Jobs[K]['result']>;
/** `jobs.start`'s argument: one `{kind, params}` shape per declared job. */
export type JobStart = JobStartInput<Jobs>;
/** `jobs.start`'s argument after validation: params parsed by the kind's own schema. */
export type JobStartParsed = JobStartOutput<Jobs>;

export { JOB_STATES, JobStatusSchema, type JobState, type JobStatus } from './ns/jobs';
