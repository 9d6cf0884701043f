import { msg } from '../../../shared/i18n/current';
import type { Workspace } from '../workspace/workspace';
import { quoteIdent } from '../db/open';
import { columnsOf } from '../workspace/catalog';
import { AppError } from '../../../shared/contract/result';
import { isoToDays } from '../../../shared/rules';
import type { RfmResult } from '../../../shared/contract/ns/rfm';
import type { ColumnInfo } from '../../../shared/types/columns';
import { assign, checkGrid, loadGrid } from './grid';
import { writableNow } from '../db/integrity';
import { insertRows } from '../db/bulk';
import { DEFAULT_RETURNS_POLICY, type OrderPolicyReport, type ReturnsPolicy } from '../../../shared/contract/orders';
import { resolveAsOf } from '../orders/as-of';
import { lineDates, NETTED_VALUE, orderLines, policyReport, policyReportFromStats, policySql, statsLineDates, type OrderColumns } from '../orders/policy';
import { byCodePoint } from '../db/collation';

type RfmDetails = Pick<RfmResult, 'asOfSource' | 'dataStart' | 'dataEnd' | 'warnings' | 'returns'>;

export type RfmColumns = OrderColumns;

type Overrides = Partial<Record<keyof RfmColumns, string>>;

const NAME_HINTS: Record<keyof RfmColumns, RegExp> = {
  order: /^(invoice|order|transaction|receipt|basket)[ _-]?(no|nr|num|number|id|code)?$/i,
  customer: /^(customer|client|member|user|account)[ _-]?(id|no|number|code)?$/i,
  date: /(date|time|timestamp|day)$/i,
  amount: /^(amount|total|revenue|sales|value|spend|net|gross)([ _-]?(amount|value|total))?$/i,
  quantity: /^(quantity|qty|units|count)$/i,
  price: /^(unit[ _-]?price|price)$/i,
};

function detect(cols: ColumnInfo[], key: keyof RfmColumns, types: ColumnInfo['type'][]): string | null {
  return cols.find((c) => NAME_HINTS[key].test(c.name) && types.includes(c.type))?.name ?? cols.find((c) => NAME_HINTS[key].test(c.name))?.name ?? null;
}

/** Which columns mean order, customer, date and amount: overrides, then the import's mapping, then names. */
export function rfmColumns(ws: Workspace, dataset: string, o: Overrides): RfmColumns {
  const cols = columnsOf(ws.db, dataset);
  const known = new Set(cols.map((c) => c.name));
  const stored = ws.db.prepare('SELECT * FROM dataset_transaction_columns WHERE dataset = ?').get(dataset) as
    | { order_column: string | null; customer_column: string | null; date_column: string | null; amount_column: string | null; quantity_column: string | null; price_column: string | null }
    | undefined;
  const idCol = (ws.db.prepare('SELECT id_column FROM datasets WHERE name = ?').get(dataset) as { id_column: string | null }).id_column;
  const pick = (key: keyof RfmColumns, fromImport: string | null | undefined, types: ColumnInfo['type'][]): string | null => {
    const v = o[key] ?? fromImport ?? detect(cols, key, types);
    if (v !== null && v !== undefined && !known.has(v)) throw new AppError('BAD_INPUT', msg('segments.rfmError.noColumn', { dataset, column: String(v), key }));
    return v ?? null;
  };
  const num: ColumnInfo['type'][] = ['number', 'integer'];
  const explicitQP = o.quantity !== undefined || o.price !== undefined;
  const amount = explicitQP && o.amount === undefined ? null : pick('amount', stored?.amount_column, num);
  const customer = pick('customer', stored?.customer_column ?? idCol, ['text', 'category', 'integer']);
  const date = pick('date', stored?.date_column, ['date', 'datetime']);
  const quantity = amount ? null : pick('quantity', stored?.quantity_column, num);
  const price = amount ? null : pick('price', stored?.price_column, num);
  if (!customer) throw new AppError('BAD_INPUT', msg('segments.rfmError.noCustomer', { dataset }), { dataset, cli: 'give --customer COL' });
  if (!date) throw new AppError('BAD_INPUT', msg('segments.rfmError.noDate', { dataset }), { dataset, cli: 'give --date COL' });
  const dateType = cols.find((c) => c.name === date)?.type;
  if (dateType !== 'date' && dateType !== 'datetime') throw new AppError('BAD_INPUT', msg('segments.rfmError.notDateColumn', { dataset, column: date, type: String(dateType) }));
  if (!amount && !(quantity && price)) throw new AppError('BAD_INPUT', msg('segments.rfmError.noAmount', { dataset }), { dataset, cli: 'give --amount COL, or --quantity COL and --price COL' });
  return { order: pick('order', stored?.order_column, ['text', 'category', 'integer']), customer, date, amount, quantity, price };
}

/**
 * Scores 1–5 by quintile of rank. Tied values share a score (the one of their first rank),
 * so a customer's score never depends on row order; `higherIsBetter` = false for recency.
 */
export function quintileScores(values: Float64Array, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  const counted = countedRanks(values, higherIsBetter);
  if (counted) {
    for (let i = 0; i < n; i++) scores[i] = 1 + Math.floor((5 * counted.start(values[i])) / n);
    return scores;
  }
  // A value's first rank is how many values come before it: fewer (best last) or more (recency: best first).
  // A typed sort and a binary search per value: sorting indices with a comparator took 1 s for 3 × 1M.
  const sorted = Float64Array.from(values).sort();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const start = higherIsBetter ? lowerBound(sorted, v) : n - upperBound(sorted, v);
    scores[i] = 1 + Math.floor((5 * start) / n);
  }
  return scores;
}

/**
 * First ranks by counting, for whole numbers in a range up to 4M wide (order counts, days since the last
 * order): linear, without sorting. Null for other values.
 */
function countedRanks(values: Float64Array, higherIsBetter: boolean): { start(v: number): number } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) return null;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (values.length === 0 || hi - lo > 4_000_000) return null;
  const width = hi - lo + 1;
  const before = new Float64Array(width + 1);
  for (let i = 0; i < values.length; i++) before[values[i] - lo + 1]++;
  // before[k] = values below lo + k (cumulative counts).
  for (let k = 1; k <= width; k++) before[k] += before[k - 1];
  const n = values.length;
  return higherIsBetter ? { start: (v) => before[v - lo] } : { start: (v) => n - before[v - lo + 1] };
}

/** Values of sorted `a` below v. */
function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Values of sorted `a` at or below v. */
function upperBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const STATS_COLUMNS = ['any_first', 'any_last', 'undated', 'after_as_of', 'seen', 'cancelled_lines', 'cancelled_orders', 'return_lines', 'excluded', 'netted', 'netted_amount'];

function hasColumns(db: Workspace['db'], table: string, names: readonly string[]): boolean {
  const have = new Set(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]);
  return names.every((n) => have.has(n));
}

/**
 * The customer view's order-history table when an analysis reads the same lines (the view's columns) under
 * the same policy, and the table holds the report's columns (tables built by an earlier version hold only the
 * view's); null otherwise. The caller still checks the as-of date.
 */
export function usableStats(ws: Workspace, dataset: string, cols: OrderColumns, policy: ReturnsPolicy, statsOf?: (transactions: string) => OrderStatsSource | null): OrderStatsSource | null {
  if (!statsOf) return null;
  let viewCols: OrderColumns;
  try {
    viewCols = rfmColumns(ws, dataset, {});
  } catch {
    return null;
  }
  const fields = ['order', 'customer', 'date', 'amount', 'quantity', 'price'] as const;
  if (fields.some((f) => (cols[f] ?? null) !== (viewCols[f] ?? null))) return null;
  const candidate = statsOf(dataset);
  return candidate && candidate.policy === policy && hasColumns(ws.db, candidate.table, STATS_COLUMNS) ? candidate : null;
}

/** The customer view's order-history table of a transactions dataset, when current (customer-view/plan.ts currentOrderStats). */
export interface OrderStatsSource {
  table: string;
  asOf: string;
  policy: ReturnsPolicy;
}

/**
 * Compute RFM for a transactions dataset's current version and store it (view rfm_<dataset>). `statsOf`: where
 * the customer view's per-customer order history is current; RFM with the view's columns, policy and as-of date
 * reads it (one row per customer) rather than aggregating every order line again (about 25 s at 10M lines).
 * The same numbers either way (test/engine/rfm/from-stats.test.ts).
 */
export function computeRfm(
  ws: Workspace,
  dataset: string,
  asOfArg: string | undefined,
  overrides: Overrides,
  policy: ReturnsPolicy = DEFAULT_RETURNS_POLICY,
  statsOf?: (transactions: string) => OrderStatsSource | null,
): RfmResult {
  const db = ws.db;
  writableNow(db);
  const cols = rfmColumns(ws, dataset, overrides);
  const lines = orderLines(db, dataset, cols);
  const source = usableStats(ws, dataset, cols, policy, statsOf);
  const what = msg('segments.asOf.lastOrder', { dataset });
  const at = resolveAsOf(ws, asOfArg, { ...(source ? statsLineDates(db, source.table) : lineDates(db, lines)), what });
  const asOf = at.asOf;
  const asOfDays = isoToDays(asOf) as number;
  // Per scored customer, in ID order: ID, last purchase day, orders, spend.
  let rows: { id: string[]; last: string[]; freq: ArrayLike<number>; mon: ArrayLike<number> };
  let returns: OrderPolicyReport;
  if (source && source.asOf === asOf) {
    // One column per query (the same order: the table's ID index): at 1M customers a million row objects
    // cost 1.8 s to build and collect, four plucked columns 1.0 s.
    const column = (expr: string) => db.prepare(`SELECT ${expr} FROM ${quoteIdent(source.table)} WHERE last_day IS NOT NULL ORDER BY id`).pluck().all();
    rows = { id: column('id') as string[], last: column('last_day') as string[], freq: column('n') as number[], mon: column('spend') as number[] };
    if (rows.id.length === 0) throw new AppError('BAD_INPUT', msg('segments.rfmError.noPurchase', { dataset, asOf, source: at.source }), { asOf });
    returns = policyReportFromStats(db, source.table, lines, policy, rows.id.length);
  } else {
    const p = policySql(policy);
    const orders = cols.order ? `count(DISTINCT CASE WHEN ${p.purchase} THEN ord END)` : `sum(${p.purchase})`;
    // Only lines up to the as-of date; a customer is scored when a purchase is left after the policy. Every
    // customer with a line comes back (the policy report counts them), those without a purchase are dropped here.
    const seen = db
      .prepare(
        `SELECT id, max(CASE WHEN ${p.purchase} THEN day END) AS last, ${orders} AS freq,
           coalesce(sum(CASE WHEN ${p.purchase} THEN coalesce(value, 0) WHEN ${p.netted} THEN ${NETTED_VALUE} END), 0) AS mon
         FROM (${lines.sql}) WHERE day <= ? GROUP BY id ORDER BY id`,
      )
      .all(asOf) as { id: string; last: string | null; freq: number; mon: number }[];
    const bought = seen.filter((r): r is { id: string; last: string; freq: number; mon: number } => r.last !== null);
    rows = { id: bought.map((r) => r.id), last: bought.map((r) => r.last), freq: bought.map((r) => r.freq), mon: bought.map((r) => r.mon) };
    if (bought.length === 0) throw new AppError('BAD_INPUT', msg('segments.rfmError.noPurchase', { dataset, asOf, source: at.source }), { asOf });
    returns = policyReport(db, lines, policy, asOf, bought.length, seen.length);
  }
  const n = rows.id.length;
  const excludedRows = lines.withoutCustomer;
  const details = { asOfSource: at.source, dataStart: at.dataStart, dataEnd: at.dataEnd, warnings: at.warnings, returns };
  const rec = new Float64Array(n);
  const freq = new Float64Array(n);
  const mon = new Float64Array(n);
  // Last orders fall on a few thousand days: each parsed once.
  const dayOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const last = rows.last[i];
    let d = dayOf.get(last);
    if (d === undefined) {
      d = isoToDays(last) as number;
      dayOf.set(last, d);
    }
    rec[i] = asOfDays - d;
    freq[i] = rows.freq[i];
    mon[i] = rows.mon[i];
  }
  const rs = quintileScores(rec, false);
  const fs = quintileScores(freq, true);
  const ms = quintileScores(mon, true);
  const grid = loadGrid(ws);
  const cells = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  const triple = new Array<number>(125).fill(0);
  const bySegment = new Map<string, number>(grid.map((g) => [g.name, 0]));
  let unassigned = 0;
  const computedAt = new Date().toISOString();
  const view = `rfm_${dataset}`;
  const version = db.prepare('SELECT current_version FROM datasets WHERE name = ?').pluck().get(dataset) as number;
  db.transaction(() => {
    db.prepare('DELETE FROM rfm_scores WHERE dataset = ?').run(dataset);
    // One segment per R×F×M triple, looked up rather than matched per customer.
    const segOf = Array.from({ length: 125 }, (_, t) => assign(grid, 1 + Math.floor(t / 25), 1 + (Math.floor(t / 5) % 5), 1 + (t % 5)));
    const segs = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const t = (rs[i] - 1) * 25 + (fs[i] - 1) * 5 + (ms[i] - 1);
      const seg = segOf[t];
      segs[i] = seg;
      if (seg === null) unassigned++;
      else bySegment.set(seg, (bySegment.get(seg) ?? 0) + 1);
      cells[rs[i] - 1][fs[i] - 1]++;
      triple[t]++;
    }
    insertRows(
      db,
      'rfm_scores',
      ['id', 'recency_days', 'frequency', 'monetary', 'r', 'f', 'm', 'rfm_segment'],
      n,
      (i, out, at) => {
        out[at] = rows.id[i];
        out[at + 1] = rec[i];
        out[at + 2] = freq[i];
        out[at + 3] = mon[i];
        out[at + 4] = rs[i];
        out[at + 5] = fs[i];
        out[at + 6] = ms[i];
        out[at + 7] = segs[i];
      },
      { dataset },
    );
    db.exec(`DROP VIEW IF EXISTS ${quoteIdent(view)}`);
    // The dataset name is a catalogue value, embedded as an escaped SQL string literal (views cannot bind).
    db.exec(
      `CREATE VIEW ${quoteIdent(view)} AS SELECT id, recency_days, frequency, monetary, r, f, m, rfm_segment FROM rfm_scores WHERE dataset = '${dataset.replace(/'/g, "''")}'`,
    );
    db.prepare(
      `INSERT INTO rfm_runs(dataset, dataset_version, as_of, columns_json, grid_json, customers, excluded_rows, computed_at, details_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(dataset) DO UPDATE SET dataset_version = excluded.dataset_version, as_of = excluded.as_of, columns_json = excluded.columns_json,
         grid_json = excluded.grid_json, customers = excluded.customers, excluded_rows = excluded.excluded_rows, computed_at = excluded.computed_at,
         details_json = excluded.details_json`,
    ).run(dataset, version, asOf, JSON.stringify(cols), JSON.stringify(grid), n, excludedRows, computedAt, JSON.stringify(details));
  })();
  ws.invalidate('mirror-ref:');
  return {
    transactions: dataset,
    customers: n,
    excludedRows,
    asOf,
    ...details,
    columns: cols,
    segments: [...bySegment].map(([name, count]) => ({ name, count })),
    unassigned,
    view,
    cells,
    check: checkGrid(grid, triple),
    computedAt,
  };
}

/** Relabel stored scores with a new grid (scores themselves do not change). */
export function relabel(ws: Workspace): void {
  const grid = loadGrid(ws);
  const db = ws.db;
  const triples = db.prepare('SELECT DISTINCT r, f, m FROM rfm_scores').all() as { r: number; f: number; m: number }[];
  const upd = db.prepare('UPDATE rfm_scores SET rfm_segment = ? WHERE r = ? AND f = ? AND m = ?');
  db.transaction(() => {
    for (const t of triples) upd.run(assign(grid, t.r, t.f, t.m), t.r, t.f, t.m);
    db.prepare('UPDATE rfm_runs SET grid_json = ?').run(JSON.stringify(grid));
  })();
  ws.invalidate('mirror-ref:');
}

/** The stored result of the last computation (counts re-read from the scores). */
export function storedRfm(ws: Workspace, dataset: string): RfmResult | null {
  const run = ws.db.prepare('SELECT * FROM rfm_runs WHERE dataset = ?').get(dataset) as
    | { as_of: string; columns_json: string; customers: number; excluded_rows: number; computed_at: string; details_json: string | null }
    | undefined;
  if (!run) return null;
  const grid = loadGrid(ws);
  const seg = new Map(grid.map((g) => [g.name, 0]));
  let unassigned = 0;
  const cells = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  const triple = new Array<number>(125).fill(0);
  // One pass over the scores for both the segments and the grid (two GROUP BYs took a second at 1M customers).
  const groups = ws.db.prepare('SELECT r, f, m, rfm_segment AS s, count(*) AS n FROM rfm_scores WHERE dataset = ? GROUP BY 1, 2, 3, 4').all(dataset) as { r: number; f: number; m: number; s: string | null; n: number }[];
  const other = new Map<string, number>();
  for (const g of groups) {
    if (g.s === null) unassigned += g.n;
    else if (seg.has(g.s)) seg.set(g.s, (seg.get(g.s) as number) + g.n);
    else other.set(g.s, (other.get(g.s) ?? 0) + g.n);
    cells[g.r - 1][g.f - 1] += g.n;
    triple[(g.r - 1) * 25 + (g.f - 1) * 5 + (g.m - 1)] += g.n;
  }
  // Segments no longer in the grid follow its own, in name order (as SQLite sorts them).
  for (const name of [...other.keys()].sort(byCodePoint)) seg.set(name, other.get(name) as number);
  return {
    transactions: dataset,
    customers: run.customers,
    excludedRows: run.excluded_rows,
    asOf: run.as_of,
    ...(run.details_json ? (JSON.parse(run.details_json) as RfmDetails) : {}),
    columns: JSON.parse(run.columns_json) as RfmColumns,
    segments: [...seg].map(([name, count]) => ({ name, count })),
    unassigned,
    view: `rfm_${dataset}`,
    cells,
    check: checkGrid(grid, triple),
    computedAt: run.computed_at,
  };
}

/** Score counts over every scored dataset, for the grid editor's gap/overlap report. */
export function allTripleCounts(ws: Workspace): number[] {
  const triple = new Array<number>(125).fill(0);
  for (const r of ws.db.prepare('SELECT r, f, m, count(*) AS n FROM rfm_scores GROUP BY 1, 2, 3').all() as { r: number; f: number; m: number; n: number }[]) {
    triple[(r.r - 1) * 25 + (r.f - 1) * 5 + (r.m - 1)] = r.n;
  }
  return triple;
}
