import { hasTable, type Eraser } from '../erasure/registry';

/** Erasure step: RFM scores of the erased customers. */
export const eraseRfmScores: Eraser = (db, t) => {
  if (!hasTable(db, 'rfm_scores')) return [];
  // RFM is kept per transactions dataset: the dataset itself or those linked to it.
  const rows = db
    .prepare(
      "DELETE FROM rfm_scores WHERE (dataset = ? OR dataset IN (SELECT name FROM datasets WHERE linked_to = ?)) AND id IN (SELECT value FROM json_each(?))",
    )
    .run(t.dataset, t.dataset, JSON.stringify(t.ids)).changes;
  return [{ place: 'RFM scores', rows }];
};
