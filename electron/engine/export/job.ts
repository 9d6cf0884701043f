import type { JobImpl } from '../capability';
import { runExport } from './run-export';
import { msg } from '../../../shared/i18n/current';

/** Exports run as a job: a million-row file takes seconds, and the user may cancel it. */
export const exportJob: JobImpl<'export'> = {
  label: (p) => {
    const s = p.source;
    if (s.kind === 'segment') return msg('reports.job.segment', { name: s.name });
    if (s.kind === 'cluster') return msg('reports.job.cluster', { cluster: s.cluster });
    if (s.kind === 'rfm') return msg('reports.job.rfm', { name: s.segment });
    return msg('reports.job.dataset', { dataset: p.dataset });
  },
  run: (p, ctx, job) => runExport(ctx.ws(), p, job),
};
