import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';
import type { ReturnsPolicy } from '../../../shared/contract/orders';
import type { Workspace } from '../workspace/workspace';
import { versionTable } from '../workspace/catalog';
import { quoteIdent } from '../db/open';
import { getMirror, type MirrorColumn } from '../mirror';
import { LazyColumns } from '../mirror/lazy';
import { mirrorRowids } from '../mirror/cells';
import { nettedKinds, policySql, PURCHASE, type OrderColumns, type OrderLines } from '../orders/policy';
import { isoDay, LINE_EXCLUDED, LINE_NETTED, LINE_PURCHASE } from './clv-summary';

/** Rowids per read of the lines by SQL. */
const LINE_CHUNK = 8192;

/**
 * Every line with a customer, dated up to the as-of date or undated, in the table's row order: the customer
 * as a code into `names` (numbered in order of first line), the day (days since 1970, NaN undated), the value
 * (NaN without one) and the line's effect under the returns policy (LINE_PURCHASE, LINE_NETTED, LINE_EXCLUDED).
 */
export interface ClvLines {
  n: number;
  customer: Int32Array;
  names: string[];
  day: Float64Array;
  amount: Float64Array;
  effect: Uint8Array;
  from: 'columns' | 'sql';
}

/**
 * The lines, from the stored columnar copy when it holds the customer, date and value columns (an import
 * keeps them: import/capture.ts), else by SQL. Both give the same lines in the same order: the copy holds
 * the values SQL reads, and a line's kind comes from the sign of its values when nothing else decides it
 * (`lines.bySign`), else from SQL for the lines that are not purchases only.
 */
export function readClvLines(ws: Workspace, dataset: string, cols: OrderColumns, lines: OrderLines, policy: ReturnsPolicy, asOf: string): ClvLines {
  return (process.env.SEGMENTDESK_CLV_COLUMNS !== '0' && fromColumns(ws, dataset, cols, lines, policy, asOf)) || bySql(ws, dataset, lines, policy, asOf);
}

/** Customer IDs as SQLite's CAST(… AS TEXT) gives them, by row; null when the copy cannot say it exactly (REAL or huge numbers). */
function customerOf(c: MirrorColumn): { code: (i: number) => number; names: (code: number) => string; size: number } | null {
  if (c.kind === 'text') {
    const { codes, dictionary } = c;
    // An empty ID is no customer (policy.ts: CAST(…) <> '').
    const empty = dictionary.indexOf('');
    return { code: (i) => (codes[i] === empty ? -1 : codes[i]), names: (k) => dictionary[k], size: dictionary.length };
  }
  if (c.kind !== 'number' || c.type !== 'integer') return null;
  const v = c.values;
  for (let i = 0; i < v.length; i++) if (v[i] === v[i] && !Number.isSafeInteger(v[i])) return null;
  // Integer IDs get codes of their own here (a few lines per customer, so the Map is small beside the lines).
  const index = new Map<number, number>();
  const names: string[] = [];
  return {
    code: (i) => {
      const x = v[i];
      if (x !== x) return -1;
      let k = index.get(x);
      if (k === undefined) {
        k = names.length;
        index.set(x, k);
        names.push(String(x));
      }
      return k;
    },
    names: (k) => names[k],
    size: Infinity,
  };
}

function fromColumns(ws: Workspace, dataset: string, cols: OrderColumns, lines: OrderLines, policy: ReturnsPolicy, asOf: string): ClvLines | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || (!lines.bySign && !lines.kindSql)) return null;
  const m = getMirror(ws, dataset);
  if (!(m.columns instanceof LazyColumns)) return null;
  const wanted = [cols.customer, cols.date, cols.amount, cols.quantity, cols.price].filter((x): x is string => x !== null);
  if (m.columns.loadStored(wanted).length > 0) return null;
  const col = (name: string | null) => (name === null ? null : (m.columns.get(name) as MirrorColumn));
  const who = customerOf(col(cols.customer) as MirrorColumn);
  const dates = col(cols.date) as MirrorColumn;
  const num = (name: string | null): Float64Array | null => {
    const c = col(name);
    return c && c.kind === 'number' ? c.values : null;
  };
  const amountCol = num(cols.amount);
  const quantityCol = num(cols.quantity);
  const priceCol = num(cols.price);
  if (!who || dates.kind !== 'date' || (cols.amount && !amountCol) || (cols.quantity && !quantityCol) || (cols.price && !priceCol)) return null;
  const dayOf = dates.values;
  // A date-time's day is its date (policy.ts takes the text's first ten characters).
  const whole = dates.type === 'datetime';
  const last = isoDay(asOf);
  const rows = m.rows;

  // Kinds: 0 (purchase) unless the sign of a value says return, or SQL says otherwise for the few that are not purchases.
  const kinds = new Uint8Array(rows);
  if (lines.bySign) {
    // The same values as policy.ts's `negative` list: amount, quantity, and quantity × price when there is no amount.
    const byValue = !cols.amount && quantityCol && priceCol;
    for (let i = 0; i < rows; i++) {
      if ((amountCol && amountCol[i] < 0) || (quantityCol && quantityCol[i] < 0) || (byValue && quantityCol[i] * priceCol[i] < 0)) kinds[i] = 1;
    }
  } else {
    const rid = lines.rangeRowid ?? 'rowid';
    const table = quoteIdent(versionTable(ws.db, dataset));
    const odd = ws.db.prepare(`SELECT r, k FROM (SELECT ${rid} AS r, ${lines.kindSql} AS k FROM ${table} LIMIT -1 OFFSET 0) WHERE k <> ${PURCHASE}`).raw(true).all() as [number, number][];
    const dense = m.stored?.stamp.maxRowid === rows;
    const rowids = dense ? null : mirrorRowids(ws.db, m);
    for (const [r, k] of odd) {
      const i = dense ? r - 1 : indexOf(rowids as ArrayLike<number>, r);
      if (i < 0 || i >= rows) throw changed(dataset);
      kinds[i] = k;
    }
  }
  const netted = new Set(nettedKinds(policy));
  const effectOfKind = [0, 1, 2].map((k) => (k === PURCHASE ? LINE_PURCHASE : netted.has(k) ? LINE_NETTED : LINE_EXCLUDED));

  const customer = new Int32Array(rows);
  const day = new Float64Array(rows);
  const amount = new Float64Array(rows);
  const effect = new Uint8Array(rows);
  const names: string[] = [];
  // Customers numbered in order of their first line read, as the SQL reading numbers them.
  const renumber = Number.isFinite(who.size) ? new Int32Array(who.size).fill(-1) : null;
  const later = renumber ? null : new Map<number, number>();
  let n = 0;
  for (let i = 0; i < rows; i++) {
    const d = whole ? Math.floor(dayOf[i]) : dayOf[i];
    if (d > last) continue;
    const c = who.code(i);
    if (c < 0) continue;
    let k = renumber ? renumber[c] : (later as Map<number, number>).get(c) ?? -1;
    if (k < 0) {
      k = names.length;
      names.push(who.names(c));
      if (renumber) renumber[c] = k;
      else (later as Map<number, number>).set(c, k);
    }
    customer[n] = k;
    day[n] = d;
    amount[n] = amountCol ? amountCol[i] : quantityCol && priceCol ? quantityCol[i] * priceCol[i] : NaN;
    effect[n] = effectOfKind[kinds[i]];
    n++;
  }
  return { n, customer, names, day, amount, effect, from: 'columns' };
}

function indexOf(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else if (sorted[mid] > x) hi = mid - 1;
    else return mid;
  }
  return -1;
}

const changed = (dataset: string) => new AppError('CONFLICT', msg('engine.workspace.changedWhile', { dataset, what: 'its orders were read' }), { dataset });

function bySql(ws: Workspace, dataset: string, lines: OrderLines, policy: ReturnsPolicy, asOf: string): ClvLines {
  const p = policySql(policy);
  const effectSql = `CASE WHEN ${p.purchase} THEN ${LINE_PURCHASE} WHEN ${p.netted} THEN ${LINE_NETTED} ELSE ${LINE_EXCLUDED} END`;
  // Typed arrays sized by the table's rows (the lines are at most that many): at 100M order lines, arrays of
  // boxed numbers would not fit the JavaScript heap, while these take 21 bytes a line outside it.
  const cap = ws.db.prepare(`SELECT count(*) FROM ${quoteIdent(versionTable(ws.db, dataset))}`).pluck().get() as number;
  const customer = new Int32Array(cap);
  const day = new Float64Array(cap);
  const amount = new Float64Array(cap);
  const effect = new Uint8Array(cap);
  let n = 0;
  const codes = new Map<string, number>();
  const names: string[] = [];
  // Dates repeat (orders per day): each distinct one is parsed once.
  const dayOf = new Map<string, number>();
  const take = (rows: Iterable<[string, string | null, unknown, number]>): void => {
    for (const [c, d, a, e] of rows) {
      if (n >= cap) throw changed(dataset);
      let code = codes.get(c);
      if (code === undefined) {
        code = names.length;
        codes.set(c, code);
        names.push(c);
      }
      customer[n] = code;
      let dn = NaN;
      if (d !== null) {
        const hit = dayOf.get(d);
        dn = hit ?? isoDay(d);
        if (hit === undefined) dayOf.set(d, dn);
      }
      day[n] = dn;
      amount[n] = typeof a === 'number' ? a : NaN;
      effect[n] = e;
      n++;
    }
  };
  // Lines without a customer are not in `lines`; undated ones are read so they are counted.
  const outer = (from: string) => `SELECT id, day, value, ${effectSql} FROM (${from}) WHERE day IS NULL OR day <= ?`;
  if (lines.rangeSql && lines.rangeRowid) {
    const rid = lines.rangeRowid;
    // Chunks of rowids read with .all(): .iterate() cost 16.7 s of a 10M-line fit, a call into SQLite per line.
    const stmt = ws.db.prepare(outer(lines.rangeSql)).raw(true);
    const { lo, hi } = ws.db.prepare(`SELECT min(${rid}) AS lo, max(${rid}) AS hi FROM ${quoteIdent(versionTable(ws.db, dataset))}`).get() as { lo: number | null; hi: number | null };
    for (let from = lo ?? 1; hi !== null && from <= hi; from += LINE_CHUNK) take(stmt.all(from, Math.min(hi, from + LINE_CHUNK - 1), asOf) as [string, string | null, unknown, number][]);
  } else take(ws.db.prepare(outer(lines.sql)).raw(true).iterate(asOf) as Iterable<[string, string | null, unknown, number]>);
  return { n, customer, names, day, amount, effect, from: 'sql' };
}
