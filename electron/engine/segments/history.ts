import { msg } from '../../../shared/i18n/current';
import { AppError } from '../../../shared/contract/result';
import { historyDefault, historyHolds, historyWindow, isoToDays, isHistoryRef, validateRule, type HistoryCondition, type SqlDialect, type SqlParam } from '../../../shared/rules';
import { quoteIdent } from '../db/open';
import { getMirror, type Mirror } from '../mirror';
import { datasetAsOf } from '../orders/as-of';
import { nettedKinds, orderLines, PURCHASE, policySql, type OrderColumns } from '../orders/policy';
import { rfmColumns } from '../rfm/compute';
import { VIEW_RETURNS_POLICY } from '../customer-view/plan';
import { columnsOf, versionTable } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';
import { evaluateRule } from './evaluate';
import { compileSql, type SqlEnv } from './sql';

/**
 * Order-history conditions in the engine: which transactions datasets a rule may read, the SQL of
 * the per-customer number (for compileSql), and the same number computed column-wise for the
 * evaluator. Both read the lines of the customer view's order history (orders/policy.ts under
 * VIEW_RETURNS_POLICY, dated up to the transactions dataset's own as-of date), so a history count
 * with no window or filter equals the view's `orders_count`.
 */

/** The transactions datasets a rule on `dataset` may read: those linked to it, or itself when it is one. */
export function historySources(ws: Workspace, dataset: string): string[] {
  const own = ws.db.prepare("SELECT 1 FROM datasets WHERE name = ? AND kind = 'transactions'").get(dataset) ? [dataset] : [];
  const linked = ws.db.prepare("SELECT name FROM datasets WHERE kind = 'transactions' AND linked_to = ? ORDER BY name").pluck().all(dataset) as string[];
  return [...own, ...linked];
}

function columnsFor(ws: Workspace, transactions: string): OrderColumns {
  return ws.cache(`history-columns:${transactions}`, () => rfmColumns(ws, transactions, {}));
}

/** As-of of the transactions dataset (its last order unless the workspace sets one), never the clock nor the rule's dataset. */
function asOfOf(ws: Workspace, transactions: string): string {
  return datasetAsOf(ws, transactions).asOf;
}

/** What is wrong with a history condition on `dataset`, or null. */
export function historyProblem(ws: Workspace, dataset: string, h: HistoryCondition): string | null {
  const sources = historySources(ws, dataset);
  if (!sources.includes(h.transactions))
    return sources.length
      ? `order history: "${h.transactions}" is not a transactions dataset linked to "${dataset}" (use ${sources.map((s) => `"${s}"`).join(' or ')})`
      : `order history: no transactions dataset is linked to "${dataset}"`;
  try {
    columnsFor(ws, h.transactions);
  } catch (e) {
    return `order history of "${h.transactions}": ${(e as Error).message}`;
  }
  const cols = columnsOf(ws.db, h.transactions);
  if (h.of) {
    const c = cols.find((x) => x.name === h.of);
    if (!c) return `order history: "${h.transactions}" has no column "${h.of}"`;
    if ((h.measure === 'sum' || h.measure === 'avg') && c.type !== 'number' && c.type !== 'integer') return `order history: "${h.measure}" needs a number column; "${h.of}" is ${c.type}`;
  }
  if (h.where) {
    const inner = validateRule(h.where, cols.map((c) => ({ name: c.name, type: c.type })), (n) =>
      isHistoryRef(n) ? 'an order filter cannot hold another order-history condition' : 'an order filter takes conditions on order columns only',
    );
    if (!inner.ok) return `order filter on "${h.transactions}": ${inner.issues.map((i) => i.message).join('; ')}`;
  }
  return null;
}

/** ISO dates validated by the schema or taken from the catalogue: digits and dashes only, safe as literals. */
function dayLiteral(iso: string): string {
  if (isoToDays(iso) === null) throw new AppError('INTERNAL', `not a date: ${iso}`);
  return `'${iso}'`;
}

/** Where history conditions read their order lines: the client's warehouse, with a table per transactions dataset. */
export interface HistoryTarget {
  dialect: Exclude<SqlDialect, 'sqlite'>;
  /** The quoted table holding the same lines as the transactions dataset. */
  table(transactions: string): string;
  /** Told how cancellations and returns were recognised in the lines read, and the as-of date windows count back from. */
  recognised?(detectedBy: string[], asOf: string): void;
}

/** The columns of a transactions dataset that history conditions read as its orders (customer, date, order, amount…). */
export function historyColumns(ws: Workspace, transactions: string): OrderColumns {
  return columnsFor(ws, transactions);
}

/**
 * `SELECT id, v FROM … GROUP BY id`: the condition's number for every customer ID with a line left after
 * the filter (customers without one take historyDefault). The filter's values are bound through `bind`,
 * in the order they appear in the text. With `target` the SQL reads the warehouse's table of the same
 * orders, with cancellations and returns recognised as they were in the workspace.
 */
export function historySql(ws: Workspace, h: HistoryCondition, envFor: (transactions: string, asOf: string) => SqlEnv, bind: (v: SqlParam) => string, target?: HistoryTarget): string {
  const t = h.transactions;
  const asOf = asOfOf(ws, t);
  const dialect: SqlDialect = target?.dialect ?? 'sqlite';
  const filter = h.where ? compileSql(h.where, { ...envFor(t, asOf), dialect }, bind).where : undefined;
  const lines = orderLines(ws.db, t, columnsFor(ws, t), {
    select: h.of ? [`${quoteIdent(h.of)} AS x`] : [],
    filter,
    target: target ? { dialect: target.dialect, table: target.table(t) } : undefined,
  });
  target?.recognised?.(lines.detectedBy, asOf);
  const p = policySql(VIEW_RETURNS_POLICY, dialect);
  const local = dialect === 'sqlite';
  const win = historyWindow(h, asOf);
  const inTime = `(day <= ${dayLiteral(win.to)}${win.from ? ` AND day >= ${dayLiteral(win.from)}` : ''})`;
  const bought = `(${p.purchase} AND ${inTime})`;
  const x = h.of ? 'x' : 'value';
  const orders = `count(DISTINCT CASE WHEN ${bought} THEN ord END)`;
  // As the view's total_spend: purchases plus netted returns, 0 for a customer with no purchase counted.
  // The warehouses have no two-argument min() and no max() of a boolean.
  const netted = local ? `min(coalesce(${x}, 0), 0)` : `least(coalesce(${x}, 0), 0)`;
  const anyBought = local ? `max(${bought}) = 1` : `bool_or(${bought})`;
  const spend = `CASE WHEN ${anyBought} THEN coalesce(sum(CASE WHEN ${inTime} THEN CASE WHEN ${p.purchase} THEN coalesce(${x}, 0) WHEN ${p.netted} THEN ${netted} END END), 0) ELSE 0 END`;
  const real = local ? 'REAL' : 'DOUBLE PRECISION';
  const v =
    h.measure === 'count' ? orders : h.measure === 'sum' ? spend : h.measure === 'avg' ? `CASE WHEN ${orders} > 0 THEN CAST(${spend} AS ${real}) / ${orders} END` : `count(DISTINCT CASE WHEN ${bought} THEN x END)`;
  return `SELECT id, ${v} AS v FROM (${lines.sql}) AS lines GROUP BY id`;
}

/**
 * The WHERE term of a history condition: 0 or 1 (false or true on a warehouse) for every row, customers
 * without lines judged by their default. `agg` is historySql's text, whose values `bind` already holds.
 */
export function historyWhere(h: HistoryCondition, idExpr: string, agg: string, bind: (v: SqlParam) => string, dialect: SqlDialect = 'sqlite'): string {
  const v = h.value;
  const cmp = Array.isArray(v)
    ? `v BETWEEN ${bind(v[0])} AND ${bind(v[1])}`
    : `v ${{ gte: '>=', gt: '>', lte: '<=', lt: '<', eq: '=', between: '=' }[h.op]} ${bind(v)}`;
  const [yes, no] = dialect === 'sqlite' ? ['1', '0'] : ['TRUE', 'FALSE'];
  // Rows whose ID has no line take the default; a NULL ID has none, hence the coalesce.
  return historyHolds(h, historyDefault(h.measure))
    ? `coalesce(${idExpr} NOT IN (SELECT id FROM (${agg}) AS per_customer WHERE v IS NULL OR NOT (${cmp})), ${yes})`
    : `coalesce(${idExpr} IN (SELECT id FROM (${agg}) AS per_customer WHERE v IS NOT NULL AND ${cmp}), ${no})`;
}

/**
 * The lines of a transactions dataset column-wise, aligned to its mirror's rows: customer (index into
 * `keys`, -1 without one), day as yyyymmdd (NaN undated; ordered as the ISO text SQL compares), order
 * (index; `shared` marks orders whose lines name several customers), value and line kind.
 */
interface LineFacts {
  rows: number;
  keys: string[];
  keyIndex: Map<string, number>;
  cust: Int32Array;
  day: Float64Array;
  ord: Int32Array;
  orders: number;
  shared: Uint8Array;
  value: Float64Array;
  kind: Uint8Array;
}

const CHUNK = 50_000;

function dayNumber(s: unknown): number {
  if (typeof s !== 'string' || s.length < 10) return Number.NaN;
  return Number(s.slice(0, 4)) * 10000 + Number(s.slice(5, 7)) * 100 + Number(s.slice(8, 10));
}

function lineFacts(ws: Workspace, t: string, m: { table: string; version: number }): LineFacts {
  return ws.cache(`mirror-ref:${t}:${m.version}:history-lines`, () => {
    const names = new Set(columnsOf(ws.db, t).map((c) => c.name));
    const rid = ['rowid', '_rowid_', 'oid'].find((n) => !names.has(n)) ?? 'rowid';
    const table = quoteIdent(m.table);
    const span = ws.db.prepare(`SELECT min(${rid}) AS lo, max(${rid}) AS hi, count(*) AS n FROM ${table}`).get() as { lo: number | null; hi: number | null; n: number };
    // The mirror holds rows in rowid order: with no gaps a line's row is rowid − first rowid, else it is looked up.
    let rowOf: (rowid: number) => number;
    if (span.lo === null || (span.hi as number) - span.lo + 1 === span.n) rowOf = (r) => r - (span.lo as number);
    else {
      const all = new Map<number, number>();
      (ws.db.prepare(`SELECT ${rid} FROM ${table} ORDER BY ${rid}`).pluck().all() as number[]).forEach((r, i) => all.set(r, i));
      rowOf = (r) => all.get(r) as number;
    }
    // Read in rowid ranges: each query scans only its range, whatever the planner does with the subquery.
    const lines = orderLines(ws.db, t, columnsFor(ws, t), { select: [`${rid} AS rn`], filter: `${rid} > ? AND ${rid} <= ?` });
    const stmt = ws.db.prepare(`SELECT rn, id, day, ord, value, kind FROM (${lines.sql})`).raw(true);
    const rows = span.n;
    const cust = new Int32Array(rows).fill(-1);
    const day = new Float64Array(rows).fill(Number.NaN);
    const ord = new Int32Array(rows).fill(-1);
    const value = new Float64Array(rows).fill(Number.NaN);
    const kind = new Uint8Array(rows);
    const keyIndex = new Map<string, number>();
    const keys: string[] = [];
    const ordIndex = new Map<string, number>();
    const owner: number[] = [];
    const sharedList: number[] = [];
    for (let from = (span.lo ?? 1) - 1; span.hi !== null && from < span.hi; from += CHUNK) {
      const chunk = stmt.all(from, from + CHUNK) as [number, string, string | null, string, number | null, number][];
      for (const [rn, id, d, o, v, k] of chunk) {
        const i = rowOf(rn);
        let c = keyIndex.get(id);
        if (c === undefined) {
          c = keys.length;
          keys.push(id);
          keyIndex.set(id, c);
        }
        let oc = ordIndex.get(o);
        if (oc === undefined) {
          oc = owner.length;
          owner.push(c);
          ordIndex.set(o, oc);
        } else if (owner[oc] !== c && owner[oc] !== -2) {
          owner[oc] = -2;
          sharedList.push(oc);
        }
        cust[i] = c;
        day[i] = dayNumber(d);
        ord[i] = oc;
        value[i] = typeof v === 'number' ? v : Number.NaN;
        kind[i] = k;
      }
    }
    const shared = new Uint8Array(owner.length);
    for (const oc of sharedList) shared[oc] = 1;
    return { rows, keys, keyIndex, cust, day, ord, orders: owner.length, shared, value, kind };
  });
}

/** Line numbers grouped by customer (a counting sort, once per transactions version): customer c's lines are lines[start[c]..start[c+1]). */
const byCustomer = new WeakMap<LineFacts, { start: Int32Array; lines: Int32Array }>();
function linesByCustomer(f: LineFacts): { start: Int32Array; lines: Int32Array } {
  let g = byCustomer.get(f);
  if (!g) {
    const start = new Int32Array(f.keys.length + 1);
    for (let i = 0; i < f.rows; i++) if (f.cust[i] >= 0) start[f.cust[i] + 1]++;
    for (let c = 0; c < f.keys.length; c++) start[c + 1] += start[c];
    const fill = start.slice(0, f.keys.length);
    const lines = new Int32Array(start[f.keys.length]);
    for (let i = 0; i < f.rows; i++) if (f.cust[i] >= 0) lines[fill[f.cust[i]]++] = i;
    g = { start, lines };
    byCustomer.set(f, g);
  }
  return g;
}

/** Per line, a code for the `of` column's value (equal values, equal codes; -1 missing) and how many codes there are. */
function valueCodes(m: Mirror, of: string): { codes: Int32Array; n: number } {
  const col = m.columns.get(of);
  if (!col) throw new AppError('BAD_INPUT', msg('segments.error.noColumn', { dataset: m.dataset, column: String(of) }));
  if (col.kind === 'text') return { codes: col.codes, n: col.dictionary.length };
  const codes = new Int32Array(m.rows);
  const seen = new Map<number, number>();
  for (let i = 0; i < m.rows; i++) {
    const x = col.values[i];
    if (col.kind === 'boolean' ? x === 2 : x !== x) {
      codes[i] = -1;
      continue;
    }
    let c = seen.get(x);
    if (c === undefined) {
      c = seen.size;
      seen.set(x, c);
    }
    codes[i] = c;
  }
  return { codes, n: seen.size };
}

/** The condition's number per customer key of the transactions dataset (LineFacts.keys), computed from the lines column-wise. */
function perCustomer(ws: Workspace, h: HistoryCondition): { values: Float64Array; facts: LineFacts; version: number } {
  const t = h.transactions;
  const version = ws.db.prepare('SELECT current_version FROM datasets WHERE name = ?').pluck().get(t) as number;
  const asOf = asOfOf(ws, t);
  const win = historyWindow(h, asOf);
  const key = `mirror-ref:${t}:${version}:history:${asOf}:${h.measure}:${h.of ?? ''}:${win.from ?? ''}:${win.to}:${JSON.stringify(h.where ?? null)}`;
  // The orders file's own mirror only when the condition reads its columns (a filter, or a column to sum or count).
  const facts = lineFacts(ws, t, { table: versionTable(ws.db, t, version), version });
  const values = ws.cache(key, () => {
    const tm = h.where || h.of ? getMirror(ws, t) : null;
    if (tm && tm.rows !== facts.rows) throw new AppError('INTERNAL', `the mirror of "${t}" and its order lines disagree (${tm.rows} vs ${facts.rows} rows)`);
    const lo = win.from ? dayNumber(win.from) : -Infinity;
    const hi = dayNumber(win.to);
    const mask = h.where && tm ? evaluateRule(h.where, tm, { asOf, refMask: () => { throw new AppError('BAD_INPUT', msg('segments.error.orderFilterOnly')); } }) : null;
    const netted = new Uint8Array(256);
    for (const k of nettedKinds(VIEW_RETURNS_POLICY)) netted[k] = 1;
    const n = facts.keys.length;
    const count = new Float64Array(n);
    const sum = new Float64Array(n);
    const bought = new Uint8Array(n);
    const needOrders = h.measure === 'count' || h.measure === 'avg';
    const needSum = h.measure === 'sum' || h.measure === 'avg';
    const xs = h.of && needSum && tm ? (tm.columns.get(h.of) as { values: Float64Array }).values : facts.value;
    const distinct = h.measure === 'distinct' && tm ? valueCodes(tm, h.of as string) : null;
    const seenOrder = new Uint8Array(facts.orders);
    // Pairs (customer, order) of orders whose lines name several customers: rare, so a set.
    const pairs = new Set<number>();
    const { cust, day, ord, kind, shared } = facts;
    for (let i = 0; i < facts.rows; i++) {
      const c = cust[i];
      if (c < 0 || (mask !== null && mask[i] === 0)) continue;
      const d = day[i];
      if (!(d >= lo && d <= hi)) continue;
      const k = kind[i];
      if (k === PURCHASE) {
        bought[c] = 1;
        if (needOrders) {
          const o = ord[i];
          if (shared[o] === 1) {
            const p = c * facts.orders + o;
            if (!pairs.has(p)) {
              pairs.add(p);
              count[c]++;
            }
          } else if (seenOrder[o] === 0) {
            seenOrder[o] = 1;
            count[c]++;
          }
        }
        if (needSum) {
          const x = xs[i];
          sum[c] += x === x ? x : 0;
        }
      } else if (needSum && netted[k] === 1) {
        const x = xs[i];
        sum[c] += Math.min(x === x ? x : 0, 0);
      }
    }
    if (distinct) {
      // Different values per customer: the customer's lines in turn, each value marked with the last customer that had it.
      const { start, lines } = linesByCustomer(facts);
      const last = new Int32Array(distinct.n).fill(-1);
      const codes = distinct.codes;
      for (let c = 0; c < n; c++) {
        for (let j = start[c]; j < start[c + 1]; j++) {
          const i = lines[j];
          if (kind[i] !== PURCHASE || (mask !== null && mask[i] === 0)) continue;
          const d = day[i];
          const code = codes[i];
          if (!(d >= lo && d <= hi) || code < 0 || last[code] === c) continue;
          last[code] = c;
          count[c]++;
        }
      }
    }
    const out = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      if (h.measure === 'count' || h.measure === 'distinct') out[c] = count[c];
      else if (h.measure === 'sum') out[c] = bought[c] ? sum[c] : 0;
      else out[c] = count[c] > 0 ? sum[c] / count[c] : Number.NaN;
    }
    return out;
  });
  return { values, facts, version };
}

/** The condition's number for every row of `m` (the customers frame), by the row's customer ID; cached per input. */
export function historyValues(ws: Workspace, m: Mirror, h: HistoryCondition): Float64Array {
  const { values, facts, version } = perCustomer(ws, h);
  const frameKey = `mirror-ref:${m.dataset}:${m.version}:history-frame:${h.transactions}:${version}`;
  const frame = ws.cache(frameKey, () => {
    const rowKey = new Int32Array(m.rows);
    for (let i = 0; i < m.rows; i++) rowKey[i] = facts.keyIndex.get(m.ids[i]) ?? -1;
    return rowKey;
  });
  return ws.cache(`${frameKey}:${values.length}:${valuesKey(values)}`, () => {
    const fallback = historyDefault(h.measure);
    const out = new Float64Array(m.rows);
    for (let i = 0; i < m.rows; i++) {
      const c = frame[i];
      out[i] = c >= 0 ? values[c] : fallback;
    }
    return out;
  });
}

/** Identity of a cached per-customer array (the cache returns the same object until it is rebuilt). */
const ids = new WeakMap<Float64Array, number>();
let nextId = 0;
function valuesKey(a: Float64Array): number {
  let k = ids.get(a);
  if (k === undefined) {
    k = nextId++;
    ids.set(a, k);
  }
  return k;
}
