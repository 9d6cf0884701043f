import type { Db } from '../db/open';
import { msg } from '../../../shared/i18n/current';
import { quoteIdent } from '../db/open';
import { columnsOf, versionTable } from '../workspace/catalog';
import { AppError } from '../../../shared/contract/result';
import type { ColumnType } from '../../../shared/types/columns';
import { BOOL_MISSING, type Mirror, type MirrorColumn } from './types';
import { LazyColumns } from './lazy';
import { dataStamp, distinctKey, loadColumn, loadIds, recall, saveColumn, saveIds, storedDictionarySize } from './store';

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * ISO date or datetime text → days since epoch (NaN when not ISO). Hand-written rather than
 * Date.parse because it runs once per cell of every date column on mirror builds (hot path).
 */
export function isoToDayNumber(s: string): number {
  return isoSliceToDayNumber(s, 0, s.length);
}

/** The same, for the `len` characters of `t` from `o` (an import's cell, read without cutting it out). */
export function isoSliceToDayNumber(t: string, o: number, len: number): number {
  if (len < 10 || t.charCodeAt(o + 4) !== 45 || t.charCodeAt(o + 7) !== 45) return NaN;
  const y = digits(t, o, 4);
  const m = digits(t, o + 5, 2);
  const d = digits(t, o + 8, 2);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return NaN;
  let day = daysFromCivil(y, m, d);
  if (len >= 16) {
    const hh = digits(t, o + 11, 2);
    const mm = digits(t, o + 14, 2);
    const ss = len >= 19 ? digits(t, o + 17, 2) : 0;
    if (hh === hh && mm === mm && ss === ss) day += (hh * 3600 + mm * 60 + ss) / 86400;
  }
  return day;
}

const CHUNK = 20_000;

interface Builder {
  /** Rows start..start+count of `chunk`, value at index `col`. */
  pushMany(chunk: unknown[][], col: number, start: number, count: number): void;
  finish(): MirrorColumn;
}


function numberBuilder(name: string, type: 'number' | 'integer', n: number): Builder {
  const values = new Float64Array(n);
  const push = (i: number, v: unknown): void => {
    values[i] = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
  };
  return {
    // The loop is written out in each builder so its call to push is monomorphic (hot path).
    pushMany(chunk, col, start, count) {
      for (let k = 0; k < count; k++) push(start + k, chunk[k][col]);
    },
    finish: () => ({ kind: 'number', name, type, values }),
  };
}

function dateBuilder(name: string, type: 'date' | 'datetime', n: number): Builder {
  const values = new Float64Array(n);
  // Dates repeat a lot (orders per day); parsing each distinct text once is cheaper.
  const seen = new Map<string, number>();
  const push = (i: number, v: unknown): void => {
    if (typeof v !== 'string') {
      values[i] = NaN;
      return;
    }
    let d = seen.get(v);
    if (d === undefined) {
      d = isoToDayNumber(v);
      if (seen.size < 1_000_000) seen.set(v, d);
    }
    values[i] = d;
  };
  return {
    // The loop is written out in each builder so its call to push is monomorphic (hot path).
    pushMany(chunk, col, start, count) {
      for (let k = 0; k < count; k++) push(start + k, chunk[k][col]);
    },
    finish: () => ({ kind: 'date', name, type, values }),
  };
}

function booleanBuilder(name: string, n: number): Builder {
  const values = new Uint8Array(n);
  const push = (i: number, v: unknown): void => {
    values[i] = v === null || v === undefined ? BOOL_MISSING : v === 1 || v === 1n || v === true ? 1 : v === 0 || v === 0n || v === false ? 0 : BOOL_MISSING;
  };
  return {
    // The loop is written out in each builder so its call to push is monomorphic (hot path).
    pushMany(chunk, col, start, count) {
      for (let k = 0; k < count; k++) push(start + k, chunk[k][col]);
    },
    finish: () => ({ kind: 'boolean', name, type: 'boolean', values }),
  };
}

function textBuilder(name: string, type: 'text' | 'category', n: number): Builder {
  const codes = new Int32Array(n);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  let counts = new Int32Array(64);
  const push = (i: number, v: unknown): void => {
    if (v === null || v === undefined) {
      codes[i] = -1;
      return;
    }
    const s = typeof v === 'string' ? v : String(v);
    let c = index.get(s);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(s);
      index.set(s, c);
      if (c >= counts.length) {
        const grown = new Int32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
      }
    }
    codes[i] = c;
    counts[c]++;
  };
  return {
    // The loop is written out in each builder so its call to push is monomorphic (hot path).
    pushMany(chunk, col, start, count) {
      for (let k = 0; k < count; k++) push(start + k, chunk[k][col]);
    },
    finish: () => ({ kind: 'text', name, type, codes, dictionary, counts: counts.slice(0, dictionary.length) }),
  };
}

/** A column of `n` rows from a value per row (read by `valueAt`), with the builder its type takes. */
export function columnFrom(name: string, type: ColumnType, n: number, valueAt: (row: number) => unknown): MirrorColumn {
  const b = builderFor(name, type, n);
  // Fed in chunks of one-value rows: the builders read chunk[k][col], as in a table scan.
  for (let start = 0; start < n; start += CHUNK) {
    const count = Math.min(CHUNK, n - start);
    const chunk = new Array<unknown[]>(count);
    for (let k = 0; k < count; k++) chunk[k] = [valueAt(start + k)];
    b.pushMany(chunk, 0, start, count);
  }
  return b.finish();
}

function builderFor(name: string, type: ColumnType, rows: number): Builder {
  switch (type) {
    case 'integer':
    case 'number':
      return numberBuilder(name, type, rows);
    case 'date':
    case 'datetime':
      return dateBuilder(name, type, rows);
    case 'boolean':
      return booleanBuilder(name, rows);
    default:
      return textBuilder(name, type, rows);
  }
}

/** The implicit rowid, under a name no column of the file shadows. */
function rowidName(tableCols: Set<string>): string {
  return ['rowid', '_rowid_', 'oid'].find((n) => !tableCols.has(n)) ?? 'rowid';
}

/**
 * Every row of `table` in rowid order, in chunks: `onChunk(chunk, start, count)` with chunk[k][0] the rowid
 * and chunk[k][1..] the `exprs`. Chunks by rowid with .all(): better-sqlite3's row iterator costs several
 * times more per row.
 */
function scan(db: Db, dataset: string, table: string, rid: string, exprs: string[], stamp: { rows: number; maxRowid: number }, onChunk: (chunk: unknown[][], start: number, count: number) => void): void {
  const stmt = db.prepare(`SELECT ${[rid, ...exprs].join(', ')} FROM ${quoteIdent(table)} WHERE ${rid} > ? ORDER BY ${rid} LIMIT ${CHUNK}`).raw(true);
  let i = 0;
  let last = 0;
  for (;;) {
    const chunk = stmt.all(i === 0 ? Number.MIN_SAFE_INTEGER : last) as unknown[][];
    const count = Math.min(chunk.length, stamp.rows - i);
    onChunk(chunk, i, count);
    i += count;
    if (count > 0) last = chunk[count - 1][0] as number;
    if (chunk.length < CHUNK || i >= stamp.rows) break;
  }
  // Columns are read when first used, so one read may come after another connection changed the rows
  // (an erasure in another window): row i must be the same customer in every column, or nothing is read.
  if (i !== stamp.rows || (i > 0 && last !== stamp.maxRowid)) {
    throw new AppError('CONFLICT', msg('engine.workspace.changedWhile', { dataset, what: 'its columns were read' }), { dataset });
  }
}

/**
 * Open one dataset version column-wise: the row count, the ID column and a stamp now; each column when
 * it is first used (lazy.ts), from the stored columnar copy when it matches (store.ts), else by one scan
 * of the version table for all the columns asked for at once, which is then stored for the next process.
 * `store`: keep and use the stored copy (the dataset's current version).
 */
export function buildMirror(db: Db, dataset: string, version: number, store = false): Mirror {
  const t0 = performance.now();
  const table = versionTable(db, dataset, version);
  const idRow = db.prepare('SELECT id_column FROM datasets WHERE name = ?').get(dataset) as { id_column: string | null } | undefined;
  if (!idRow) throw new AppError('NOT_FOUND', msg('data.dataset.notFound', { name: dataset }));
  const tableCols = new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name));
  const cols = columnsOf(db, dataset).filter((c) => tableCols.has(c.name));
  const typeOf = new Map(cols.map((c) => [c.name, c.type]));
  const idColumn = idRow.id_column && tableCols.has(idRow.id_column) ? idRow.id_column : null;
  const rid = rowidName(tableCols);
  const { rows, maxRowid } = db.prepare(`SELECT count(*) AS rows, coalesce(max(${rid}), 0) AS maxRowid FROM ${quoteIdent(table)}`).get() as { rows: number; maxRowid: number };
  const stamp = { rows, maxRowid };

  const loaded = new Map<string, MirrorColumn>();
  const readStored = (names: string[]): void => {
    for (const n of names) {
      const hit = store ? loadColumn(db, dataset, version, n, typeOf.get(n) as ColumnType, stamp) : null;
      if (hit) loaded.set(n, hit);
    }
  };
  const read = (names: string[]): void => {
    const toScan: string[] = [];
    for (const n of names) {
      const hit = store ? loadColumn(db, dataset, version, n, typeOf.get(n) as ColumnType, stamp) : null;
      if (hit) loaded.set(n, hit);
      else toScan.push(n);
    }
    if (!toScan.length) return;
    const builders = toScan.map((n) => builderFor(n, typeOf.get(n) as ColumnType, rows));
    scan(db, dataset, table, rid, toScan.map(quoteIdent), stamp, (chunk, start, count) => {
      for (let c = 0; c < builders.length; c++) builders[c].pushMany(chunk, c + 1, start, count);
    });
    builders.forEach((b, k) => {
      const col = b.finish();
      loaded.set(toScan[k], col);
      if (store) saveColumn(db, dataset, version, col, stamp);
    });
  };

  let ids: string[] | null = null;
  const readIds = (): string[] => {
    const hit = store ? loadIds(db, dataset, version, idColumn, stamp) : null;
    if (hit && hit.length === rows) return hit;
    const out = new Array<string>(rows);
    // Ids as SQLite renders them as text, so they equal what SQL membership queries return.
    const idExpr = idColumn ? `CAST(${quoteIdent(idColumn)} AS TEXT)` : `CAST(${rid} AS TEXT)`;
    scan(db, dataset, table, rid, [idExpr], stamp, (chunk, start, count) => {
      for (let k = 0; k < count; k++) {
        const id = chunk[k][1];
        out[start + k] = id === null || id === undefined ? '' : String(id);
      }
    });
    if (store) saveIds(db, dataset, version, idColumn, out, stamp);
    return out;
  };

  return {
    dataset,
    version,
    table,
    rows,
    idColumn,
    get ids() {
      ids ??= readIds();
      return ids;
    },
    columns: new LazyColumns({
      order: cols.map((c) => c.name),
      loaded,
      read,
      readStored,
      storedDictionarySize: (n) => (store ? storedDictionarySize(db, dataset, version, n, stamp) : null),
      countedDistinct: (n) => (store ? (recall<number>(db, distinctKey(dataset, version, n), dataStamp(db, dataset)) ?? null) : null),
    }),
    buildMs: performance.now() - t0,
    stored: store ? { stamp } : undefined,
  };
}
