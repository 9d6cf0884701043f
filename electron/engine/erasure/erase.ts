import type { Db } from '../db/open';
import { quoteIdent } from '../db/open';
import { AppError } from '../../../shared/contract/result';
import { recordAudit } from '../audit/log';
import { erasableTables, registeredErasers, unregisterErasableTable, type ErasureTarget } from './registry';
import { linkedCustomerColumn } from './keys';

export interface ErasurePlace {
  place: string;
  rows: number;
}

export interface ErasureResult {
  /** Customers (distinct IDs) found and erased. */
  erased: number;
  /** Requested IDs not found in the dataset (nothing to erase for them). */
  notFound: number;
  places: ErasurePlace[];
  /** Whether deleted bytes were zeroed in the file and the WAL emptied, so erased values are gone from disk. */
  scrubbed: boolean;
}

/** Tables of the catalogue itself; never swept for customer IDs. */
const CATALOG = new Set(['meta', 'datasets', 'dataset_versions', 'dataset_columns', 'cell_errors', 'column_stats', 'audit_log', 'erasable_tables']);
const MAX_IDS = 1_000_000;

function tableColumns(db: Db, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
}

function tableExists(db: Db, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

/** Rowids of rows whose `column` (compared as text, so integer IDs match too) is one of the IDs. */
function matchingRowids(db: Db, table: string, column: string, idsJson: string): number[] {
  return db.prepare(`SELECT rowid FROM ${quoteIdent(table)} WHERE CAST(${quoteIdent(column)} AS TEXT) IN (SELECT value FROM json_each(?))`).pluck().all(idsJson) as number[];
}

/** Works on WITHOUT ROWID tables too (snapshots, scores), unlike a delete by rowid. */
function deleteMatching(db: Db, table: string, column: string, idsJson: string): number {
  return db.prepare(`DELETE FROM ${quoteIdent(table)} WHERE CAST(${quoteIdent(column)} AS TEXT) IN (SELECT value FROM json_each(?))`).run(idsJson).changes;
}

function deleteRowids(db: Db, table: string, rowids: readonly number[]): number {
  if (rowids.length === 0) return 0;
  return db.prepare(`DELETE FROM ${quoteIdent(table)} WHERE rowid IN (SELECT value FROM json_each(?))`).run(JSON.stringify(rowids)).changes;
}

/** Keep the catalogue's per-version counts true after rows are removed. */
function refreshVersionCounts(db: Db, dataset: string, version: number, table: string): void {
  const rows = db.prepare(`SELECT count(*) FROM ${quoteIdent(table)}`).pluck().get() as number;
  const errors = db.prepare('SELECT count(*) FROM cell_errors WHERE dataset = ? AND version = ?').pluck().get(dataset, version) as number;
  db.prepare('UPDATE dataset_versions SET rows = ?, cell_errors = ? WHERE dataset = ? AND version = ?').run(rows, errors, dataset, version);
  const cols = new Set(tableColumns(db, table));
  const stats = db.prepare('SELECT column_name FROM column_stats WHERE dataset = ? AND version = ?').pluck().all(dataset, version) as string[];
  const update = db.prepare('UPDATE column_stats SET missing = ? WHERE dataset = ? AND version = ? AND column_name = ?');
  for (const c of stats) {
    if (!cols.has(c)) continue;
    const missing = db.prepare(`SELECT count(*) - count(${quoteIdent(c)}) FROM ${quoteIdent(table)}`).pluck().get() as number;
    update.run(missing, dataset, version, c);
  }
}

/**
 * Erase rows of one dataset's every version whose `column` holds one of the IDs, with their
 * cell errors. Returns the rowids removed per version and the distinct IDs found.
 */
function eraseFromDataset(db: Db, dataset: string, column: string, idsJson: string, places: ErasurePlace[], kind: string) {
  const versions = db.prepare('SELECT version, table_name FROM dataset_versions WHERE dataset = ? ORDER BY version').all(dataset) as { version: number; table_name: string }[];
  const rowidsByVersion = new Map<number, number[]>();
  const found = new Set<string>();
  for (const v of versions) {
    if (!tableExists(db, v.table_name) || !tableColumns(db, v.table_name).includes(column)) continue;
    const rowids = matchingRowids(db, v.table_name, column, idsJson);
    if (rowids.length === 0) continue;
    for (const id of db
      .prepare(`SELECT DISTINCT CAST(${quoteIdent(column)} AS TEXT) FROM ${quoteIdent(v.table_name)} WHERE rowid IN (SELECT value FROM json_each(?))`)
      .pluck()
      .all(JSON.stringify(rowids)) as string[])
      found.add(id);
    const errs = db
      .prepare('DELETE FROM cell_errors WHERE dataset = ? AND version = ? AND row IN (SELECT value FROM json_each(?))')
      .run(dataset, v.version, JSON.stringify(rowids)).changes;
    const removed = deleteRowids(db, v.table_name, rowids);
    rowidsByVersion.set(v.version, rowids);
    places.push({ place: `${kind} "${dataset}" version ${v.version}`, rows: removed });
    if (errs > 0) places.push({ place: `cell errors of "${dataset}" version ${v.version}`, rows: errs });
    refreshVersionCounts(db, dataset, v.version, v.table_name);
  }
  return { rowidsByVersion, found };
}

/**
 * Erase customers (right to be forgotten) from every place the workspace holds them: each
 * version of the dataset, transactions linked to it, their cell errors, registered derived
 * tables and erasers, and any other non-catalogue table with a column named like the ID
 * column. secure_delete zeroes the deleted bytes, free pages are overwritten and a TRUNCATE
 * checkpoint empties the WAL, so the erased values no longer occur in the workspace's bytes;
 * every other row keeps its rowid.
 * The audit log records how many and where, never who.
 */
export function eraseCustomers(db: Db, dataset: string, rawIds: readonly string[]): ErasureResult {
  const ds = db.prepare('SELECT name, kind, id_column FROM datasets WHERE name = ?').get(dataset) as { name: string; kind: string; id_column: string | null } | undefined;
  if (!ds) throw new AppError('NOT_FOUND', `no dataset named "${dataset}"`, { dataset });
  const key = ds.kind === 'customers' ? ds.id_column : linkedCustomerColumn(db, dataset);
  if (!key) throw new AppError('BAD_INPUT', `dataset "${dataset}" has no customer ID column: set one before erasing customers`, { dataset });
  const ids = [...new Set(rawIds.map((s) => s.trim()).filter(Boolean))];
  if (ids.length === 0) throw new AppError('BAD_INPUT', 'no customer IDs to erase were given');
  if (ids.length > MAX_IDS) throw new AppError('BAD_INPUT', `at most ${MAX_IDS} IDs can be erased at once`);
  const idsJson = JSON.stringify(ids);

  db.pragma('secure_delete = ON');
  const places: ErasurePlace[] = [];
  const erased = db.transaction(() => {
    const main = eraseFromDataset(db, dataset, key, idsJson, places, 'dataset');
    const linked = db.prepare('SELECT name FROM datasets WHERE linked_to = ? ORDER BY name').pluck().all(dataset) as string[];
    for (const t of linked) {
      const col = linkedCustomerColumn(db, t);
      if (col) eraseFromDataset(db, t, col, idsJson, places, 'transactions');
    }
    const target: ErasureTarget = { dataset, ids, rowidsByVersion: main.rowidsByVersion };
    const handled = new Set<string>();
    for (const reg of erasableTables(db, dataset)) {
      handled.add(reg.table);
      if (!tableExists(db, reg.table)) {
        unregisterErasableTable(db, reg.table);
        continue;
      }
      let rows = 0;
      if (reg.key === 'id') rows = deleteMatching(db, reg.table, reg.idColumn, idsJson);
      else {
        const version = reg.version ?? Math.max(0, ...main.rowidsByVersion.keys());
        const rowids = main.rowidsByVersion.get(version) ?? [];
        if (rowids.length) rows = db.prepare(`DELETE FROM ${quoteIdent(reg.table)} WHERE ${quoteIdent(reg.idColumn)} IN (SELECT value FROM json_each(?))`).run(JSON.stringify(rowids)).changes;
      }
      if (rows > 0) places.push({ place: reg.place, rows });
    }
    for (const [, eraser] of registeredErasers()) for (const p of eraser(db, target)) if (p.rows > 0) places.push(p);
    sweepByColumnName(db, key, idsJson, handled, places);
    const count = main.found.size;
    recordAudit(db, {
      action: 'erasure',
      dataset,
      what: `erased ${count} customer${count === 1 ? '' : 's'} (right to erasure)`,
      count,
      details: { requested: ids.length, notFound: ids.length - count, places },
    });
    return count;
  })();
  const scrubbed = scrub(db);
  return { erased, notFound: ids.length - erased, places, scrubbed };
}

/** Safety net for tables no one registered: any other table with a column named exactly like the ID column. */
function sweepByColumnName(db: Db, key: string, idsJson: string, handled: Set<string>, places: ErasurePlace[]): void {
  const versionTables = new Set(db.prepare('SELECT table_name FROM dataset_versions').pluck().all() as string[]);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const t of tables) {
    if (CATALOG.has(t) || versionTables.has(t) || handled.has(t)) continue;
    const col = tableColumns(db, t).find((c) => c.toLowerCase() === key.toLowerCase());
    if (!col) continue;
    const rows = deleteMatching(db, t, col, idsJson);
    if (rows > 0) places.push({ place: `table ${t}`, rows });
  }
}

/**
 * Make sure erased bytes are gone from disk without VACUUM: VACUUM renumbers the rowids of
 * tables without an INTEGER PRIMARY KEY (the dataset version tables, whose rowid is the record
 * number that cell errors, cluster memberships and exports refer to). Instead: the deletes ran
 * with secure_delete (cells zeroed), free pages are overwritten with zeros by a scratch blob,
 * and a TRUNCATE checkpoint copies the clean pages into the file and empties the WAL.
 */
function scrub(db: Db): boolean {
  // Statistics samples (sqlite_stat4) can hold copies of indexed values: rebuild them from what is left.
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat4'").get()) db.exec('ANALYZE');
  const free = db.pragma('freelist_count', { simple: true }) as number;
  if (free > 0) {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.transaction(() => {
      db.exec('CREATE TABLE erasure_scrub (b BLOB)');
      db.prepare('INSERT INTO erasure_scrub VALUES (zeroblob(?))').run(free * pageSize);
      db.exec('DROP TABLE erasure_scrub');
    })();
  }
  const r = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  if (r[0]?.busy !== 0) {
    throw new AppError('BUSY', 'the customers were erased, but another reader kept the workspace journal from being emptied; erase again (nothing is repeated) when no other work is running');
  }
  return true;
}
