import { rowChunks } from '../db/row-chunks';
import type { Db } from '../db/open';
import { quoteIdent } from '../db/open';
import type { Cell, ColumnInfo } from '../../../shared/types/columns';
import { AppError } from '../../../shared/contract/result';
import { columnsOf, versionTable } from '../workspace/catalog';
import { recordAudit } from '../audit/log';
import { customerCodes, customerIdExpr, RepeatCheck } from '../workspace/customer-rows';
import { msg } from '../../../shared/i18n/current';
import type { Mirror } from '../mirror';
import { mirrorRowids, storedCells, type CellAt } from '../mirror/cells';

/** A customer's marketing consent: given, refused, or not recorded (treated as not given). */
export type Consent = 'yes' | 'no' | 'unknown';

const YES = new Set(['yes', 'y', 'true', 't', '1', 'opt-in', 'opt in', 'opted in', 'optin', 'granted', 'consent', 'subscribed', 'tak', 'oui', 'ja', 'si', 'sí', 'x']);
const NO = new Set(['no', 'n', 'false', 'f', '0', 'opt-out', 'opt out', 'opted out', 'optout', 'denied', 'refused', 'unsubscribed', 'nie', 'non', 'nein']);

/** Columns whose presence means the customer withdrew (opt-out date, unsubscribed flag) read the other way round. */
export function isOptOutColumn(name: string): boolean {
  return /opt[\s_-]?out|unsubscri|withdr|do[\s_-]?not|dnc|revoked/i.test(name);
}

export function consentColumns(columns: readonly ColumnInfo[]): ColumnInfo[] {
  return columns.filter((c) => c.role === 'consent');
}

/** One cell of a consent column as a consent: yes/no values, 0/1 flags, or an opt-in date on or before the as-of date. */
export function consentOf(col: Pick<ColumnInfo, 'name' | 'type'>, v: Cell, asOf: string): Consent {
  return judged(col, v, asOf, isOptOutColumn(col.name));
}

/** consentOf for one column and day, its name read once (a regular expression per cell cost an export of 1M rows 40 ms). */
export function consentJudge(col: Pick<ColumnInfo, 'name' | 'type'>, asOf: string): (v: Cell) => Consent {
  const invert = isOptOutColumn(col.name);
  return (v) => judged(col, v, asOf, invert);
}

function judged(col: Pick<ColumnInfo, 'name' | 'type'>, v: Cell, asOf: string, invert: boolean): Consent {
  let given: boolean | null;
  if (col.type === 'date' || col.type === 'datetime') {
    // An opt-in (opt-out) date says consent was given (withdrawn) from that day; no date means it never was.
    given = typeof v === 'string' && v !== '' && v.slice(0, 10) <= asOf;
  } else if (v === null || v === '') {
    return 'unknown';
  } else if (typeof v === 'number') {
    given = v === 1 ? true : v === 0 ? false : null;
  } else {
    const t = v.trim().toLowerCase();
    given = YES.has(t) ? true : NO.has(t) ? false : null;
  }
  if (given === null) return 'unknown';
  return given !== invert ? 'yes' : 'no';
}

/**
 * The day consent is judged on: today, not the data's as-of date. Consent governs a mailing that
 * happens now, so an opt-out dated after the export file was made still counts, and an analysis
 * date set back to 2011 must never revive consent withdrawn since.
 */
export function consentDay(): string {
  return new Date().toISOString().slice(0, 10);
}

export interface ConsentResult {
  /** The consent columns consulted (all of the dataset's, or the one asked for); empty = no consent data. */
  columns: string[];
  /** Customers (distinct IDs) among the given rows. */
  total: number;
  /** Rows given (all rows of the current version when no rowids were given). */
  rows: number;
  /** Customers who consented. */
  consenting: number;
  /** Rowids (of the dataset's current version, ascending) of every given row of a customer who consented. */
  included: number[];
  /** Of `included`: each consenting customer's latest row (the highest rowid), ascending. */
  includedLatest: number[];
  /** Each customer's latest given row, consenting or not, ascending. */
  latest: number[];
  /** Customers left out: refused, or consent missing or unreadable. */
  excluded: number;
  /** Of the excluded: customers whose consent is missing or unreadable (and refused on none of their rows). */
  unknown: number;
}

// A row's (and a customer's) verdict, ordered so the lowest of several wins.
const V_NO = 0;
const V_UNKNOWN = 1;
const V_YES = 2;

/**
 * The marketing-consent filter exports and member lists use: of the given rows (rowids of
 * the dataset's current version; all rows when omitted) keep the customers who consented in
 * every consent column. A dataset without a consent column keeps everyone and says so
 * (`columns` empty), since SegmentDesk cannot know consent the data does not record.
 * Counts are of customers (distinct IDs). A customer on several rows consents only when every
 * one of their rows in the dataset does, given or not: a refusal on any row wins, as it does
 * across consent columns, so a segment cannot pick up a customer through a row that predates
 * their opt-out.
 */
function* chunkedRows(db: Db, select: string): Generator<Cell[]> {
  for (const chunk of rowChunks({ db }, select)) yield* chunk;
}

export function consentFilter(db: Db, dataset: string, opts: { asOf: string; rowids?: Iterable<number>; column?: string; columnar?: ColumnarSource }): ConsentResult {
  const table = versionTable(db, dataset);
  let cols = consentColumns(columnsOf(db, dataset));
  if (opts.column !== undefined) {
    cols = cols.filter((c) => c.name === opts.column);
    if (cols.length === 0) throw new AppError('BAD_INPUT', msg('responsible.errors.noConsentColumn', { dataset, column: opts.column }), { dataset, column: opts.column });
  }
  // A byte per rowid, not a Set: this is checked once per row of the table.
  let wanted: Uint8Array | null = null;
  if (opts.rowids) {
    const ids = Array.from(opts.rowids);
    let max = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] > max) max = ids[i];
    wanted = new Uint8Array(max + 1);
    for (let i = 0; i < ids.length; i++) wanted[ids[i]] = 1;
  }
  const idExpr = customerIdExpr(db, dataset, table);
  const judges = cols.map((c) => consentJudge(c, opts.asOf));
  const verdictOf = (cell: (k: number) => Cell): number => {
    let verdict = V_YES;
    for (let k = 0; k < cols.length; k++) {
      const c = judges[k](cell(k));
      if (c === 'no') return V_NO;
      if (c === 'unknown') verdict = V_UNKNOWN;
    }
    return verdict;
  };
  const read = (opts.columnar && readColumnar(db, opts.columnar, cols, wanted, verdictOf)) || readRows(db, table, idExpr, cols, wanted, verdictOf);
  const { all, verdicts, given, unique } = read;
  const columnNames = cols.map((c) => c.name);
  const rowids: number[] = [];
  for (let i = 0; i < all.length; i++) if (given[i]) rowids.push(all[i]);
  if (!idExpr || unique) {
    // One row per customer (the usual case): no grouping needed.
    const included: number[] = [];
    let unknown = 0;
    for (let i = 0; i < all.length; i++) {
      if (!given[i]) continue;
      if (verdicts[i] === V_YES) included.push(all[i]);
      else if (verdicts[i] === V_UNKNOWN) unknown++;
    }
    return { columns: columnNames, total: rowids.length, rows: rowids.length, consenting: included.length, included, includedLatest: included, latest: rowids, excluded: rowids.length - included.length, unknown };
  }
  const { codes, customers } = customerCodes(db, table, idExpr, all);
  const customerVerdict = new Uint8Array(customers).fill(V_YES);
  for (let i = 0; i < all.length; i++) customerVerdict[codes[i]] = Math.min(customerVerdict[codes[i]], verdicts[i]);
  // A customer's latest given row: the last one of the file (rowid order), the most recent record of a CRM export.
  const last = new Int32Array(customers).fill(-1);
  for (let i = 0; i < all.length; i++) if (given[i]) last[codes[i]] = i;
  const included: number[] = [];
  const latest: number[] = [];
  const includedLatest: number[] = [];
  for (let i = 0; i < all.length; i++) {
    if (!given[i]) continue;
    const yes = customerVerdict[codes[i]] === V_YES;
    if (yes) included.push(all[i]);
    if (last[codes[i]] !== i) continue;
    latest.push(all[i]);
    if (yes) includedLatest.push(all[i]);
  }
  // Customers are those with a given row.
  let total = 0;
  let consenting = 0;
  let unknown = 0;
  for (let c = 0; c < customers; c++) {
    if (last[c] < 0) continue;
    total++;
    if (customerVerdict[c] === V_YES) consenting++;
    else if (customerVerdict[c] === V_UNKNOWN) unknown++;
  }
  return { columns: columnNames, total, rows: rowids.length, consenting, included, includedLatest, latest, excluded: total - consenting, unknown };
}

/** The dataset's current version column-wise, with whether every row has an ID of its own (mirror/customers.ts). */
export interface ColumnarSource {
  mirror: Mirror;
  idsUnique: boolean;
}

interface RowsRead {
  /** Every row's rowid, in order. */
  all: ArrayLike<number>;
  verdicts: Uint8Array;
  /** Whether the row is among those asked about. */
  given: Uint8Array;
  /** Every row has a customer ID of its own. */
  unique: boolean;
}

/** Every row of the table by SQL, in rowid order: its verdict, whether it was given, and whether IDs repeat. */
function readRows(db: Db, table: string, idExpr: string | null, cols: ColumnInfo[], wanted: Uint8Array | null, verdictOf: (cell: (k: number) => Cell) => number): RowsRead {
  const select = [`rowid AS r`, idExpr ?? 'NULL', ...cols.map((c) => quoteIdent(c.name))].join(', ');
  // Sized up front: a million-row export should not hold a boxed verdict per row or regrow the hash set.
  const tableRows = db.prepare(`SELECT count(*) FROM ${quoteIdent(table)}`).pluck().get() as number;
  const all: number[] = [];
  const verdicts = new Uint8Array(tableRows);
  const given = new Uint8Array(tableRows);
  const repeat = new RepeatCheck(idExpr ? tableRows : 0);
  for (const row of chunkedRows(db, `SELECT ${select} FROM ${quoteIdent(table)}`)) {
    const r = row[0] as number;
    const i = all.length;
    if (i >= tableRows) break;
    if (idExpr) repeat.add(row[1]);
    verdicts[i] = verdictOf((k) => row[k + 2]);
    given[i] = !wanted || wanted[r] === 1 ? 1 : 0;
    all.push(r);
  }
  return { all, verdicts, given, unique: repeat.unique };
}

/**
 * The same from the stored columnar copy, when it holds every consent column and every row is a
 * customer of its own (else null, and the rows are read by SQL): no row of the table is read.
 */
function readColumnar(db: Db, src: ColumnarSource, cols: ColumnInfo[], wanted: Uint8Array | null, verdictOf: (cell: (k: number) => Cell) => number): RowsRead | null {
  const m = src.mirror;
  if (m.idColumn && !src.idsUnique) return null;
  const cells = cols.map((c) => storedCells(m, c));
  if (cells.some((c) => c === null)) return null;
  const at = cells as CellAt[];
  const all = mirrorRowids(db, m);
  const verdicts = new Uint8Array(m.rows);
  const given = new Uint8Array(m.rows);
  // One accessor for every row (a closure per row was a million allocations).
  let row = 0;
  const cell = (k: number) => at[k](row);
  for (let i = 0; i < m.rows; i++) {
    row = i;
    verdicts[i] = verdictOf(cell);
    given[i] = !wanted || wanted[all[i]] === 1 ? 1 : 0;
  }
  return { all, verdicts, given, unique: true };
}

/** Records that a user chose to include customers without consent (an export, a member list). */
export function recordConsentOverride(db: Db, o: { dataset: string; what: string; notConsenting: number; details?: Record<string, unknown> }): number {
  return recordAudit(db, {
    action: 'consent_override',
    dataset: o.dataset,
    what: `${o.what}: included ${o.notConsenting} customers without marketing consent`,
    count: o.notConsenting,
    details: o.details,
  });
}
