import type { JobImpl } from '../capability';
import { runExport } from './run-export';

/** Exports run as a job: a million-row file takes seconds, and the user may cancel it. */
export const exportJob: JobImpl<'export'> = {
  label: (p) => {
    const s = p.source;
    return `Export ${s.kind === 'segment' ? `segment ${s.name}` : s.kind === 'cluster' ? `cluster ${s.cluster}` : s.kind === 'rfm' ? `RFM segment ${s.segment}` : p.dataset}`;
  },
  run: (p, ctx, job) => runExport(ctx.ws(), p, job),
};
