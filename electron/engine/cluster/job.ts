import type { JobImpl } from '../capability';
import { getMirror } from '../mirror';
import { columnsOf } from '../workspace/catalog';
import { featureColumns } from './columns';
import { computeRun } from './run';
import { saveRun } from './store';

/**
 * Job kind `cluster`: reads the features from the dataset's columnar mirror, runs the pipeline
 * with progress per iteration, and saves the run in one transaction at the end, so a
 * cancelled run leaves nothing behind. A new run on the same dataset cancels a running one.
 */
export const clusterJob: JobImpl<'cluster'> = {
  label: (p) => `Cluster ${p.dataset} (${p.k === 'auto' ? `k ${p.kRange[0]}–${p.kRange[1]}` : `k = ${p.k}`})`,
  group: (p) => `cluster:${p.dataset}`,
  async run(p, ctx, job) {
    const t0 = performance.now();
    const ws = ctx.ws();
    job.report('loading', 0, 0);
    const pin = ws.pin(p.dataset, 'it was being clustered');
    const mirror = getMirror(ws, p.dataset);
    const asOf = ws.asOfDate();
    const cols = featureColumns(mirror, columnsOf(ws.db, p.dataset), p.features, asOf);
    await job.checkpoint();
    const computed = await computeRun(cols, p, { report: job.report, checkpoint: job.checkpoint }, asOf);
    await job.checkpoint();
    job.report('saving', 0, 0);
    pin.check();
    const summary = saveRun(ws, mirror, p, computed, performance.now() - t0);
    ctx.emit({ type: 'workspace', change: 'clusters', path: null });
    return summary;
  },
};
