import type { Db } from '../db/open';
import { hasTable, type Eraser } from '../erasure/registry';

/** Erasure step: cluster assignments of the erased customers, with each run's sizes counted again. */
export const eraseClusterMemberships: Eraser = (db, t) => {
  if (!hasTable(db, 'cluster_members') || !hasTable(db, 'cluster_runs')) return [];
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
};

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
    customers?: number;
    customersComputed?: number;
    clusters: { cluster: number; size: number; share: number; customers?: number }[];
    notes: string[];
  };
  const counts = new Map((db.prepare('SELECT cluster, count(*) AS n FROM cluster_members WHERE run_id = ? GROUP BY cluster').all(run) as { cluster: number; n: number }[]).map((r) => [r.cluster, r.n]));
  // Customers are distinct IDs (a customer on several rows counts once), as the run counts them when saved.
  const customers = new Map(
    (db.prepare("SELECT cluster, count(DISTINCT id) AS n FROM cluster_members WHERE run_id = ? AND id <> '' GROUP BY cluster").all(run) as { cluster: number; n: number }[]).map((r) => [r.cluster, r.n]),
  );
  const customersBefore = stored.customersComputed ?? stored.customers;
  stored.customers = db.prepare("SELECT count(DISTINCT id) FROM cluster_members WHERE run_id = ? AND id <> ''").pluck().get(run) as number;
  const rows = [...counts.values()].reduce((a, b) => a + b, 0);
  const computed = stored.rowsComputed ?? stored.rows;
  stored.rowsComputed = computed;
  stored.rows = rows;
  stored.sizes = stored.sizes.map((_, i) => counts.get(i + 1) ?? 0);
  for (const c of stored.clusters) {
    c.size = counts.get(c.cluster) ?? 0;
    c.share = rows > 0 ? c.size / rows : 0;
    c.customers = customers.get(c.cluster) ?? 0;
  }
  // Customers erased (an ID on several rows is one customer); runs saved before customer counts only know rows.
  if (customersBefore !== undefined) stored.customersComputed = customersBefore;
  const gone = customersBefore !== undefined ? customersBefore - stored.customers : computed - rows;
  const note = `${gone} customer${gone === 1 ? ' was' : 's were'} erased after this run was computed: cluster sizes count the rows and customers left; centres, explanations, silhouette and stability describe the run as computed.`;
  stored.notes = [...(stored.notes ?? []).filter((n) => !ERASED_NOTE.test(n)), note];
  db.prepare('UPDATE cluster_runs SET result_json = ? WHERE id = ?').run(JSON.stringify(stored), run);
}
