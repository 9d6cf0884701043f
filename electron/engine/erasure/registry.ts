import type { Db } from '../db/open';

/**
 * Where else customers live. Capabilities that create tables holding customer identifiers
 * (cluster assignments, RFM results, segment snapshots) register them, so erasure reaches
 * them without knowing about each capability. Two ways:
 *  - a table keyed by the customer ID or by the dataset's rowid: `registerErasableTable`
 *    (a row in `erasable_tables`, created in the same transaction as the table);
 *  - anything else (IDs inside JSON, bitmaps): an erasure step, listed in the capability's `erasers`
 *    (electron/engine/capability.ts), which the engine registers with `registerEraser`.
 */
export interface ErasableTable {
  table: string;
  /** The customer dataset the identifiers belong to. */
  dataset: string;
  /** The column holding the customer ID (key 'id') or the rowid in the dataset's version table (key 'rowid'). */
  idColumn: string;
  key: 'id' | 'rowid';
  /** For key 'rowid': the dataset version the rowids refer to (null = the current version when the table was made). */
  version?: number | null;
  /** A short, non-personal name for the erasure report, e.g. "cluster assignments (run 3)". */
  place: string;
}

export function registerErasableTable(db: Db, t: ErasableTable): void {
  db.prepare(
    `INSERT INTO erasable_tables(table_name, dataset, id_column, key_kind, version, place) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(table_name) DO UPDATE SET dataset = excluded.dataset, id_column = excluded.id_column, key_kind = excluded.key_kind, version = excluded.version, place = excluded.place`,
  ).run(t.table, t.dataset, t.idColumn, t.key, t.version ?? null, t.place);
}

/** Call when dropping a registered table (erasure also skips and forgets tables that no longer exist). */
export function unregisterErasableTable(db: Db, table: string): void {
  db.prepare('DELETE FROM erasable_tables WHERE table_name = ?').run(table);
}

export function erasableTables(db: Db, dataset: string): ErasableTable[] {
  const rows = db.prepare('SELECT table_name, dataset, id_column, key_kind, version, place FROM erasable_tables WHERE dataset = ? ORDER BY table_name').all(dataset) as {
    table_name: string;
    dataset: string;
    id_column: string;
    key_kind: 'id' | 'rowid';
    version: number | null;
    place: string;
  }[];
  return rows.map((r) => ({ table: r.table_name, dataset: r.dataset, idColumn: r.id_column, key: r.key_kind, version: r.version, place: r.place }));
}

export interface ErasureTarget {
  /** The customer dataset erased from. */
  dataset: string;
  /** The erased customer IDs as text (bind them; never log them). */
  ids: readonly string[];
  /** Per version of the dataset: the rowids the erased customers had in that version's table. */
  rowidsByVersion: ReadonlyMap<number, readonly number[]>;
}

/** A capability's own erasure step; runs inside the erasure transaction. Returns rows removed per place. */
export type Eraser = (db: Db, target: ErasureTarget) => { place: string; rows: number }[];

const erasers = new Map<string, Eraser>();

/** Register a capability's erasure step under a stable name (registering the same name again replaces it). */
export function registerEraser(name: string, fn: Eraser): void {
  erasers.set(name, fn);
}

export function registeredErasers(): [string, Eraser][] {
  return [...erasers.entries()];
}

/** For erasure steps of optional capabilities: whether the workspace has `table` at all. */
export function hasTable(db: Db, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}
