import type { JobImpl } from '../capability';
import { msg } from '../../../shared/i18n/current';
import { datasetAsOf } from '../orders/as-of';
import { clusterCatalog, clusterMirror, featureColumns } from './columns';
import { fitSignature, keepSweep, keptFit } from './kept';
import { computeRun } from './run';
import { saveRun } from './store';

/**
 * Job kind `cluster`: reads the features from the dataset's columnar mirror, runs the pipeline
 * with progress per iteration, and saves the run in one transaction at the end, so a
 * cancelled run leaves nothing behind. A new run on the same dataset cancels a running one.
 */
export const clusterJob: JobImpl<'cluster'> = {
  label: (p) =>
    p.k === 'auto'
      ? msg('engine.job.label.clusterRange', { dataset: p.dataset, from: String(p.kRange[0]), to: String(p.kRange[1]) })
      : msg('engine.job.label.clusterK', { dataset: p.dataset, k: String(p.k) }),
  group: (p) => `cluster:${p.dataset}`,
  async run(p, ctx, job) {
    const t0 = performance.now();
    const ws = ctx.ws();
    job.report(msg('clusters.phase.loading'), 0, 0);
    const pin = ws.pin(p.dataset, 'it was being clustered');
    // Customer-view features (order history, RFM, lifetime value) join the file's columns by customer ID.
    const mirror = clusterMirror(ws, p.dataset, p.features);
    // Date features (days since …) count back from the data's own latest date, not the clock.
    const asOf = datasetAsOf(ws, p.dataset).asOf;
    const cols = featureColumns(mirror, clusterCatalog(ws, p.dataset), p.features, asOf);
    const signature = fitSignature(p, mirror.version, asOf);
    const reuse = p.fromRun !== undefined && p.k !== 'auto' ? keptFit(ws, p.dataset, p.fromRun, signature, p.k) : null;
    await job.checkpoint();
    const computed = await computeRun(cols, p, { report: job.report, checkpoint: job.checkpoint }, asOf, reuse ?? undefined);
    if (reuse) computed.prepared.notes.push(msg('clusters.notes.reused', { k: computed.k, run: String(p.fromRun) }));
    await job.checkpoint();
    job.report(msg('clusters.phase.saving'), 0, 0);
    pin.check();
    const summary = saveRun(ws, mirror, p, computed, performance.now() - t0);
    if (computed.sweepFits) keepSweep(ws, p.dataset, summary.run, signature, computed.sweepFits);
    ctx.emit({ type: 'workspace', change: 'clusters', path: null });
    return summary;
  },
};
