import { hasTable, type Eraser } from '../erasure/registry';

/** Erasure step: CLV scores of the erased customers. */
export const eraseClvScores: Eraser = (db, t) => {
  if (!hasTable(db, 'clv_scores')) return [];
  const rows = db
    .prepare("DELETE FROM clv_scores WHERE (dataset = ? OR dataset IN (SELECT name FROM datasets WHERE linked_to = ?)) AND id IN (SELECT value FROM json_each(?))")
    .run(t.dataset, t.dataset, JSON.stringify(t.ids)).changes;
  return [{ place: 'CLV scores', rows }];
};
