import type { JobImpl } from '../capability';
import { runExport } from './run-export';
import { msg } from '../../../shared/i18n/current';

/** Exports run as a job: a million-row file takes seconds, and the user may cancel it. */
export const exportJob: JobImpl<'export'> = {
  label: (p) => {
    const s = p.source;
    if (s.kind === 'segment') return msg('engine.job.label.exportSegment', { name: s.name });
    if (s.kind === 'cluster') return msg('engine.job.label.exportCluster', { cluster: String(s.cluster) });
    if (s.kind === 'rfm') return msg('engine.job.label.exportRfm', { segment: s.segment });
    return msg('engine.job.label.exportDataset', { dataset: p.dataset });
  },
  run: (p, ctx, job) => runExport(ctx.ws(), p, job),
};
