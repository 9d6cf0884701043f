import type { z } from 'zod';
import type { JOB_KINDS } from '../../../shared/contract/jobs';
import type { EngineContext } from '../context';
import type { JobContext } from './runner';
import { demoJob } from './demo';
import { importJob } from '../import/handlers';
import { exportJob } from '../export/export-job';
import { clvJob } from '../outcomes/clvJob';
import { clusterJob } from '../cluster/job';

type Kinds = typeof JOB_KINDS;

export interface JobImpl<K extends keyof Kinds> {
  /** Human label for the jobs tray. */
  label(params: z.output<Kinds[K]['params']>): string;
  /** Jobs of the same group cancel each other (latest wins); e.g. clustering of one dataset. */
  group?(params: z.output<Kinds[K]['params']>): string | undefined;
  run(params: z.output<Kinds[K]['params']>, ctx: EngineContext, job: JobContext): Promise<z.input<Kinds[K]['result']>>;
}

/** One implementation per declared job kind; a missing one is a compile error. */
export const JOB_IMPLS: { [K in keyof Kinds]: JobImpl<K> } = {
  demo: demoJob,
  import: importJob,
  export: exportJob,
  clv: clvJob,
  cluster: clusterJob,
};
