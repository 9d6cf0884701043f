import type { JobImpl } from '../jobs/kinds';
import { runExport } from './run-export';

/** Exports run as a job: a million-row file takes seconds, and the user may cancel it. */
export const exportJob: JobImpl<'export'> = {
  label: (p) => `Export ${p.source.kind === 'segment' ? `segment ${p.source.name}` : p.source.kind === 'cluster' ? `cluster ${p.source.cluster}` : p.dataset}`,
  run: (p, ctx, job) => runExport(ctx.ws(), p, job),
};
