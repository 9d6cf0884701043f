import { useEffect, useMemo, useState } from 'react';
import type { ClusterRun } from '../../../shared/contract/ns/clusters';
import { EChart } from '../../charts/EChart';
import { useApp } from '../../store';
import { heatmapOption, kChartOption } from './charts';
import { ClusterCards } from './ClusterCards';
import { ClusterMap } from './ClusterMap';
import { FeaturePicker } from './FeaturePicker';
import './clusters.css';
import { HowComputed } from '../../app/HowComputed';
import { Term } from '../../app/Term';

type Scale = 'standard' | 'robust' | 'none';

/** Explore clusters: choose features and k, run as a job, then read the map, cards, heatmap and stability. */
export default function ClustersView() {
  const datasets = useApp((s) => s.workspace?.datasets);
  const active = useApp((s) => s.activeDataset);
  const selectDataset = useApp((s) => s.selectDataset);
  const load = useApp((s) => s.loadClusters);
  const choices = useApp((s) => s.clFeatures);
  const clDataset = useApp((s) => s.clDataset);
  const run = useApp((s) => s.clRun);
  const map = useApp((s) => s.clMap);
  const jobId = useApp((s) => s.clJobId);
  const job = useApp((s) => s.jobs.find((j) => j.jobId === s.clJobId));
  const runClustering = useApp((s) => s.runClustering);
  const ended = useApp((s) => s.clusteringEnded);
  const cancelJob = useApp((s) => s.cancelJob);
  // The ticks live in the store: they survive runs and leaving the view, and reset only with the dataset.
  const features = useApp((s) => s.clSelected);
  const setFeatures = useApp((s) => s.setClSelected);
  const orders = (datasets ?? []).filter((d) => d.kind === 'transactions' && d.linkedTo === clDataset).map((d) => d.name);
  const [auto, setAuto] = useState(true);
  const [k, setK] = useState(4);
  const [range, setRange] = useState<[number, number]>([2, 10]);
  const [seed, setSeed] = useState(42);
  const [scale, setScale] = useState<Scale>('standard');
  const [transform, setTransform] = useState<'auto' | 'none'>('auto');

  useEffect(() => {
    void load();
  }, [active, load]);
  useEffect(() => {
    if (job && job.state !== 'running') void ended(job.state === 'done' ? job.result : undefined);
  }, [job, ended]);

  const running = !!jobId && (!job || job.state === 'running');
  const start = () =>
    clDataset &&
    void runClustering({ dataset: clDataset, features, k: auto ? 'auto' : k, kRange: range, seed, scale, transform });

  return (
    <section className="clusters" aria-labelledby="clusters-title" data-testid="clusters-view">
      <h1 id="clusters-title" className="sr-only">
        Explore clusters
      </h1>
      <div className="cl-panel">
        <div className="cl-toolbar">
          <label className="inline">
            Dataset
            <select value={active ?? ''} onChange={(e) => selectDataset(e.target.value)} data-testid="cl-dataset">
              {(datasets ?? []).map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name} ({d.rows.toLocaleString()} rows)
                </option>
              ))}
            </select>
          </label>
        </div>
        <h2>Features</h2>
        <FeaturePicker choices={choices} selected={features} onChange={setFeatures} />
        {orders.length > 0 && (
          <p className="hint" data-testid="cl-orders-hint">
            The order history of {orders.join(', ')} (order counts and spend, RFM, lifetime value) is offered above as features, one value per customer from the customer view.
          </p>
        )}
        <div className="cl-settings">
          <label className="inline">
            <input type="radio" checked={auto} onChange={() => setAuto(true)} data-testid="cl-k-auto" /> choose k automatically in
            <input type="number" min={2} max={50} value={range[0]} onChange={(e) => setRange([Number(e.target.value), range[1]])} aria-label="lowest k" />–
            <input type="number" min={2} max={50} value={range[1]} onChange={(e) => setRange([range[0], Number(e.target.value)])} aria-label="highest k" />
          </label>
          <label className="inline">
            <input type="radio" checked={!auto} onChange={() => setAuto(false)} data-testid="cl-k-fixed" /> fixed k =
            <input type="number" min={2} max={50} value={k} onChange={(e) => setK(Number(e.target.value))} aria-label="k" data-testid="cl-k" />
          </label>
          <label className="inline">
            Scaling
            <select value={scale} onChange={(e) => setScale(e.target.value as Scale)}>
              <option value="standard">standard (z-scores)</option>
              <option value="robust">robust (median / IQR)</option>
              <option value="none">none</option>
            </select>
          </label>
          <label className="inline">
            <input type="checkbox" checked={transform === 'auto'} onChange={(e) => setTransform(e.target.checked ? 'auto' : 'none')} /> <Term id="log1p" /> (for skewed columns)
          </label>
          <label className="inline">
            Seed <input type="number" value={seed} onChange={(e) => setSeed(Number(e.target.value))} aria-label="seed" />
          </label>
        </div>
        <div className="cl-toolbar">
          <button className="primary" disabled={!clDataset || features.length === 0} onClick={start} data-testid="cl-run">
            {running ? 'Run again (cancels the current run)' : 'Find groups'}
          </button>
          {running && job && (
            <>
              <span className="cl-progress" data-testid="cl-progress">
                {job.phase}
                {job.total > 0 ? ` (${Math.round((100 * job.done) / job.total)}%)` : ''}
              </span>
              <button onClick={() => void cancelJob(job.jobId)} data-testid="cl-cancel">
                Cancel
              </button>
            </>
          )}
        </div>
      </div>
      {run ? (
        <RunResults run={run} />
      ) : (
        <p className="hint" data-testid="cl-empty">
          No groups yet. The columns above are a good start: press <strong>Find groups</strong> and SegmentDesk picks the number of groups that fits best.
        </p>
      )}
      <HowComputed topics={['clusterPrep', 'kmeans', 'chooseK', 'customers']} testId="cl-how" />
      {run && map && (
        <div className="cl-panel">
          <h2>Cluster map</h2>
          <ClusterMap run={run} map={map} />
        </div>
      )}
    </section>
  );
}

function RunResults({ run }: { run: ClusterRun }) {
  const runs = useApp((s) => s.clRuns);
  const openRun = useApp((s) => s.openRun);
  const removeRun = useApp((s) => s.removeRun);
  const compare = useApp((s) => s.clCompare);
  const compareWith = useApp((s) => s.compareWith);
  const kOption = useMemo(() => kChartOption(run), [run]);
  const heatOption = useMemo(() => heatmapOption(run), [run]);
  const others = runs.filter((r) => r.run !== run.run);
  return (
    <>
      <div className="cl-panel" data-testid="cl-summary">
        <div className="cl-toolbar">
          <label className="inline">
            Run
            <select value={run.run} onChange={(e) => void openRun(Number(e.target.value))} data-testid="cl-runs">
              {runs.map((r) => (
                <option key={r.run} value={r.run}>
                  #{r.run}: k = {r.k} on {r.features.join(', ')} ({r.createdAt.slice(0, 16).replace('T', ' ')})
                </option>
              ))}
            </select>
          </label>
          <button onClick={() => void removeRun(run.run)}>Delete run</button>
        </div>
        <p className="cl-lead">
          <strong>{run.k} groups</strong> of {run.customers.toLocaleString()} customers{run.customers === run.rows ? '' : ` (${run.rows.toLocaleString()} rows)`}.{' '}
          <Term id="silhouette">How clearly they separate</Term>: <strong data-testid="cl-silhouette">{run.silhouette?.toFixed(2) ?? '–'}</strong>
          {run.stability && (
            <>
              ; <Term id="ari">how stable they are</Term>: <strong data-testid="cl-ari">{run.stability.ari.toFixed(2)}</strong>
              {run.stability.unstable.length ? ` (group ${run.stability.unstable.join(', ')} changes between re-runs)` : ''}
            </>
          )}
          .
        </p>
        <details className="how-computed" data-testid="cl-details">
          <summary>Details</summary>
          <dl>
            <dt>Method</dt>
            <dd>
              {run.algorithm} (<Term id={/proto/i.test(run.algorithm) ? 'kPrototypes' : 'kMeans'} technical />)
            </dd>
            <dt>
              <Term id="silhouette" technical />
            </dt>
            <dd>{run.silhouetteSampled ? `on a seeded sample of ${run.silhouetteRows.toLocaleString()} rows` : 'exact, on every row'}</dd>
            <dt>
              <Term id="inertia" technical />
            </dt>
            <dd>{run.inertia.toFixed(1)}</dd>
            {run.stability ? (
              <>
                <dt>
                  <Term id="ari" technical />
                </dt>
                <dd>
                  mean over {run.stability.rounds} re-runs on subsamples of {run.stability.rows.toLocaleString()} rows
                </dd>
              </>
            ) : null}
            <dt>Time to fit</dt>
            <dd>{run.fitMs} ms</dd>
          </dl>
        </details>
        {run.reason && <p data-testid="cl-reason">Recommended: {run.reason}</p>}
        {run.notes.length > 0 && (
          <ul className="cl-notes" data-testid="cl-notes">
            {run.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        {others.length > 0 && (
          <label className="inline">
            Compare with run
            <select value={compare?.other ?? ''} onChange={(e) => void compareWith(e.target.value ? Number(e.target.value) : null)} data-testid="cl-compare">
              <option value="">—</option>
              {others.map((r) => (
                <option key={r.run} value={r.run}>
                  #{r.run} (k = {r.k})
                </option>
              ))}
            </select>
            {compare && (
              <span data-testid="cl-compare-ari">
                adjusted Rand index {compare.ari.toFixed(2)} over {compare.rows.toLocaleString()} {run.customers === run.rows ? 'customers' : 'rows'} ({compare.ari > 0.8 ? 'very similar' : compare.ari > 0.5 ? 'similar' : 'different'})
              </span>
            )}
          </label>
        )}
      </div>
      {run.kScores.length > 1 && (
        <div className="cl-panel">
          <h2>Choosing k</h2>
          <EChart option={kOption} height={260} label="Inertia and silhouette for each k" testId="cl-kchart" />
        </div>
      )}
      <div className="cl-panel">
        <h2>Clusters</h2>
        <ClusterCards run={run} />
      </div>
      <div className="cl-panel">
        <h2>How the groups differ</h2>
        <EChart option={heatOption} height={Math.max(run.heatmap.kinds?.includes('points') ? 240 : 200, 60 + run.k * 36)} label="Heatmap of how each group differs: numbers standardised, category values in percentage points" testId="cl-heatmap" />
        <ul className="cl-legend" data-testid="cl-heat-legend">
          <li>
            Number columns: <Term id="effect" />, this group against the rest (the same number as on the cards; ±0.5 is a clear difference).
          </li>
          {run.heatmap.kinds?.includes('points') && (
            <li>
              Category values (“column = value”): <Term id="sharePoints" />, the value’s share in the group minus its share among all customers.
            </li>
          )}
        </ul>
      </div>
    </>
  );
}
