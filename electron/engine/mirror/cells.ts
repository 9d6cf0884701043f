import type { Cell, ColumnInfo } from '../../../shared/types/columns';
import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';
import { quoteIdent, type Db } from '../db/open';
import { LazyColumns } from './lazy';
import { BOOL_MISSING, type Mirror, type MirrorColumn } from './types';

/** Cell i (in rowid order) of a column, as SQLite returns it for the version table. */
export type CellAt = (i: number) => Cell;

/** A text column's codes and dictionary, for callers that format each distinct value once. */
export interface Coded {
  codes: Int32Array;
  dictionary: readonly string[];
}

const DAY_MS = 86_400_000;

/**
 * A column's cells read from the stored columnar copy, exactly as a SELECT of the version table gives
 * them (NULL as null; 0/1 for yes/no; ISO text for dates; numbers as numbers), or null when the copy
 * does not hold the column or cannot give it back exactly: date-times (whose text the copy keeps only
 * as a day fraction) are read by SQL. Nothing is scanned here: a column not stored stays to the
 * caller's SQL.
 */
export function storedCells(m: Mirror, col: Pick<ColumnInfo, 'name' | 'type'>): CellAt | null {
  return storedColumn(m, col)?.at ?? null;
}

/** The same, with a text column's codes and dictionary. Text IDs are not taken from the stored IDs: a plucked read of half a column is cheaper than parsing all of them. */
export function storedColumn(m: Mirror, col: Pick<ColumnInfo, 'name' | 'type'>): { at: CellAt; coded: Coded | null } | null {
  if (col.type === 'datetime' || !(m.columns instanceof LazyColumns)) return null;
  // Text with nearly a value per row (e-mails, names, once a read has stored them): parsing its dictionary cost
  // more than plucking the rows asked for (an export of half of 1M customers: 0.5 s more).
  const distinct = m.columns.storedDictionarySize(col.name);
  if (distinct !== null && distinct > m.rows / 2) return null;
  if (m.columns.loadStored([col.name]).length > 0) return null;
  const c = m.columns.get(col.name) as MirrorColumn;
  const at = cellsOf(c, col.type === 'date');
  return at ? { at, coded: c.kind === 'text' ? { codes: c.codes, dictionary: c.dictionary } : null } : null;
}

function cellsOf(c: MirrorColumn, isDate: boolean): CellAt | null {
  switch (c.kind) {
    case 'number': {
      const v = c.values;
      return (i) => (v[i] === v[i] ? v[i] : null);
    }
    case 'boolean': {
      const v = c.values;
      return (i) => (v[i] === BOOL_MISSING ? null : v[i]);
    }
    case 'date': {
      if (!isDate) return null;
      const v = c.values;
      // Whole days back to yyyy-mm-dd, each distinct day formatted once.
      const seen = new Map<number, string>();
      return (i) => {
        const d = v[i];
        if (d !== d) return null;
        let s = seen.get(d);
        if (s === undefined) {
          s = new Date(d * DAY_MS).toISOString().slice(0, 10);
          seen.set(d, s);
        }
        return s;
      };
    }
    case 'text': {
      const { codes, dictionary } = c;
      return (i) => (codes[i] < 0 ? null : dictionary[codes[i]]);
    }
  }
}

/**
 * The rowids of the mirror's rows, in order: row i is rowid i + 1 when the table is dense (no row was
 * ever deleted, the usual case), else read once by SQL.
 */
export function mirrorRowids(db: Db, m: Mirror): ArrayLike<number> {
  if (m.stored && m.stored.stamp.maxRowid === m.rows) {
    const out = new Float64Array(m.rows);
    for (let i = 0; i < m.rows; i++) out[i] = i + 1;
    return out;
  }
  const rowids = db.prepare(`SELECT rowid FROM ${quoteIdent(m.table)} ORDER BY rowid`).pluck().all() as number[];
  if (rowids.length !== m.rows) throw new AppError('CONFLICT', msg('engine.workspace.changedWhile', { dataset: m.dataset, what: 'its rows were read' }), { dataset: m.dataset });
  return rowids;
}

/**
 * Cells of rows start..end-1 of columns the copy does not hold, one plucked read per column over the
 * rows' rowid range (a plucked column costs a fifth of reading rows as arrays in better-sqlite3).
 */
export function sqlCells(db: Db, m: Mirror, rowids: ArrayLike<number>, names: readonly string[], start: number, end: number): Cell[][] {
  return names.map((n) => {
    const cells = db.prepare(`SELECT ${quoteIdent(n)} FROM ${quoteIdent(m.table)} WHERE rowid BETWEEN ? AND ? ORDER BY rowid`).pluck().all(rowids[start], rowids[end - 1]) as Cell[];
    // Row i of every column must be the same row: another connection may have changed the table meanwhile.
    if (cells.length !== end - start) throw new AppError('CONFLICT', msg('engine.workspace.changedWhile', { dataset: m.dataset, what: 'its rows were read' }), { dataset: m.dataset });
    return cells;
  });
}
