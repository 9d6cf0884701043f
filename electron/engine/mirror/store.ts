import type { Db } from '../db/open';
import { whenChecked } from '../db/integrity';
import { messageLocale } from '../../../shared/i18n/current';
import { BOOL_MISSING, type CustomerKeys, type MirrorColumn } from './types';

/**
 * The stored columnar copy (#20): typed columns of a dataset's current version kept in the workspace as
 * BLOBs, so a fresh process answers its first count by reading the two or three columns a rule needs
 * (a few MB each) instead of scanning every row of the version table. It is a cache: built on first use
 * (one scan per batch of columns), checked on every load against a stamp of the version table (row count
 * and largest rowid) and the column's type, and dropped where the data changes under it (an erasure, a
 * dataset's deletion, a copy for sharing). Every row can be rebuilt from the version table.
 *
 * Only the current version of a dataset is stored: older versions are read rarely (a cluster run on an
 * earlier version) and storing them would grow the file with every re-import.
 */

export const STORE_TABLE = 'mirror_columns';
/** Pseudo-column names for the row IDs and the customer keys (cannot clash: no column name starts with a NUL character). */
export const IDS_ENTRY = '\u0000ids';
export const KEYS_ENTRY = '\u0000keys';

export interface Stamp {
  rows: number;
  maxRowid: number;
}

const stampText = (s: Stamp) => `${s.rows}:${s.maxRowid}`;

function hasStore(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(STORE_TABLE) !== undefined;
}

function ensureStore(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${STORE_TABLE} (
    dataset TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, stamp TEXT NOT NULL,
    data BLOB, extra TEXT, counts BLOB, PRIMARY KEY (dataset, version, name))`);
}

/** Typed array → Buffer sharing its bytes (no copy). */
const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Buffer → a fresh, aligned typed array (SQLite's buffer may sit at any offset). */
function copyOut<T>(buf: Buffer, make: (ab: ArrayBuffer) => T): T {
  const ab = new ArrayBuffer(buf.byteLength);
  new Uint8Array(ab).set(buf);
  return make(ab);
}

/**
 * The same in shared memory, for the columns rules test: live counts on large tables read them on a second
 * thread too (segments/count-thread.ts), which then needs no copy of its own.
 */
function copyShared<T>(buf: Buffer, make: (ab: SharedArrayBuffer) => T): T {
  const ab = new SharedArrayBuffer(buf.byteLength);
  new Uint8Array(ab).set(buf);
  return make(ab);
}

interface Row {
  type: string;
  stamp: string;
  data: Buffer | null;
  extra: string | null;
  counts: Buffer | null;
}

function readRow(db: Db, dataset: string, version: number, name: string, stamp: Stamp): Row | null {
  if (!hasStore(db)) return null;
  const row = db.prepare(`SELECT type, stamp, data, extra, counts FROM ${STORE_TABLE} WHERE dataset = ? AND version = ? AND name = ?`).get(dataset, version, name) as Row | undefined;
  return row && row.stamp === stampText(stamp) ? row : null;
}

/** Writes are best-effort: a read-only workspace, a busy connection or a full disk only cost the next process a rebuild. */
function write(db: Db, dataset: string, version: number, name: string, type: string, stamp: Stamp | string, data: Buffer | null, extra: string | null, counts: Buffer | null, mayDefer = true): void {
  if (db.readonly || db.inTransaction) return;
  // While a large workspace is still being checked the connection is query_only (db/integrity.ts): the
  // write waits for the check, once (the CLI waits for it before exiting, see settleStored).
  if (db.pragma('query_only', { simple: true }) === 1) {
    if (mayDefer) defer(db, () => write(db, dataset, version, name, type, stamp, data, extra, counts, false));
    return;
  }
  // Never wait for another connection's write (an import in a worker): the count that asked must not stall.
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    ensureStore(db);
    db.transaction(() => {
      // Only the current version is kept (see above): a row of another version is from before a re-import.
      db.prepare(`DELETE FROM ${STORE_TABLE} WHERE dataset = ? AND version <> ?`).run(dataset, version);
      db.prepare(`INSERT OR REPLACE INTO ${STORE_TABLE}(dataset, version, name, type, stamp, data, extra, counts) VALUES (?,?,?,?,?,?,?,?)`).run(dataset, version, name, type, typeof stamp === 'string' ? stamp : stampText(stamp), data, extra, counts);
    })();
  } catch {
    // Best-effort, as said above.
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * Entries written by an import (import/capture.ts) come in blocks, so the import never holds a whole column:
 * a head row (data NULL) and block rows named `name` + CHUNK_SEP + a zero-padded block number, read back
 * in order and joined. Numbers, dates and yes/no are blocks of float64 (a yes/no column may turn into a
 * number column at the end of an import); text codes blocks of int32; IDs pieces of JSON.
 */
export const CHUNK_SEP = '\u0000#';

/**
 * How a block holds its values: float64 as they are; int32 whole numbers with INT32_NAN for missing; category
 * codes plus one (0 = missing) in one or two bytes, or codes as int32. Kept in the block row's type as block:<format>.
 */
export type BlockFormat = 'f64' | 'i32n' | 'u8c' | 'u16c' | 'i32c';
export const INT32_NAN = -2147483648;
export const chunkName = (name: string, k: number) => `${name}${CHUNK_SEP}${String(k).padStart(6, '0')}`;

function chunks(db: Db, dataset: string, version: number, name: string): { type: string; data: Buffer | null; extra: string | null }[] {
  // Block names sort in block order: the separator, then six digits; '$' follows '#'.
  return db
    .prepare(`SELECT type, data, extra FROM ${STORE_TABLE} WHERE dataset = ? AND version = ? AND name > ? AND name < ? ORDER BY name`)
    .all(dataset, version, `${name}${CHUNK_SEP}`, `${name}\u0000$`) as { type: string; data: Buffer | null; extra: string | null }[];
}

/** The blocks of a column decoded into `out` in order; false unless they fill it exactly. */
function joined(db: Db, dataset: string, version: number, name: string, out: Float64Array | Int32Array): boolean {
  let at = 0;
  for (const c of chunks(db, dataset, version, name)) {
    if (!c.data) return false;
    const format = c.type.startsWith('block:') ? c.type.slice(6) : '';
    const src = c.data;
    const n = format === 'f64' ? src.byteLength / 8 : format === 'i32n' || format === 'i32c' ? src.byteLength / 4 : format === 'u16c' ? src.byteLength / 2 : format === 'u8c' ? src.byteLength : -1;
    if (n < 0 || at + n > out.length) return false;
    const isFloat = out instanceof Float64Array;
    if (isFloat !== (format === 'f64' || format === 'i32n')) return false;
    // Aligned copies of the bytes (SQLite's buffer may sit at any offset), then widened.
    if (format === 'f64') new Uint8Array(out.buffer, out.byteOffset + at * 8, n * 8).set(src);
    else if (format === 'i32n') {
      // A view where SQLite's buffer is aligned (it is, for blocks this size): a copy per block cost garbage collections.
      const v = src.byteOffset % 4 === 0 ? new Int32Array(src.buffer, src.byteOffset, n) : copyOut(src, (ab) => new Int32Array(ab));
      for (let i = 0; i < n; i++) out[at + i] = v[i] === INT32_NAN ? NaN : v[i];
    } else if (format === 'i32c') new Uint8Array(out.buffer, out.byteOffset + at * 4, n * 4).set(src);
    else {
      const v = format === 'u8c' ? src : copyOut(src, (ab) => new Uint16Array(ab));
      for (let i = 0; i < n; i++) out[at + i] = v[i] - 1;
    }
    at += n;
  }
  return at === out.length;
}

export function loadColumn(db: Db, dataset: string, version: number, name: string, type: string, stamp: Stamp): MirrorColumn | null {
  const row = readRow(db, dataset, version, name, stamp);
  if (!row || row.type !== type) return null;
  if (!row.data) return loadChunked(db, dataset, version, name, type, stamp.rows, row);
  switch (type) {
    case 'integer':
    case 'number':
      return { kind: 'number', name, type, values: copyShared(row.data, (ab) => new Float64Array(ab)) };
    case 'date':
    case 'datetime':
      return { kind: 'date', name, type, values: copyShared(row.data, (ab) => new Float64Array(ab)) };
    case 'boolean':
      return { kind: 'boolean', name, type, values: copyShared(row.data, (ab) => new Uint8Array(ab)) };
    case 'text':
    case 'category':
      if (!row.counts || row.extra === null) return null;
      return {
        kind: 'text',
        name,
        type,
        codes: copyOut(row.data, (ab) => new Int32Array(ab)),
        dictionary: JSON.parse(row.extra) as string[],
        counts: copyOut(row.counts, (ab) => new Int32Array(ab)),
      };
    default:
      return null;
  }
}

/** How many distinct values a stored text column holds (its dictionary's length), without reading it; null when not stored. */
export function storedDictionarySize(db: Db, dataset: string, version: number, name: string, stamp: Stamp): number | null {
  if (!hasStore(db)) return null;
  const row = db.prepare(`SELECT stamp, length(counts) AS bytes FROM ${STORE_TABLE} WHERE dataset = ? AND version = ? AND name = ?`).get(dataset, version, name) as { stamp: string; bytes: number | null } | undefined;
  return row && row.stamp === stampText(stamp) && row.bytes !== null ? row.bytes / 4 : null;
}

function loadChunked(db: Db, dataset: string, version: number, name: string, type: string, rows: number, head: Row): MirrorColumn | null {
  if (type === 'text' || type === 'category') {
    const codes = new Int32Array(rows);
    if (!joined(db, dataset, version, name, codes) || !head.counts || head.extra === null) return null;
    return { kind: 'text', name, type, codes, dictionary: JSON.parse(head.extra) as string[], counts: copyOut(head.counts, (ab) => new Int32Array(ab)) };
  }
  const f = new Float64Array(new SharedArrayBuffer(rows * 8));
  if (!joined(db, dataset, version, name, f)) return null;
  switch (type) {
    case 'integer':
    case 'number':
      return { kind: 'number', name, type, values: f };
    case 'date':
    case 'datetime':
      return { kind: 'date', name, type, values: f };
    case 'boolean': {
      // As the scan reads yes/no: 1 and 0, anything else missing.
      const b = new Uint8Array(rows);
      for (let i = 0; i < rows; i++) b[i] = f[i] === 1 ? 1 : f[i] === 0 ? 0 : BOOL_MISSING;
      return { kind: 'boolean', name, type, values: b };
    }
    default:
      return null;
  }
}

export function saveColumn(db: Db, dataset: string, version: number, col: MirrorColumn, stamp: Stamp): void {
  if (col.kind === 'text') write(db, dataset, version, col.name, col.type, stamp, bytes(col.codes), JSON.stringify(col.dictionary), bytes(col.counts));
  else write(db, dataset, version, col.name, col.type, stamp, bytes(col.values), null, null);
}

/** IDs and keys are stored with the ID column they were read from (the type field), and only match it. */
const idType = (kind: 'ids' | 'keys', idColumn: string | null) => `${kind}:${idColumn ?? ''}`;

export function loadIds(db: Db, dataset: string, version: number, idColumn: string | null, stamp: Stamp): string[] | null {
  const row = readRow(db, dataset, version, IDS_ENTRY, stamp);
  if (!row || row.type !== idType('ids', idColumn)) return null;
  if (row.extra) return JSON.parse(row.extra) as string[];
  // Written in pieces by an import: each piece is IDs in JSON, comma-separated.
  const out: string[] = [];
  for (const c of chunks(db, dataset, version, IDS_ENTRY)) {
    if (c.extra === null) return null;
    for (const id of JSON.parse(`[${c.extra}]`) as string[]) out.push(id);
  }
  return out.length === stamp.rows ? out : null;
}

export function saveIds(db: Db, dataset: string, version: number, idColumn: string | null, ids: string[], stamp: Stamp): void {
  write(db, dataset, version, IDS_ENTRY, idType('ids', idColumn), stamp, null, JSON.stringify(ids), null);
}

export function loadKeys(db: Db, dataset: string, version: number, idColumn: string | null, stamp: Stamp): CustomerKeys | null {
  const row = readRow(db, dataset, version, KEYS_ENTRY, stamp);
  if (!row?.extra || row.type !== idType('keys', idColumn)) return null;
  const { unique, distinct } = JSON.parse(row.extra) as { unique: boolean; distinct: number };
  return { unique, distinct, codes: row.data ? copyOut(row.data, (ab) => new Int32Array(ab)) : null };
}

export function saveKeys(db: Db, dataset: string, version: number, idColumn: string | null, keys: CustomerKeys, stamp: Stamp): void {
  write(db, dataset, version, KEYS_ENTRY, idType('keys', idColumn), stamp, keys.codes ? bytes(keys.codes) : null, JSON.stringify({ unique: keys.unique, distinct: keys.distinct }), null);
}

/**
 * Writes the columns an import takes (import/capture.ts) inside the import's own transaction, block by
 * block as its rows go in, so they commit with the version they describe or not at all, and the import
 * holds one block per column rather than whole columns. Rows of the dataset's other versions go first.
 */
export class ImportedColumns {
  private readonly ins;

  constructor(
    private readonly db: Db,
    private readonly dataset: string,
    private readonly version: number,
  ) {
    ensureStore(db);
    db.prepare(`DELETE FROM ${STORE_TABLE} WHERE dataset = ?`).run(dataset);
    this.ins = db.prepare(`INSERT OR REPLACE INTO ${STORE_TABLE}(dataset, version, name, type, stamp, data, extra, counts) VALUES (?,?,?,?,?,?,?,?)`);
  }

  /** Block `k` of entry `name`: bytes (a typed array's, in `format`), or a JSON piece. */
  block(name: string, k: number, data: ArrayBufferView | null, piece: string | null = null, format?: BlockFormat): void {
    this.ins.run(this.dataset, this.version, chunkName(name, k), format ? `block:${format}` : 'block', '', data ? bytes(data) : null, piece, null);
  }

  /** A column's head, under its final type and the version table's stamp: from now on it is loaded. */
  column(name: string, type: string, stamp: Stamp, text?: { dictionary: string[]; counts: Int32Array }): void {
    this.ins.run(this.dataset, this.version, name, type, stampText(stamp), null, text ? JSON.stringify(text.dictionary) : null, text ? bytes(text.counts) : null);
  }

  ids(idColumn: string | null, stamp: Stamp): void {
    this.ins.run(this.dataset, this.version, IDS_ENTRY, idType('ids', idColumn), stampText(stamp), null, null, null);
  }

  /** Customer keys when every row has an ID of its own (the import saw no repeat and no empty ID): a first count then reads no IDs. */
  uniqueKeys(idColumn: string | null, stamp: Stamp): void {
    this.ins.run(this.dataset, this.version, KEYS_ENTRY, idType('keys', idColumn), stampText(stamp), null, JSON.stringify({ unique: true, distinct: stamp.rows }), null);
  }

  /** Drop the blocks of an entry that will not be stored (a value SQLite would change, or a type it cannot take). */
  drop(name: string): void {
    this.db.prepare(`DELETE FROM ${STORE_TABLE} WHERE dataset = ? AND name > ? AND name < ?`).run(this.dataset, `${name}${CHUNK_SEP}`, `${name}\u0000$`);
  }
}

/**
 * Forget a dataset's stored columns (every dataset's without a name). Called inside an erasure's or a
 * deletion's transaction: the stored columns hold the customers' values, and an erased customer must
 * not survive in them (secure_delete zeroes the freed cells).
 */
export function dropStored(db: Db, dataset?: string): number {
  if (!hasStore(db)) return 0;
  return dataset === undefined ? db.prepare(`DELETE FROM ${STORE_TABLE}`).run().changes : db.prepare(`DELETE FROM ${STORE_TABLE} WHERE dataset = ?`).run(dataset).changes;
}

const deferred = new WeakMap<Db, (() => void)[]>();

function defer(db: Db, fn: () => void): void {
  let queue = deferred.get(db);
  if (!queue) {
    const q: (() => void)[] = [];
    queue = q;
    deferred.set(db, q);
    void whenChecked(db).then((damage) => {
      deferred.delete(db);
      if (damage === null && db.open) for (const w of q) w();
    });
  }
  queue.push(fn);
}

/** Resolves once writes deferred behind the integrity check are done (at once when there are none). */
export async function settleStored(db: Db | null): Promise<void> {
  if (!db || !deferred.has(db)) return;
  await whenChecked(db);
  // The writes run in the same continuation chain as whenChecked's first listener: let it finish.
  await new Promise<void>((resolve) => setImmediate(resolve));
}

const MEMO = '\u0000memo';

/**
 * A value derived from the data (an as-of date, the order-history SQL with its detected policy), kept in
 * the store under `key` while `stamp` (what it was derived from) is unchanged: a fresh process reads it
 * back instead of scanning millions of order lines again. Values hold no customer data. The stamp says
 * nothing of the code that derived the value: when that code changes what it derives, give the key a new
 * number (order-stats:2:…), or workspaces keep the value an older version derived.
 */
export function memo<T>(db: Db, key: string, stamp: string, compute: () => T): T {
  if (hasStore(db)) {
    const row = db.prepare(`SELECT stamp, extra FROM ${STORE_TABLE} WHERE dataset = ? AND version = 0 AND name = ?`).get(MEMO, key) as { stamp: string; extra: string | null } | undefined;
    if (row && row.stamp === stamp && row.extra !== null) return JSON.parse(row.extra) as T;
  }
  const value = compute();
  write(db, MEMO, 0, key, 'json', stamp, null, JSON.stringify(value), null);
  return value;
}

/** A derived value kept under `key` (see memo) when it was computed elsewhere; a best-effort write. */
export function remember(db: Db, key: string, stamp: string, value: unknown): void {
  write(db, MEMO, 0, key, 'json', stamp, null, JSON.stringify(value), null);
}

/** The value kept under `key` while `stamp` is unchanged, or undefined. */
export function recall<T>(db: Db, key: string, stamp: string): T | undefined {
  if (!hasStore(db)) return undefined;
  const row = db.prepare(`SELECT stamp, extra FROM ${STORE_TABLE} WHERE dataset = ? AND version = 0 AND name = ?`).get(MEMO, key) as { stamp: string; extra: string | null } | undefined;
  return row && row.stamp === stamp && row.extra !== null ? (JSON.parse(row.extra) as T) : undefined;
}

/** Key of a column's number of distinct values, which the profile counts and keeps (PII text is never stored). */
export const distinctKey = (dataset: string, version: number, column: string) => `distinct:1:${dataset}:${version}:${column}`;

/**
 * What a dataset's derived values depend on: its current version and row count (an erasure changes it),
 * its columns with their types and roles, its order-column mapping, the workspace's as-of date, today's date
 * (dates after today are not counted as activity) and the language messages are made in.
 */
export function dataStamp(db: Db, dataset: string): string {
  const v = db
    .prepare(
      `SELECT d.current_version AS version, v.rows AS rows,
        (SELECT json_array(order_column, customer_column, date_column, amount_column, quantity_column, price_column) FROM dataset_transaction_columns WHERE dataset = d.name) AS cols,
        (SELECT group_concat(name || ':' || type || ':' || role, ',') FROM dataset_columns WHERE dataset = d.name) AS types,
        (SELECT value FROM meta WHERE key = 'as_of') AS asOf
       FROM datasets d JOIN dataset_versions v ON v.dataset = d.name AND v.version = d.current_version WHERE d.name = ?`,
    )
    .get(dataset) as { version: number; rows: number; cols: string | null; types: string | null; asOf: string | null } | undefined;
  // The message locale too: memoised values carry their source in words ("the last order in orders").
  return JSON.stringify([dataset, v?.version, v?.rows, v?.cols, v?.types, v?.asOf, new Date().toISOString().slice(0, 10), messageLocale()]);
}
