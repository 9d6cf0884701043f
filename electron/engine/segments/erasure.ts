import { quoteIdent } from '../db/open';
import { hasTable, type Eraser } from '../erasure/registry';

/** Erasure step: the erased customers leave every saved snapshot of the dataset's segments (membership lists, sizes and totals). */
export const eraseSegmentSnapshots: Eraser = (db, t) => {
  if (!hasTable(db, 'segment_members') || !hasTable(db, 'segments')) return [];
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
};
