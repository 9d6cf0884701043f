import { z } from 'zod';
import { AppErrorSchema } from './result';
import { IMPORT_JOB } from './ns/datasets';
import { EXPORT_JOB } from './ns/exports';
import { CLV_JOB } from './ns/outcomes';
import { CLUSTER_JOB } from './ns/clusters';

/**
 * Every long-running job kind: its parameters and its result. `jobs.start` accepts
 * `{kind, params}` validated against this table; the `done` event carries a result
 * of the matching schema.
 */
export const JOB_KINDS = {
  /** Counts to `steps` with a pause of `ms` each; exists to prove progress and cancel end to end. */
  demo: {
    params: z.object({ steps: z.number().int().min(1).max(10_000).default(50), ms: z.number().int().min(0).max(10_000).default(100) }),
    result: z.object({ steps: z.number().int() }),
  },
  /** Write a segment's / cluster's members to CSV or XLSX (consent filter, column choice, audit entry). */
  export: EXPORT_JOB,
  /** Import a CSV file as a new dataset version (stream, type, stage, swap). */
  import: IMPORT_JOB,
  /** Fit BG/NBD + Gamma-Gamma on a transactions dataset; per-customer results in view clv_<dataset>. */
  clv: CLV_JOB,
  /** Cluster a dataset's customers (k-means / k-prototypes, k sweep, explanations, stability); saved as a run. */
  cluster: CLUSTER_JOB,
} as const;

export type JobKind = keyof typeof JOB_KINDS;
export type JobParams<K extends JobKind> = z.input<(typeof JOB_KINDS)[K]['params']>;
export type JobResult<K extends JobKind> = z.output<(typeof JOB_KINDS)[K]['result']>;

export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as JobKind[];

export const JobStartSchema = z.object({ kind: z.enum(JOB_KIND_NAMES as [JobKind, ...JobKind[]]), params: z.unknown() });

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
