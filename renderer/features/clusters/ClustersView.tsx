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
import { useT } from '../../i18n/use-t';

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
  const { t, rich, fmt, locale } = useT();

  useEffect(() => {
    void load();
  }, [active, load]);
  // The engine says the run's explanations in the window's language: a new language fetches the open run again.
  const openRun = useApp((s) => s.openRun);
  const runLocale = useApp((s) => s.clRunLocale);
  useEffect(() => {
    if (run && runLocale !== locale) void openRun(run.run, { keepSelection: true });
  }, [locale, run, runLocale, openRun]);
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
        {t('clusters.view.title')}
      </h1>
      <div className="cl-panel">
        <div className="cl-toolbar">
          <label className="inline">
            {t('clusters.view.dataset')}
            <select value={active ?? ''} onChange={(e) => selectDataset(e.target.value)} data-testid="cl-dataset">
              {(datasets ?? []).map((d) => (
                <option key={d.name} value={d.name}>
                  {t('clusters.view.datasetOption', { name: d.name, rows: d.rows })}
                </option>
              ))}
            </select>
          </label>
        </div>
        <h2>{t('clusters.view.features')}</h2>
        <FeaturePicker choices={choices} selected={features} onChange={setFeatures} />
        {orders.length > 0 && (
          <p className="hint" data-testid="cl-orders-hint">
            {t('clusters.view.ordersHint', { orders: orders.join(', ') })}
          </p>
        )}
        <div className="cl-settings">
          <label className="inline">
            <input type="radio" checked={auto} onChange={() => setAuto(true)} data-testid="cl-k-auto" />{' '}
            {rich('clusters.view.kAuto', {
              low: <input type="number" min={2} max={50} value={range[0]} onChange={(e) => setRange([Number(e.target.value), range[1]])} aria-label={t('clusters.view.lowestK')} />,
              high: <input type="number" min={2} max={50} value={range[1]} onChange={(e) => setRange([range[0], Number(e.target.value)])} aria-label={t('clusters.view.highestK')} />,
            })}
          </label>
          <label className="inline">
            <input type="radio" checked={!auto} onChange={() => setAuto(false)} data-testid="cl-k-fixed" /> {t('clusters.view.kFixed')}
            <input type="number" min={2} max={50} value={k} onChange={(e) => setK(Number(e.target.value))} aria-label="k" data-testid="cl-k" />
          </label>
          <label className="inline">
            {t('clusters.view.scaling')}
            <select value={scale} onChange={(e) => setScale(e.target.value as Scale)}>
              <option value="standard">{t('clusters.view.scaleStandard')}</option>
              <option value="robust">{t('clusters.view.scaleRobust')}</option>
              <option value="none">{t('clusters.view.scaleNone')}</option>
            </select>
          </label>
          <label className="inline">
            <input type="checkbox" checked={transform === 'auto'} onChange={(e) => setTransform(e.target.checked ? 'auto' : 'none')} /> {rich('clusters.view.log1p', { term: <Term id="log1p" /> })}
          </label>
          <label className="inline">
            {t('clusters.view.seed')} <input type="number" value={seed} onChange={(e) => setSeed(Number(e.target.value))} aria-label={t('clusters.view.seedLabel')} />
          </label>
        </div>
        <div className="cl-toolbar">
          <button className="primary" disabled={!clDataset || features.length === 0} onClick={start} data-testid="cl-run">
            {running ? t('clusters.view.runAgain') : t('clusters.view.findGroups')}
          </button>
          {running && job && (
            <>
              <span className="cl-progress" data-testid="cl-progress">
                {job.phase}
                {job.total > 0 ? ` (${fmt.percent(Math.round((100 * job.done) / job.total) / 100, 0)})` : ''}
              </span>
              <button onClick={() => void cancelJob(job.jobId)} data-testid="cl-cancel">
                {t('common.cancel')}
              </button>
            </>
          )}
        </div>
      </div>
      {run ? (
        <RunResults run={run} />
      ) : (
        <p className="hint" data-testid="cl-empty">
          {rich('clusters.view.empty', { b: (chunks) => <strong>{chunks}</strong> })}
        </p>
      )}
      <HowComputed topics={['clusterPrep', 'kmeans', 'chooseK', 'customers']} testId="cl-how" />
      {run && map && (
        <div className="cl-panel">
          <h2>{t('clusters.view.mapTitle')}</h2>
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
  const { t, rich, fmt } = useT();
  const kOption = useMemo(() => kChartOption(run, fmt), [run, fmt]);
  const heatOption = useMemo(() => heatmapOption(run, fmt), [run, fmt]);
  const others = runs.filter((r) => r.run !== run.run);
  return (
    <>
      <div className="cl-panel" data-testid="cl-summary">
        <div className="cl-toolbar">
          <label className="inline">
            {t('clusters.view.run')}
            <select value={run.run} onChange={(e) => void openRun(Number(e.target.value))} data-testid="cl-runs">
              {runs.map((r) => (
                <option key={r.run} value={r.run}>
                  {t('clusters.view.runOption', { run: r.run, k: r.k, features: r.features.join(', '), when: fmt.date(r.createdAt.slice(0, 16)) })}
                </option>
              ))}
            </select>
          </label>
          <button onClick={() => void removeRun(run.run)}>{t('clusters.view.deleteRun')}</button>
        </div>
        <p className="cl-lead">
          {rich(run.customers === run.rows ? 'clusters.run.lead' : 'clusters.run.leadRows', { k: run.k, customers: run.customers, rows: run.rows, b: (chunks) => <strong>{chunks}</strong> })}{' '}
          {rich(!run.stability ? 'clusters.run.separation' : run.stability.unstable.length ? 'clusters.run.separationUnstable' : 'clusters.run.separationStable', {
            sil: (chunks) => <Term id="silhouette">{chunks}</Term>,
            ari: (chunks) => <Term id="ari">{chunks}</Term>,
            s: (chunks) => <strong data-testid="cl-silhouette">{chunks}</strong>,
            a: (chunks) => <strong data-testid="cl-ari">{chunks}</strong>,
            silhouette: fmt.number(run.silhouette, 2),
            stability: fmt.number(run.stability?.ari, 2),
            count: run.stability?.unstable.length ?? 0,
            groups: run.stability?.unstable.join(', ') ?? '',
          })}
        </p>
        <details className="how-computed" data-testid="cl-details">
          <summary>{t('clusters.run.details')}</summary>
          <dl>
            <dt>{t('clusters.run.method')}</dt>
            <dd>
              {run.algorithm} (<Term id={/proto/i.test(run.algorithm) ? 'kPrototypes' : 'kMeans'} technical />)
            </dd>
            <dt>
              <Term id="silhouette" technical />
            </dt>
            <dd>{run.silhouetteSampled ? t('clusters.run.silhouetteSample', { rows: run.silhouetteRows }) : t('clusters.run.silhouetteExact')}</dd>
            <dt>
              <Term id="inertia" technical />
            </dt>
            <dd>{fmt.number(run.inertia, 1)}</dd>
            {run.stability ? (
              <>
                <dt>
                  <Term id="ari" technical />
                </dt>
                <dd>{t('clusters.run.stabilityHow', { rounds: run.stability.rounds, rows: run.stability.rows })}</dd>
              </>
            ) : null}
            <dt>{t('clusters.run.fitTime')}</dt>
            <dd>{t('clusters.run.ms', { ms: run.fitMs })}</dd>
          </dl>
        </details>
        {run.reason && <p data-testid="cl-reason">{t('clusters.run.recommended', { reason: run.reason })}</p>}
        {run.notes.length > 0 && (
          <ul className="cl-notes" data-testid="cl-notes">
            {run.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        {others.length > 0 && (
          <label className="inline">
            {t('clusters.run.compareWith')}
            <select value={compare?.other ?? ''} onChange={(e) => void compareWith(e.target.value ? Number(e.target.value) : null)} data-testid="cl-compare">
              <option value="">—</option>
              {others.map((r) => (
                <option key={r.run} value={r.run}>
                  {t('clusters.run.compareOption', { run: r.run, k: r.k })}
                </option>
              ))}
            </select>
            {compare && (
              <span data-testid="cl-compare-ari">
                {t('clusters.run.compareAri', {
                  ari: fmt.number(compare.ari, 2),
                  count: compare.rows,
                  unit: run.customers === run.rows ? 'customers' : 'rows',
                  verdict: compare.ari > 0.8 ? 'verySimilar' : compare.ari > 0.5 ? 'similar' : 'different',
                })}
              </span>
            )}
          </label>
        )}
      </div>
      {run.kScores.length > 1 && (
        <div className="cl-panel">
          <h2>{t('clusters.run.chooseK')}</h2>
          <EChart option={kOption} height={260} label={t('clusters.kchart.label')} testId="cl-kchart" />
        </div>
      )}
      <div className="cl-panel">
        <h2>{t('clusters.run.clusters')}</h2>
        <ClusterCards run={run} />
      </div>
      <div className="cl-panel">
        <h2>{t('clusters.run.howDiffer')}</h2>
        <EChart option={heatOption} height={Math.max(run.heatmap.kinds?.includes('points') ? 240 : 200, 60 + run.k * 36)} label={t('clusters.run.heatLabel')} testId="cl-heatmap" />
        <ul className="cl-legend" data-testid="cl-heat-legend">
          <li>{rich('clusters.run.legendNumbers', { term: <Term id="effect" />, bound: fmt.number(0.5, 1) })}</li>
          {run.heatmap.kinds?.includes('points') && (
            <li>{rich('clusters.run.legendCategories', { term: <Term id="sharePoints" /> })}</li>
          )}
        </ul>
      </div>
    </>
  );
}
