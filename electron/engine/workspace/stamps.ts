import type { Db } from '../db/open';

/**
 * Cache keys that hold one dataset version's mirror or what is computed from that mirror alone
 * (`<kind>:<dataset>:<version>`): kept across an external write when the dataset's stamp did not move.
 */
export const DATASET_SCOPED_CACHE = /^(?:mirror|mirror-rowindex|mirror-customers|mirror-fields):(.*):\d+$/;

/**
 * Per dataset, a stamp of everything the catalogue says about its rows: the current version, each
 * version's table, row and cell-error counts, and the columns with their types and flags. An import
 * adds a version, an erasure lowers row counts, a column edit changes the columns: each moves it.
 */
export function datasetStamps(db: Db): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT d.name AS name, d.current_version || '|' || coalesce(d.id_column, '') || '|' || coalesce(d.linked_to, '') || '|' ||
         coalesce((SELECT group_concat(v.version || ':' || v.table_name || ':' || v.rows || ':' || v.cell_errors, ',') FROM dataset_versions v WHERE v.dataset = d.name), '') || '|' ||
         coalesce((SELECT group_concat(c.name || ':' || c.type || ':' || c.role || ':' || c.pii, ',') FROM dataset_columns c WHERE c.dataset = d.name), '') AS stamp
       FROM datasets d`,
    )
    .all() as { name: string; stamp: string }[];
  return new Map(rows.map((r) => [r.name, r.stamp]));
}
