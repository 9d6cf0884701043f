import { quoteIdent, type Db } from '../db/open';
import { clvViewName } from '../outcomes/clv-store';
import { viewName as clusterView } from '../cluster/store';
import { erasableTables, unregisterErasableTable } from './registry';
import { dropStored } from '../mirror/store';

function has(db: Db, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

/**
 * What other capabilities keep about a dataset, removed with it inside the caller's transaction:
 * saved segments (with their membership snapshots), clustering runs (assignments and views), RFM and
 * CLV results (scores and views), and registered tables of customer IDs. Leaving them would keep lists
 * of the dataset's customer IDs in the workspace after the user removed the data. Datasets linked to
 * it are unlinked. Returns rows removed per place (no personal data) for the audit log.
 */
export function removeDatasetTraces(db: Db, dataset: string): { place: string; rows: number }[] {
  const out: { place: string; rows: number }[] = [];
  if (has(db, 'segments')) {
    out.push({ place: 'saved segments', rows: db.prepare('DELETE FROM segments WHERE dataset = ?').run(dataset).changes });
  }
  if (has(db, 'cluster_runs')) {
    const runs = db.prepare('SELECT id FROM cluster_runs WHERE dataset = ?').pluck().all(dataset) as number[];
    for (const run of runs) db.exec(`DROP VIEW IF EXISTS ${quoteIdent(clusterView(run))}`);
    out.push({ place: 'clustering runs', rows: db.prepare('DELETE FROM cluster_runs WHERE dataset = ?').run(dataset).changes });
  }
  if (has(db, 'rfm_scores')) {
    db.exec(`DROP VIEW IF EXISTS ${quoteIdent(`rfm_${dataset}`)}`);
    out.push({ place: 'RFM scores', rows: db.prepare('DELETE FROM rfm_scores WHERE dataset = ?').run(dataset).changes });
    if (has(db, 'rfm_runs')) db.prepare('DELETE FROM rfm_runs WHERE dataset = ?').run(dataset);
  }
  if (has(db, 'clv_scores')) {
    db.exec(`DROP VIEW IF EXISTS ${quoteIdent(clvViewName(dataset))}`);
    out.push({ place: 'CLV scores', rows: db.prepare('DELETE FROM clv_scores WHERE dataset = ?').run(dataset).changes });
    if (has(db, 'clv_runs')) db.prepare('DELETE FROM clv_runs WHERE dataset = ?').run(dataset);
  }
  for (const t of erasableTables(db, dataset)) {
    db.exec(`DROP TABLE IF EXISTS ${quoteIdent(t.table)}`);
    unregisterErasableTable(db, t.table);
    out.push({ place: t.place, rows: 1 });
  }
  out.push({ place: 'stored columns (fast counts)', rows: dropStored(db, dataset) });
  db.prepare('UPDATE datasets SET linked_to = NULL WHERE linked_to = ?').run(dataset);
  return out.filter((p) => p.rows > 0);
}
