import type { Db } from '../db/open';
import { dropStored, STORE_TABLE } from '../mirror/store';
import { quoteIdent } from '../db/open';
import { AppError } from '../../../shared/contract/result';
import type { ErasurePlace, ErasurePreview, ErasureResult } from '../../../shared/contract/ns/erasure';
import { recordAudit } from '../audit/log';
import { erasableTables, registeredErasers, unregisterErasableTable, type ErasureTarget } from './registry';
import { customerKeyedDatasets, findInDataset, mentions, piiValuesOf, type DatasetHits } from './search';
import { earlierFiles } from './earlier-files';
import { msg } from '../../../shared/i18n/current';

export type { ErasurePlace, ErasureResult } from '../../../shared/contract/ns/erasure';

/** Tables of the catalogue itself; never swept for customer IDs. */
const CATALOG = new Set([STORE_TABLE, 'meta', 'datasets', 'dataset_versions', 'dataset_columns', 'cell_errors', 'column_stats', 'audit_log', 'erasable_tables']);
const MAX_IDS = 1_000_000;

function tableColumns(db: Db, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
}

function tableExists(db: Db, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
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

/** Remove the rows found in every version of a dataset, with their cell errors; keep the catalogue's counts true. */
function eraseHits(db: Db, h: DatasetHits, places: ErasurePlace[]): void {
  const label = h.kind === 'customers' ? 'dataset' : 'transactions';
  for (const [version, rowids] of h.rowidsByVersion) {
    const table = db.prepare('SELECT table_name FROM dataset_versions WHERE dataset = ? AND version = ?').pluck().get(h.dataset, version) as string;
    const errs = db.prepare('DELETE FROM cell_errors WHERE dataset = ? AND version = ? AND row IN (SELECT value FROM json_each(?))').run(h.dataset, version, JSON.stringify(rowids)).changes;
    places.push({ dataset: h.dataset, place: `${label} "${h.dataset}" version ${version}`, rows: deleteRowids(db, table, rowids) });
    if (errs > 0) places.push({ dataset: h.dataset, place: `cell errors of "${h.dataset}" version ${version}`, rows: errs });
    refreshVersionCounts(db, h.dataset, version, table);
  }
}

/** Registered tables of customer IDs and the capabilities' own steps, for one dataset. */
function eraseDerived(db: Db, h: DatasetHits, ids: readonly string[], idsJson: string, places: ErasurePlace[], handled: Set<string>): void {
  for (const reg of erasableTables(db, h.dataset)) {
    handled.add(reg.table);
    if (!tableExists(db, reg.table)) {
      unregisterErasableTable(db, reg.table);
      continue;
    }
    let rows = 0;
    if (reg.key === 'id') rows = deleteMatching(db, reg.table, reg.idColumn, idsJson);
    else {
      const version = reg.version ?? Math.max(0, ...h.rowidsByVersion.keys());
      const rowids = h.rowidsByVersion.get(version) ?? [];
      if (rowids.length) rows = db.prepare(`DELETE FROM ${quoteIdent(reg.table)} WHERE ${quoteIdent(reg.idColumn)} IN (SELECT value FROM json_each(?))`).run(JSON.stringify(rowids)).changes;
    }
    if (rows > 0) places.push({ dataset: h.dataset, place: reg.place, rows });
  }
  const target: ErasureTarget = { dataset: h.dataset, ids, rowidsByVersion: h.rowidsByVersion };
  for (const [, eraser] of registeredErasers()) for (const p of eraser(db, target)) if (p.rows > 0) places.push({ dataset: h.dataset, ...p });
}

/**
 * Import error records left that still name the customers: their ID or one of their PII values
 * (an e-mail pushed into "(extra fields)" of a shifted row, a name in a number column) as a whole token.
 */
function eraseMentions(db: Db, values: ReadonlySet<string>, places: ErasurePlace[]): void {
  if (values.size === 0) return;
  // A short ID ("17") is a token of too much unrelated text: it counts only as the whole raw value.
  const tokens = [...values].filter((v) => v.length >= 4);
  const whole = new Set([...values].filter((v) => v.length < 4));
  const hit = (db.prepare('SELECT rowid AS r, dataset, raw FROM cell_errors').all() as { r: number; dataset: string; raw: string }[]).filter(
    (e) => whole.has(e.raw.trim()) || tokens.some((v) => mentions(e.raw, v)),
  );
  const byDataset = new Map<string, number[]>();
  for (const e of hit) byDataset.set(e.dataset, [...(byDataset.get(e.dataset) ?? []), e.r]);
  for (const [dataset, rowids] of byDataset) {
    places.push({ dataset, place: `import error records of "${dataset}" naming the customers`, rows: deleteRowids(db, 'cell_errors', rowids) });
    const versions = db.prepare('SELECT version, table_name FROM dataset_versions WHERE dataset = ?').all(dataset) as { version: number; table_name: string }[];
    for (const v of versions) if (tableExists(db, v.table_name)) refreshVersionCounts(db, dataset, v.version, v.table_name);
  }
}

interface Planned {
  found: number;
  notFound: number;
  places: ErasurePlace[];
  earlierFiles: ErasureResult['earlierFiles'];
}

/** Everything an erasure does, inside the caller's transaction. */
function eraseEverywhere(db: Db, dataset: string, ids: string[]): Planned {
  const idsJson = JSON.stringify(ids);
  const keyed = customerKeyedDatasets(db);
  if (keyed.length === 0) throw new AppError('BAD_INPUT', msg('responsible.errors.noIdColumn'), { dataset });
  const hits = keyed.map((k) => findInDataset(db, k, idsJson));
  const files = earlierFiles(db, hits, idsJson);
  const values = new Set(ids);
  for (const h of hits) for (const v of piiValuesOf(db, h)) values.add(v);
  const places: ErasurePlace[] = [];
  for (const h of hits) eraseHits(db, h, places);
  // The stored columnar copy holds every value of the datasets hit: dropped whole (rebuilt on next use).
  for (const h of hits) if (h.found.size) places.push({ dataset: h.dataset, place: 'stored columns (fast counts)', rows: dropStored(db, h.dataset) });
  const handled = new Set<string>();
  for (const h of hits) eraseDerived(db, h, ids, idsJson, places, handled);
  eraseMentions(db, values, places);
  for (const key of new Set(keyed.map((k) => k.column.toLowerCase()))) sweepByColumnName(db, key, idsJson, handled, places);
  const found = new Set<string>();
  for (const h of hits) for (const id of h.found) found.add(id);
  return { found: found.size, notFound: ids.length - found.size, places: places.filter((p) => p.rows > 0), earlierFiles: files };
}

function checkRequest(db: Db, dataset: string, rawIds: readonly string[]): string[] {
  if (!db.prepare('SELECT 1 FROM datasets WHERE name = ?').get(dataset)) throw new AppError('NOT_FOUND', msg('responsible.errors.noDataset', { dataset }), { dataset });
  const ids = [...new Set(rawIds.map((s) => s.trim()).filter(Boolean))];
  if (ids.length === 0) throw new AppError('BAD_INPUT', msg('responsible.errors.noIds'));
  if (ids.length > MAX_IDS) throw new AppError('BAD_INPUT', msg('responsible.errors.tooManyIds', { max: MAX_IDS }));
  return ids;
}

class Rollback extends Error {
  constructor(readonly planned: Planned) {
    super('preview only');
  }
}

/** Where the customers are and what erasing them would remove: the erasure itself, rolled back. */
export function previewErasure(db: Db, dataset: string, rawIds: readonly string[]): ErasurePreview {
  const ids = checkRequest(db, dataset, rawIds);
  try {
    db.transaction(() => {
      throw new Rollback(eraseEverywhere(db, dataset, ids));
    })();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    const { found, ...rest } = e.planned;
    return { found, ...rest };
  }
  // An invariant a user never sees: developer text.
  throw new AppError('INTERNAL', 'erasure preview did not run');
}

/**
 * Erase customers (right to be forgotten) from every place the workspace holds them: every dataset
 * with a customer ID column (linked or not, each version), their cell errors, import error records
 * naming them, registered derived tables and erasers (snapshots, RFM, CLV, cluster assignments), and
 * any other non-catalogue table with a column named like an ID column. Fails with NOT_FOUND, changing
 * nothing, when none of the IDs is anywhere. secure_delete zeroes the deleted bytes, free pages are
 * overwritten and a TRUNCATE checkpoint empties the WAL, so the erased values no longer occur in the
 * workspace's bytes; every other row keeps its rowid.
 * The audit log records how many and where, never who.
 */
export function eraseCustomers(db: Db, dataset: string, rawIds: readonly string[]): ErasureResult {
  const ids = checkRequest(db, dataset, rawIds);
  db.pragma('secure_delete = ON');
  const planned = db.transaction(() => {
    const p = eraseEverywhere(db, dataset, ids);
    if (p.places.length === 0) {
      throw new AppError('NOT_FOUND', msg('responsible.errors.nothingErased', { count: ids.length }), {
        requested: ids.length,
      });
    }
    recordAudit(db, {
      action: 'erasure',
      dataset,
      what: `erased ${p.found} customer${p.found === 1 ? '' : 's'} (right to erasure)`,
      count: p.found,
      details: { requested: ids.length, notFound: p.notFound, places: p.places, earlierFiles: p.earlierFiles.length },
    });
    return p;
  })();
  const scrubbed = scrub(db);
  return { erased: planned.found, notFound: planned.notFound, places: planned.places, earlierFiles: planned.earlierFiles, scrubbed };
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
    if (rows > 0) places.push({ dataset: '(other tables)', place: `table ${t}`, rows });
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
    throw new AppError('BUSY', msg('responsible.errors.journalBusy'));
  }
  return true;
}
