import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';
import type { Cell } from '../../../shared/types/columns';
import type { Mirror } from '../mirror';
import { columnsOf } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';
import { adjustedRandIndex } from './agreement';
import { clusterCatalog, clusterMirror, featureColumns } from './columns';
import type { Pca2 } from './pca';
import { PCA_SAMPLE, project, spacePca } from './pca';
import { prepareFeatures } from './prepare';
import { Rng, sampleIndices } from './rng';
import { spaceRows, type Space } from './space';
import { getRun, runLabels } from './store';

interface RunView {
  mirror: Mirror;
  space: Space;
  pca: Pca2;
  labels: Int32Array;
  features: string[];
}

/** The run's space rebuilt from its saved settings (deterministic), cached per run for the map and tooltips. */
function runView(ws: Workspace, run: number): RunView {
  return ws.cache(`cluster-view:${run}`, () => {
    // One run's space at a time: at a million rows each holds tens of megabytes.
    ws.invalidate('cluster-view:');
    const r = getRun(ws, run);
    const mirror = clusterMirror(ws, r.dataset, r.features, r.version);
    const cols = featureColumns(mirror, clusterCatalog(ws, r.dataset), r.features, r.settings.asOf);
    const prepared = prepareFeatures(cols, { scale: r.settings.scale, transform: r.settings.transform, includeSensitive: true });
    const { space } = prepared;
    const n = spaceRows(space);
    // The same axes as the run computed (same sample, same seed): the PCA of the whole clustering space.
    const pca = spacePca(space, n > PCA_SAMPLE ? sampleIndices(n, PCA_SAMPLE, new Rng(r.seed)) : undefined);
    return { mirror, space: prepared.space, pca, labels: runLabels(ws, run).labels, features: r.features };
  });
}

export function clusterMap(ws: Workspace, run: number, maxPoints: number) {
  const v = runView(ws, run);
  const total = spaceRows(v.space);
  const rows = total > maxPoints ? sampleIndices(total, maxPoints, new Rng(run)) : Int32Array.from({ length: total }, (_, i) => i);
  const x: number[] = [];
  const y: number[] = [];
  const cluster: number[] = [];
  for (const i of rows) {
    const [a, b] = project(v.space, v.pca, i);
    x.push(round(a));
    y.push(round(b));
    cluster.push(v.labels[i]);
  }
  return { x, y, cluster, row: Array.from(rows), total, shown: rows.length, sampled: rows.length < total, explained: v.pca.explained };
}

/** Tooltip fields for one row: the run's features (and the ID and PII columns only when asked). */
export function clusterMember(ws: Workspace, run: number, row: number, pii: boolean) {
  const v = runView(ws, run);
  if (row >= v.mirror.rows) throw new AppError('NOT_FOUND', msg('clusters.errors.rowOutside', { row: String(row), rows: v.mirror.rows }));
  const r = getRun(ws, run);
  const info = new Map(columnsOf(ws.db, r.dataset).map((c) => [c.name, c]));
  const names = pii ? [...(v.mirror.idColumn ? [v.mirror.idColumn] : []), ...[...info.values()].filter((c) => c.pii).map((c) => c.name), ...v.features] : v.features.filter((f) => !info.get(f)?.pii);
  const fields = [...new Set(names)].map((name) => ({ name, value: cellOf(v.mirror, name, row) }));
  const cluster = v.labels[row];
  return { cluster, clusterName: r.clusters.find((c) => c.cluster === cluster)?.name ?? `Cluster ${cluster}`, fields };
}

function cellOf(m: Mirror, name: string, row: number): Cell {
  if (name === m.idColumn && !m.columns.has(name)) return m.ids[row];
  const col = m.columns.get(name);
  if (!col) return null;
  switch (col.kind) {
    case 'number':
      return Number.isNaN(col.values[row]) ? null : col.values[row];
    case 'date': {
      const d = col.values[row];
      return Number.isNaN(d) ? null : new Date(Math.floor(d) * 86_400_000).toISOString().slice(0, 10);
    }
    case 'boolean':
      return col.values[row] > 1 ? null : col.values[row];
    case 'text':
      return col.codes[row] < 0 ? null : col.dictionary[col.codes[row]];
  }
}

/** ARI between two runs over the customers (ids) both cover, plus their cross-tabulation. */
export function compareRuns(ws: Workspace, run: number, other: number) {
  const a = getRun(ws, run);
  const b = getRun(ws, other);
  if (a.dataset !== b.dataset) throw new AppError('BAD_INPUT', msg('clusters.errors.differentDatasets', { run: String(run), other: String(other), a: a.dataset, b: b.dataset }));
  const la = runLabels(ws, run);
  const lb = runLabels(ws, other);
  const pos = new Map<string, number>();
  lb.ids.forEach((id, i) => pos.set(id, i));
  const xa: number[] = [];
  const xb: number[] = [];
  la.ids.forEach((id, i) => {
    const j = pos.get(id);
    if (j !== undefined) {
      xa.push(la.labels[i] - 1);
      xb.push(lb.labels[j] - 1);
    }
  });
  const table = Array.from({ length: a.k }, () => new Array<number>(b.k).fill(0));
  for (let i = 0; i < xa.length; i++) table[xa[i]][xb[i]]++;
  return { ari: Math.round(adjustedRandIndex(xa, xb) * 10000) / 10000, rows: xa.length, table };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
