import type { ClusterParams, ClusterRun, ClusterRunSummary } from '../../../shared/contract/ns/clusters';
import { currentTranslator, messageLocale, msg } from '../../../shared/i18n/current';
import { datasetAsOf } from '../orders/as-of';
import { AppError } from '../../../shared/contract/result';
import { translator } from '../../../shared/i18n/translator';
import { reasonText, type ReasonFacts } from './choose-k';
import { effectText } from './explain';
import { quoteIdent } from '../db/open';
import type { Mirror } from '../mirror';
import { customerKeys } from '../mirror/customers';
import type { Workspace } from '../workspace/workspace';
import type { ComputedRun } from './run';
import { insertRows } from '../db/bulk';

type Settings = ClusterRun['settings'];
/** What result_json holds: the run minus what lives in its own columns/tables (names). */
type Stored = Omit<ClusterRun, 'run' | 'dataset' | 'version' | 'createdAt' | 'k' | 'seed' | 'features' | 'settings' | 'clusters'> & {
  clusters: Omit<ClusterRun['clusters'][number], 'name'>[];
  /** The recommendation's grounds as numbers (runs saved since the app speaks several languages): `reason` re-said in the reader's language. */
  reasonFacts?: ReasonFacts | null;
};

interface RunRow {
  id: number;
  dataset: string;
  version: number;
  created_at: string;
  k: number;
  seed: number;
  features_json: string;
  settings_json: string;
  result_json: string;
}

/** The membership view of a run; its name is built from the integer run id, never from user input. */
export const viewName = (run: number) => `cluster_${run}`;

/**
 * Clusters are made of rows; segments count customers (mirror/customers.ts). Where IDs repeat or are
 * missing the two differ: each cluster then carries both counts, and the run says so.
 */
function rowsNote(ws: Workspace, m: Mirror): string[] {
  const keys = customerKeys(ws, m);
  if (keys.unique) return [];
  return [
    msg('clusters.notes.rowsHoldCustomers', { rows: m.rows, customers: keys.distinct }),
  ];
}

/** Customers (distinct non-empty IDs) per cluster (labels 0-based) and in all. */
function customersPerCluster(ws: Workspace, m: Mirror, labels: ArrayLike<number>, k: number): { perCluster: number[]; all: number } {
  const keys = customerKeys(ws, m);
  const perCluster = new Array<number>(k).fill(0);
  if (!keys.codes) {
    for (let i = 0; i < m.rows; i++) perCluster[labels[i]]++;
    return { perCluster, all: keys.distinct };
  }
  const seen = new Set<number>();
  for (let i = 0; i < m.rows; i++) {
    const c = keys.codes[i];
    if (c < 0) continue;
    const key = labels[i] * keys.distinct + c;
    if (seen.has(key)) continue;
    seen.add(key);
    perCluster[labels[i]]++;
  }
  return { perCluster, all: keys.distinct };
}

/** Runs saved before clusters counted customers: count them from the stored memberships. */
function countCustomers(ws: Workspace, run: number): { perCluster: Map<number, number>; all: number } {
  const rows = ws.db.prepare("SELECT cluster, count(DISTINCT id) AS n FROM cluster_members WHERE run_id = ? AND id <> '' GROUP BY cluster").all(run) as { cluster: number; n: number }[];
  const all = ws.db.prepare("SELECT count(DISTINCT id) FROM cluster_members WHERE run_id = ? AND id <> ''").pluck().get(run) as number;
  return { perCluster: new Map(rows.map((r) => [r.cluster, r.n])), all };
}

/**
 * Saves a computed run in one transaction: the run row, suggested names, one membership row
 * per customer (cluster numbers are 1-based) and the view `cluster_<id>` (id, cluster, cluster_name).
 */
export function saveRun(ws: Workspace, m: Mirror, p: Required<Omit<ClusterParams, 'stabilityRounds' | 'fromRun'>> & { stabilityRounds: number }, c: ComputedRun, ms: number): ClusterRunSummary {
  const db = ws.db;
  const createdAt = new Date().toISOString();
  const settings: Settings = {
    scale: p.scale,
    transform: p.transform,
    restarts: p.restarts,
    includeSensitive: p.includeSensitive,
    k: p.k,
    kRange: p.kRange,
    asOf: datasetAsOf(ws, p.dataset).asOf,
  };
  const sizes = c.explanation.clusters.map((e) => e.size);
  const customers = customersPerCluster(ws, m, c.fit.labels, c.explanation.clusters.length);
  const unstable = new Set(c.stability?.unstable ?? []);
  const stored: Stored = {
    algorithm: c.fit.algorithm,
    inertia: c.fit.inertia,
    silhouette: c.silhouette,
    silhouetteRows: c.silhouetteRows,
    silhouetteSampled: c.silhouetteSampled,
    iterations: c.fit.iterations,
    sizes,
    fitMs: Math.round(c.fitMs),
    ms: Math.round(ms),
    rows: m.rows,
    customers: customers.all,
    kScores: c.kScores,
    recommendedK: c.recommendedK,
    reason: c.reason,
    reasonFacts: c.reasonFacts,
    stability: c.stability ? { ...c.stability, unstable: c.stability.unstable.map((u) => u + 1) } : null,
    clusters: c.explanation.clusters.map((e) => ({
      cluster: e.cluster + 1,
      suggestedName: e.name,
      size: e.size,
      share: e.share,
      customers: customers.perCluster[e.cluster],
      stability: c.stability ? c.stability.jaccard[e.cluster] : null,
      unstable: unstable.has(e.cluster),
      top: e.top,
    })),
    notes: [...c.prepared.notes, ...rowsNote(ws, m)],
    excluded: c.prepared.excluded,
    prepared: c.prepared.features.map((f) => ({
      name: f.name,
      kind: f.kind,
      type: f.type,
      role: f.role,
      transform: f.transform,
      missing: f.missing,
      missingShare: f.missingShare,
      imputed: f.imputed,
      center: f.center,
      scale: f.scale,
    })),
    effects: c.explanation.clusters.map((e) => e.features),
    heatmap: c.explanation.heatmap,
    mapExplained: c.pca ? c.pca.explained : null,
  };
  // A table written by inserts only holds rowids 1..rows (count, least and largest tell it without reading them all).
  const span = db.prepare(`SELECT count(*) AS n, min(rowid) AS lo, max(rowid) AS hi FROM ${quoteIdent(m.table)}`).get() as { n: number; lo: number | null; hi: number | null };
  if (span.n !== m.rows) throw new AppError('CONFLICT', msg('clusters.errors.changed', { dataset: m.dataset }));
  const dense = span.n === 0 || (span.lo === 1 && span.hi === span.n);
  const rowids = dense ? null : (db.prepare(`SELECT rowid FROM ${quoteIdent(m.table)} ORDER BY rowid`).pluck().all() as number[]);
  const usedFeatures = c.prepared.features.map((f) => f.name);
  const id = db.transaction(() => {
    const res = db
      .prepare('INSERT INTO cluster_runs(dataset, version, created_at, k, seed, features_json, settings_json, result_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(m.dataset, m.version, createdAt, c.k, p.seed, JSON.stringify(usedFeatures), JSON.stringify(settings), JSON.stringify(stored));
    const run = Number(res.lastInsertRowid);
    const name = db.prepare('INSERT INTO cluster_names(run_id, cluster, name, suggested) VALUES (?, ?, ?, ?)');
    for (const e of c.explanation.clusters) name.run(run, e.cluster + 1, e.name, e.name);
    const labels = c.fit.labels;
    const ids = m.ids;
    insertRows(db, 'cluster_members', ['run_id', 'row_index', 'row_id', 'id', 'cluster'], m.rows, (i, out, at) => {
      out[at] = run;
      out[at + 1] = i;
      out[at + 2] = rowids ? rowids[i] : i + 1;
      out[at + 3] = ids[i];
      out[at + 4] = labels[i] + 1;
    });
    db.exec(
      `CREATE VIEW ${quoteIdent(viewName(run))} AS SELECT m.id AS id, m.cluster AS cluster, n.name AS cluster_name ` +
        `FROM cluster_members m JOIN cluster_names n ON n.run_id = m.run_id AND n.cluster = m.cluster WHERE m.run_id = ${run}`,
    );
    return run;
  })();
  return summaryOf(getRun(ws, id));
}

function getRunRow(ws: Workspace, run: number): RunRow {
  const row = ws.db.prepare('SELECT * FROM cluster_runs WHERE id = ?').get(run) as RunRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', msg('clusters.errors.noRun', { run: String(run) }), { run });
  return row;
}

function names(ws: Workspace, run: number): Map<number, string> {
  const rows = ws.db.prepare('SELECT cluster, name FROM cluster_names WHERE run_id = ?').all(run) as { cluster: number; name: string }[];
  return new Map(rows.map((r) => [r.cluster, r.name]));
}

/** result_json as runs saved before the customer counts hold it. */
type StoredAnyAge = Omit<Stored, 'customers' | 'clusters'> & { customers?: number; clusters: (Omit<Stored['clusters'][number], 'customers'> & { customers?: number })[] };

function withCustomers(ws: Workspace, run: number, s: StoredAnyAge): Stored {
  if (s.customers !== undefined && s.clusters.every((c) => c.customers !== undefined)) return s as Stored;
  const counted = countCustomers(ws, run);
  return { ...s, customers: counted.all, clusters: s.clusters.map((c) => ({ ...c, customers: counted.perCluster.get(c.cluster) ?? 0 })) };
}

function fullOf(ws: Workspace, row: RunRow): ClusterRun {
  const { reasonFacts, ...saved } = withCustomers(ws, row.id, JSON.parse(row.result_json) as StoredAnyAge);
  const nm = names(ws, row.id);
  const settings = JSON.parse(row.settings_json) as Settings;
  const stored = inReadersLanguage(saved, reasonFacts ?? null, settings.asOf);
  return {
    ...stored,
    run: row.id,
    dataset: row.dataset,
    version: row.version,
    createdAt: row.created_at,
    k: row.k,
    seed: row.seed,
    features: JSON.parse(row.features_json) as string[],
    settings,
    clusters: stored.clusters.map((c) => ({ ...c, name: nm.get(c.cluster) ?? c.suggestedName })),
  };
}

/**
 * Runs store their explanations in English (the CLI's JSON); for a reader of another language the cards' sentences,
 * the heatmap's date columns and the recommendation are said again from the stored numbers.
 */
function inReadersLanguage(stored: Omit<Stored, 'reasonFacts'>, facts: ReasonFacts | null, asOf: string | null | undefined): Omit<Stored, 'reasonFacts'> {
  if (messageLocale() === 'en') return stored;
  const tr = currentTranslator();
  const types = new Map((stored.prepared ?? []).map((f) => [f.name, f.type]));
  const dates = new Map((stored.prepared ?? []).filter((f) => f.type === 'date' || f.type === 'datetime').map((f) => [translator('en').t('clusters.explain.daysSince', { column: f.name }), f.name]));
  return {
    ...stored,
    reason: facts ? reasonText(facts, tr) : stored.reason,
    clusters: stored.clusters.map((c) => ({
      ...c,
      top: c.top.map((t) => {
        const e = stored.effects?.[c.cluster - 1]?.find((x) => x.feature === t.feature);
        return e ? { ...t, text: effectText(e, types.get(t.feature), asOf, tr) } : t;
      }),
    })),
    heatmap: stored.heatmap && { ...stored.heatmap, features: stored.heatmap.features.map((f) => (dates.has(f) ? tr.t('clusters.explain.daysSince', { column: dates.get(f) ?? f }) : f)) },
  };
}

function summaryOf(run: ClusterRun): ClusterRunSummary {
  const { settings: _s, prepared: _p, effects: _e, heatmap: _h, mapExplained: _m, ...summary } = run;
  return summary;
}

export function getRun(ws: Workspace, run: number): ClusterRun {
  return fullOf(ws, getRunRow(ws, run));
}

export function listRuns(ws: Workspace, dataset?: string): ClusterRunSummary[] {
  const rows = (
    dataset === undefined
      ? ws.db.prepare('SELECT * FROM cluster_runs ORDER BY id DESC').all()
      : ws.db.prepare('SELECT * FROM cluster_runs WHERE dataset = ? ORDER BY id DESC').all(dataset)
  ) as RunRow[];
  return rows.map((r) => summaryOf(fullOf(ws, r)));
}

export function renameCluster(ws: Workspace, run: number, cluster: number, name: string): ClusterRun['clusters'][number] {
  const full = getRun(ws, run);
  const card = full.clusters.find((c) => c.cluster === cluster);
  if (!card) throw new AppError('NOT_FOUND', msg('clusters.errors.noCluster', { run: String(run), cluster: String(cluster), k: full.k }), { run, cluster });
  ws.db.prepare('UPDATE cluster_names SET name = ? WHERE run_id = ? AND cluster = ?').run(name, run, cluster);
  return { ...card, name };
}

export function removeRun(ws: Workspace, run: number): boolean {
  const exists = ws.db.prepare('SELECT 1 FROM cluster_runs WHERE id = ?').get(run);
  if (!exists) return false;
  ws.db.transaction(() => {
    ws.db.exec(`DROP VIEW IF EXISTS ${quoteIdent(viewName(run))}`);
    ws.db.prepare('DELETE FROM cluster_members WHERE run_id = ?').run(run);
    ws.db.prepare('DELETE FROM cluster_names WHERE run_id = ?').run(run);
    ws.db.prepare('DELETE FROM cluster_runs WHERE id = ?').run(run);
  })();
  return true;
}

/** Cluster number (1-based) per dataset row of the run, in row order. */
export function runLabels(ws: Workspace, run: number): { labels: Int32Array; ids: string[] } {
  const row = getRunRow(ws, run);
  const stored = JSON.parse(row.result_json) as Stored;
  const labels = new Int32Array(stored.rows);
  const ids = new Array<string>(stored.rows);
  // Plucked columns in the key's order: iterating rows cost 0.7 s at 1M members.
  const column = (c: string) => ws.db.prepare(`SELECT ${c} FROM cluster_members WHERE run_id = ? ORDER BY row_index`).pluck().all(run);
  const at = column('row_index') as number[];
  const cl = column('cluster') as number[];
  const id = column('id') as string[];
  for (let k = 0; k < at.length; k++) {
    labels[at[k]] = cl[k];
    ids[at[k]] = id[k];
  }
  return { labels, ids };
}

/**
 * Each named cluster of a run as a mask over the rows of the version it was computed on, with its name
 * (the run's view cluster_<run> joins members to names: a cluster without a name row has no members
 * there, so none here), in cluster order; null when the run is not of this dataset version.
 */
export function clusterMasks(ws: Workspace, run: number, dataset: string, version: number, rows: number): { cluster: string; mask: Uint8Array }[] | null {
  const row = ws.db.prepare('SELECT dataset, version FROM cluster_runs WHERE id = ?').get(run) as { dataset: string; version: number } | undefined;
  if (!row || row.dataset !== dataset || row.version !== version) return null;
  const column = (c: string) => ws.db.prepare(`SELECT ${c} FROM cluster_members WHERE run_id = ? ORDER BY row_index`).pluck().all(run) as number[];
  const at = column('row_index');
  const cl = column('cluster');
  const named = ws.db.prepare('SELECT cluster, coalesce(name, CAST(cluster AS TEXT)) AS name FROM cluster_names WHERE run_id = ? ORDER BY cluster').all(run) as { cluster: number; name: string }[];
  // Clusters given the same name are one selection, as in the view's rows grouped by name.
  const byName = new Map<string, { cluster: string; mask: Uint8Array }>();
  const of = new Map<number, Uint8Array>();
  for (const n of named) {
    let m = byName.get(n.name);
    if (!m) byName.set(n.name, (m = { cluster: n.name, mask: new Uint8Array(rows) }));
    of.set(n.cluster, m.mask);
  }
  for (let k = 0; k < at.length; k++) {
    if (at[k] >= rows) return null;
    const mask = of.get(cl[k]);
    if (mask) mask[at[k]] = 1;
  }
  const out = byName;
  return [...out.values()].filter((m) => m.mask.includes(1));
}

export function membersPage(ws: Workspace, run: number, offset: number, limit: number): { ids: string[]; clusters: number[]; total: number } {
  const row = getRunRow(ws, run);
  const total = (JSON.parse(row.result_json) as Stored).rows;
  const rows = ws.db.prepare('SELECT id, cluster FROM cluster_members WHERE run_id = ? AND row_index >= ? ORDER BY row_index LIMIT ?').raw(true).all(run, offset, limit) as [string, number][];
  return { ids: rows.map((r) => r[0]), clusters: rows.map((r) => r[1]), total };
}

/**
 * Rowids (of the dataset table the run was computed on) of one cluster's members; for exports.
 * Fails if the run belongs to another dataset or an older version than the current one.
 */
export function clusterMemberRowids(ws: Workspace, dataset: string, run: string | number, cluster: number): number[] {
  const id = Number(run);
  if (!Number.isInteger(id)) throw new AppError('NOT_FOUND', msg('clusters.errors.noRunNamed', { run }), { run });
  const row = getRunRow(ws, id);
  if (row.dataset !== dataset) throw new AppError('BAD_INPUT', msg('clusters.errors.otherDataset', { run: String(id), runDataset: row.dataset, dataset }), { run: id, dataset });
  const current = ws.db.prepare('SELECT current_version FROM datasets WHERE name = ?').pluck().get(dataset) as number | undefined;
  if (current !== row.version) throw new AppError('CONFLICT', msg('clusters.errors.oldVersion', { run: String(id), version: String(row.version), dataset, current: String(current) }), { run: id });
  if (cluster < 1 || cluster > row.k) throw new AppError('NOT_FOUND', msg('clusters.errors.noCluster', { run: String(id), cluster: String(cluster), k: row.k }), { run: id, cluster });
  return ws.db.prepare('SELECT row_id FROM cluster_members WHERE run_id = ? AND cluster = ? ORDER BY row_index').pluck().all(id, cluster) as number[];
}
