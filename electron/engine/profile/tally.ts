import { customerKeys } from '../mirror/customers';
import type { Mirror, TextColumn } from '../mirror';
import { hashInto } from '../import/id-hash';
import { byCodePoint } from '../db/collation';
import type { Workspace } from '../workspace/workspace';
import { quoteIdent, type Db } from '../db/open';
import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';

/**
 * The distinct values of a text column with how many rows hold each: what a profile needs of text
 * (count, distinct, top values, rare values, validity of e-mails and phones) without a GROUP BY per
 * question. Read from the columnar copy, so a profile scans no table for its text columns.
 */
export interface Tally {
  /** Rows holding a value. */
  count: number;
  /** Distinct values among them. */
  distinct: number;
  /** Each distinct value once, with its number of rows; absent where the values were not kept (streamTally). */
  each?(f: (value: string, rows: number) => void): void;
  /** Rows failing the column's contact check (profile/alerts.ts contactCheck), when counted while reading. */
  invalid?: number;
}

/** A tally that kept its values. */
export interface ListedTally extends Tally {
  each(f: (value: string, rows: number) => void): void;
  /** The `k` most frequent values, when the tally has a cheaper way to them than going through each(). */
  top?(k: number): { value: string; count: number }[];
}

export const isListed = (t: Tally): t is ListedTally => t.each !== undefined;

export function tallyOfText(c: TextColumn): ListedTally {
  let count = 0;
  let distinct = 0;
  for (let i = 0; i < c.counts.length; i++) {
    count += c.counts[i];
    if (c.counts[i] > 0) distinct++;
  }
  return {
    count,
    distinct,
    each(f) {
      for (let i = 0; i < c.dictionary.length; i++) if (c.counts[i] > 0) f(c.dictionary[i], c.counts[i]);
    },
  };
}

/**
 * The ID column's values from the mirror's IDs and customer keys (both kept in the columnar copy from
 * import), rather than a dictionary of a million distinct strings. IDs read as SQLite renders them as
 * text, which for a text column is the value itself; '' is a row without an ID.
 */
export function tallyOfIds(ws: Workspace, m: Mirror): ListedTally {
  const keys = customerKeys(ws, m);
  const codes = keys.codes;
  if (!codes && m.idColumn) {
    // Every row its own ID: nothing to count, and the top values are the first IDs in SQLite's order, which
    // SQL finds without the IDs being read into memory (7 s of a profile at 10M customers).
    const q = quoteIdent(m.idColumn);
    return {
      count: m.rows,
      distinct: m.rows,
      each: (f) => m.ids.forEach((id) => f(id, 1)),
      top: (k) => (ws.db.prepare(`SELECT ${q} FROM ${quoteIdent(m.table)} WHERE ${q} IS NOT NULL ORDER BY ${q} LIMIT ?`).pluck().all(k) as string[]).map((value) => ({ value, count: 1 })),
    };
  }
  const ids = m.ids;
  if (!codes) return { count: m.rows, distinct: m.rows, each: (f) => ids.forEach((id) => f(id, 1)) };
  let count = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) count++;
  return {
    count,
    distinct: keys.distinct,
    each(f) {
      const rows = new Int32Array(keys.distinct);
      const first = new Int32Array(keys.distinct).fill(-1);
      for (let i = 0; i < codes.length; i++) {
        const c = codes[i];
        if (c < 0) continue;
        rows[c]++;
        if (first[c] < 0) first[c] = i;
      }
      for (let c = 0; c < rows.length; c++) f(ids[first[c]], rows[c]);
    },
  };
}

/** The `k` most frequent values, ties in code-point order (as `ORDER BY count DESC, value` in SQLite). */
export function topOf(t: ListedTally, k: number): { value: string; count: number }[] {
  if (t.top) return t.top(k);
  const best: { value: string; count: number }[] = [];
  const before = (a: { value: string; count: number }, b: { value: string; count: number }) => a.count > b.count || (a.count === b.count && byCodePoint(a.value, b.value) < 0);
  t.each((value, count) => {
    const e = { value, count };
    if (best.length === k) {
      if (!before(e, best[k - 1])) return;
      best.pop();
    }
    best.push(e);
    // Insertion into the short sorted list: k is 10.
    for (let i = best.length - 1; i > 0 && before(best[i], best[i - 1]); i--) [best[i], best[i - 1]] = [best[i - 1], best[i]];
  });
  return best;
}

/** Values held by fewer than `limit` rows, rarest first, ties in code-point order (`ORDER BY n, value`). */
export function rareOf(t: ListedTally, limit: number): { value: string; n: number }[] {
  const out: { value: string; n: number }[] = [];
  t.each((value, n) => {
    if (n < limit) out.push({ value, n });
  });
  return out.sort((a, b) => a.n - b.n || byCodePoint(a.value, b.value));
}

/**
 * An open-addressing table of 64-bit string hashes (two 32-bit ones, import/id-hash.ts) with how many
 * values fell on each: typed arrays, so a million distinct values cost 24 MB and no map of strings.
 */
class HashSlots {
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  /** Values per slot. */
  readonly seen: Uint32Array;
  private readonly mask: number;
  private readonly h = new Uint32Array(2);

  constructor(values: number) {
    let cap = 1 << 10;
    while (cap < values * 2) cap *= 2;
    this.mask = cap - 1;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.seen = new Uint32Array(cap);
  }

  /** The slot of `s`'s hash, counted once more. */
  add(s: string): number {
    const h = this.h;
    hashInto(s, h);
    let i = (h[1] ^ Math.imul(h[0], 0x27d4eb2d)) & this.mask;
    while (this.hi[i] !== 0 && (this.hi[i] !== h[0] || this.lo[i] !== h[1])) i = (i + 1) & this.mask;
    this.hi[i] = h[0];
    this.lo[i] = h[1];
    this.seen[i]++;
    return i;
  }
}

/**
 * The tally of a text column not in the columnar copy (free text, e-mails, phones: the import keeps
 * only typed columns), from its values as one plucked column. Distinct values are found by 64-bit
 * hashes in typed arrays; only values whose hash occurs more than once are compared as strings, so
 * a column of a million different e-mails builds no map of a million strings (nor stores one).
 * Exact: equal strings always hash equal, and every repeated hash is settled by string comparison.
 */
export function tallyOfValues(values: readonly (string | null)[]): ListedTally {
  const n = values.length;
  const slots = new HashSlots(n);
  const seen = slots.seen;
  const slot = new Int32Array(n).fill(-1);
  let count = 0;
  for (let r = 0; r < n; r++) {
    const s = values[r];
    if (s === null) continue;
    count++;
    slot[r] = slots.add(s);
  }
  // Values sharing a hash: counted by string (equal values, or the rare collision of different ones).
  const shared = new Map<string, number>();
  let single = 0;
  for (let r = 0; r < n; r++) {
    if (slot[r] < 0) continue;
    if (seen[slot[r]] === 1) single++;
    else shared.set(values[r] as string, (shared.get(values[r] as string) ?? 0) + 1);
  }
  return {
    count,
    distinct: single + shared.size,
    each(f) {
      for (let r = 0; r < n; r++) if (slot[r] >= 0 && seen[slot[r]] === 1) f(values[r] as string, 1);
      for (const [v, k] of shared) f(v, k);
    },
  };
}

/** Candidate rows (whose hash repeats) up to which streamTally settles them by reading their values again. */
const MAX_RECHECK = 200_000;
/** Rows per plucked read (small enough that a chunk's strings die young: export/columnar-rows.ts). */
const STREAM_CHUNK = 8192;

/**
 * The count, distinct count and contact check of a free-text PII column (e-mails, phones: no value of
 * it is ever shown) read in chunks without keeping its strings: at 10M customers two such columns held
 * 1 GB of strings until the profile's end. Exact: distinct by 64-bit hashes, and the rows whose hash
 * repeats are read again and compared as strings (or, past MAX_RECHECK of them, the column is tallied
 * with its values kept). `rowids` are the version's rowids in order (mirror/cells.ts mirrorRowids).
 */
export function streamTally(db: Db, table: string, column: string, rowids: ArrayLike<number>, valid: ((v: string) => boolean) | null): Tally {
  const n = rowids.length;
  const slots = new HashSlots(n);
  const seen = slots.seen;
  const slot = new Int32Array(n).fill(-1);
  let count = 0;
  let invalid = 0;
  let repeats = 0;
  const q = quoteIdent(column);
  const read = db.prepare(`SELECT ${q} FROM ${quoteIdent(table)} WHERE rowid BETWEEN ? AND ? ORDER BY rowid`).pluck();
  for (let start = 0; start < n; start += STREAM_CHUNK) {
    const end = Math.min(n, start + STREAM_CHUNK);
    const cells = read.all(rowids[start], rowids[end - 1]) as (string | null)[];
    if (cells.length !== end - start) throw new AppError('CONFLICT', msg('engine.workspace.changedWhile', { dataset: table, what: 'its rows were read' }), { table });
    for (let k = 0; k < cells.length; k++) {
      const s = cells[k];
      if (s === null) continue;
      count++;
      if (valid && !valid(s)) invalid++;
      const i = slots.add(s);
      if (seen[i] === 2) repeats++;
      slot[start + k] = i;
    }
  }
  if (repeats === 0) return { count, distinct: count, invalid: valid ? invalid : undefined };
  // Rows whose hash is unique hold a value of their own; the others are read again and compared as strings.
  const candidates: number[] = [];
  for (let r = 0; r < n && candidates.length <= MAX_RECHECK; r++) if (slot[r] >= 0 && seen[slot[r]] > 1) candidates.push(r);
  if (candidates.length > MAX_RECHECK) {
    const t = tallyOfValues(db.prepare(`SELECT ${q} FROM ${quoteIdent(table)} ORDER BY rowid`).pluck().all() as (string | null)[]);
    return { count: t.count, distinct: t.distinct, invalid: valid ? invalid : undefined };
  }
  const values = new Set<string>();
  const one = db.prepare(`SELECT ${q} FROM ${quoteIdent(table)} WHERE rowid = ?`).pluck();
  for (const r of candidates) values.add(one.get(rowids[r]) as string);
  return { count, distinct: count - candidates.length + values.size, invalid: valid ? invalid : undefined };
}
