import { quoteIdent, type Db } from '../db/open';
import { registerEraser } from './registry';

/**
 * Erasure steps for the shared tables of other capabilities that key customers by ID
 * inside rows of many datasets (so a per-table registration does not fit): segment
 * membership snapshots, RFM and CLV scores, and cluster assignments. Each step checks the table exists, so a workspace
 * without that capability is fine.
 */
function has(db: Db, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

registerEraser('segment snapshots', (db, t) => {
  if (!has(db, 'segment_members') || !has(db, 'segments')) return [];
  const ids = JSON.stringify(t.ids);
  const mine = 'segment_id IN (SELECT id FROM segments WHERE dataset = ?) AND id IN (SELECT value FROM json_each(?))';
  // A snapshot's size is its member count and its total the dataset's customers (distinct IDs) at that
  // version: both drop by what the erasure takes out, so the history's numbers keep matching its member lists.
  const perSnapshot = db.prepare(`SELECT segment_id AS segment, seq, count(*) AS n FROM segment_members WHERE ${mine} GROUP BY segment_id, seq`).all(t.dataset, ids) as {
    segment: number;
    seq: number;
    n: number;
  }[];
  const rows = db.prepare(`DELETE FROM segment_members WHERE ${mine}`).run(t.dataset, ids).changes;
  const size = db.prepare('UPDATE segment_versions SET size = max(0, size - ?) WHERE segment_id = ? AND seq = ?');
  for (const p of perSnapshot) size.run(p.n, p.segment, p.seq);
  const idColumn = db.prepare('SELECT id_column FROM datasets WHERE name = ?').pluck().get(t.dataset) as string | null;
  const total = db.prepare('UPDATE segment_versions SET total = ? WHERE dataset_version = ? AND segment_id IN (SELECT id FROM segments WHERE dataset = ?)');
  for (const [version, rowids] of t.rowidsByVersion) {
    if (rowids.length === 0) continue;
    // The version's rows are already gone: count its customers again (a customer may have had several rows).
    const table = db.prepare('SELECT table_name FROM dataset_versions WHERE dataset = ? AND version = ?').pluck().get(t.dataset, version) as string | undefined;
    if (!table) continue;
    const key = idColumn ? `CAST(${quoteIdent(idColumn)} AS TEXT)` : 'rowid';
    total.run((db.prepare(`SELECT count(DISTINCT ${key}) FROM ${quoteIdent(table)}`).pluck().get() as number) ?? 0, version, t.dataset);
  }
  return [{ place: 'segment membership snapshots', rows }];
});

registerEraser('rfm scores', (db, t) => {
  if (!has(db, 'rfm_scores')) return [];
  // RFM is kept per transactions dataset: the dataset itself or those linked to it.
  const rows = db
    .prepare(
      "DELETE FROM rfm_scores WHERE (dataset = ? OR dataset IN (SELECT name FROM datasets WHERE linked_to = ?)) AND id IN (SELECT value FROM json_each(?))",
    )
    .run(t.dataset, t.dataset, JSON.stringify(t.ids)).changes;
  return [{ place: 'RFM scores', rows }];
});

registerEraser('cluster memberships', (db, t) => {
  if (!has(db, 'cluster_members') || !has(db, 'cluster_runs')) return [];
  const hit = db
    .prepare('SELECT DISTINCT run_id FROM cluster_members WHERE run_id IN (SELECT id FROM cluster_runs WHERE dataset = ?) AND id IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(t.dataset, JSON.stringify(t.ids)) as number[];
  const rows = db
    .prepare('DELETE FROM cluster_members WHERE run_id IN (SELECT id FROM cluster_runs WHERE dataset = ?) AND id IN (SELECT value FROM json_each(?))')
    .run(t.dataset, JSON.stringify(t.ids)).changes;
  // row_index is the member's position in the dataset's rows (the map and run comparisons line labels up
  // with the rows by it): close the gaps, as the dataset's own rows close up, and keep the run's row count.
  // Two steps through negative numbers, so no two members ever share an index on the way.
  const renumber = db.prepare(
    `UPDATE cluster_members SET row_index = -1 - r.pos
     FROM (SELECT row_index AS old, row_number() OVER (ORDER BY row_index) - 1 AS pos FROM cluster_members WHERE run_id = ?) AS r
     WHERE cluster_members.run_id = ? AND cluster_members.row_index = r.old`,
  );
  const flip = db.prepare('UPDATE cluster_members SET row_index = -1 - row_index WHERE run_id = ? AND row_index < 0');
  for (const run of hit) {
    renumber.run(run, run);
    flip.run(run);
    recountRun(db, run);
  }
  return [{ place: 'cluster assignments', rows }];
});

const ERASED_NOTE = /^\d+ customers? (was|were) erased after this run was computed/;

/**
 * A run's stored sizes and shares after an erasure: counted again from its member lists, so the cluster
 * cards and the map agree with the members. Centres, explanations, silhouette and stability stay as
 * computed (recomputing them would be a new run); a note on the run says so and how many left.
 */
function recountRun(db: Db, run: number): void {
  const row = db.prepare('SELECT result_json FROM cluster_runs WHERE id = ?').get(run) as { result_json: string } | undefined;
  if (!row) return;
  const stored = JSON.parse(row.result_json) as {
    rows: number;
    rowsComputed?: number;
    sizes: number[];
    clusters: { cluster: number; size: number; share: number }[];
    notes: string[];
  };
  const counts = new Map((db.prepare('SELECT cluster, count(*) AS n FROM cluster_members WHERE run_id = ? GROUP BY cluster').all(run) as { cluster: number; n: number }[]).map((r) => [r.cluster, r.n]));
  const rows = [...counts.values()].reduce((a, b) => a + b, 0);
  const computed = stored.rowsComputed ?? stored.rows;
  stored.rowsComputed = computed;
  stored.rows = rows;
  stored.sizes = stored.sizes.map((_, i) => counts.get(i + 1) ?? 0);
  for (const c of stored.clusters) {
    c.size = counts.get(c.cluster) ?? 0;
    c.share = rows > 0 ? c.size / rows : 0;
  }
  const gone = computed - rows;
  const note = `${gone} customer${gone === 1 ? ' was' : 's were'} erased after this run was computed: cluster sizes count the customers left; centres, explanations, silhouette and stability describe the run as computed.`;
  stored.notes = [...(stored.notes ?? []).filter((n) => !ERASED_NOTE.test(n)), note];
  db.prepare('UPDATE cluster_runs SET result_json = ? WHERE id = ?').run(JSON.stringify(stored), run);
}

registerEraser('clv scores', (db, t) => {
  if (!has(db, 'clv_scores')) return [];
  const rows = db
    .prepare("DELETE FROM clv_scores WHERE (dataset = ? OR dataset IN (SELECT name FROM datasets WHERE linked_to = ?)) AND id IN (SELECT value FROM json_each(?))")
    .run(t.dataset, t.dataset, JSON.stringify(t.ids)).changes;
  return [{ place: 'CLV scores', rows }];
});
