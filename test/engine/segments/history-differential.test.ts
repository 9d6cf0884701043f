import { describe, expect, it } from 'vitest';
import { quoteIdent } from '../../../electron/engine/db/open';
import { getMirror } from '../../../electron/engine/mirror';
import { compileSql } from '../../../electron/engine/segments/sql';
import { countRule, evaluateRule, maskIndices } from '../../../electron/engine/segments/evaluate';
import { checkRule, mirrorEnv, sqlEnv } from '../../../electron/engine/segments/resolve';
import { rebuildCustomerViews } from '../../../electron/engine/customer-view/rebuild';
import { datasetAsOf } from '../../../electron/engine/orders/as-of';
import { DATE_UNITS, describeRule, HISTORY_OPS, type HistoryCondition, type RuleNode } from '../../../shared/rules';
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import { addDatasetVersion, fixtureWorkspace, rng, type FixtureColumn } from './fixture';

/**
 * Order-history conditions: the SQL compiler (GROUP BY over the order lines, joined by customer ID)
 * and the columnar evaluator (lines aggregated per customer into typed arrays) must select the same
 * customers, on data with customers without orders, orders of unknown customers, undated lines,
 * cancellations ("C" order numbers), returns (negative lines, a status column) and orders whose lines
 * name several customers.
 */
const PEOPLE: FixtureColumn[] = [
  { name: 'id', type: 'text' },
  { name: 'visits', type: 'integer' },
  { name: 'lifestyle', type: 'category' },
  { name: 'signup', type: 'date' },
];
const ORDERS: FixtureColumn[] = [
  { name: 'order_no', type: 'text' },
  { name: 'customer', type: 'text' },
  { name: 'order_date', type: 'date' },
  { name: 'amount', type: 'number' },
  { name: 'qty', type: 'integer' },
  { name: 'category', type: 'category' },
  { name: 'product', type: 'text' },
  { name: 'status', type: 'text' },
];
const CATS = ['Wine', 'Beer', 'Cheese', 'Bread', 'wine'];
const PRODUCTS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8'];
const STYLES = ['eco', 'premium', 'bargain'];
const PEOPLE_N = 500;

function pad(n: number) {
  return String(n).padStart(2, '0');
}
function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}
function randomDate(r: () => number, from = 2023): string {
  return `${from + Math.floor(r() * (2025 - from))}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
}

function setUp(seed: number): { ws: Workspace; r: () => number } {
  const ws = fixtureWorkspace();
  const r = rng(seed);
  const people = Array.from({ length: PEOPLE_N }, (_, i) => [i % 97 === 5 ? null : `C${i}`, r() < 0.1 ? null : Math.floor(r() * 20), r() < 0.1 ? null : pick(r, STYLES), randomDate(r, 2021)]);
  addDatasetVersion(ws, 'people', PEOPLE, people);
  const lines: unknown[][] = [];
  let order = 1000;
  // 70 % of the people order at all; a few order lines name customers the file does not know.
  for (let o = 0; o < 1400; o++) {
    const who = r() < 0.05 ? `X${Math.floor(r() * 30)}` : r() < 0.02 ? null : `C${Math.floor(r() * PEOPLE_N * 0.7)}`;
    const cancelled = r() < 0.06;
    const no = cancelled ? `C${order++}` : String(order++);
    const day = r() < 0.03 ? null : randomDate(r);
    const n = 1 + Math.floor(r() * 4);
    for (let k = 0; k < n; k++) {
      const returned = !cancelled && r() < 0.08;
      const qty = (cancelled || returned ? -1 : 1) * (1 + Math.floor(r() * 5));
      // Whole and half amounts: sums are exact in both engines, so boundary values compare exactly.
      const amount = r() < 0.05 ? null : Math.sign(qty) * (Math.floor(r() * 80) + (r() < 0.3 ? 0.5 : 0));
      const status = returned && r() < 0.5 ? 'returned' : r() < 0.03 ? 'cancelled' : r() < 0.5 ? 'ok' : null;
      // Now and then a line of the same order under another customer (a shared order number).
      const cust = r() < 0.02 ? `C${Math.floor(r() * PEOPLE_N)}` : who;
      lines.push([no, cust, day, amount, qty, r() < 0.05 ? null : pick(r, CATS), pick(r, PRODUCTS), status]);
    }
  }
  addDatasetVersion(ws, 'orders', ORDERS, lines, 'customer');
  ws.db.prepare("UPDATE datasets SET kind = 'transactions', linked_to = 'people' WHERE name = 'orders'").run();
  ws.db.prepare("INSERT INTO dataset_transaction_columns VALUES ('orders', 'order_no', 'customer', 'order_date', 'amount', 'qty', NULL)").run();
  ws.invalidate();
  return { ws, r };
}

function randomWhere(r: () => number): RuleNode {
  const roll = r();
  if (roll < 0.35) return { field: 'category', op: 'eq', value: pick(r, CATS) };
  if (roll < 0.5) return { field: 'category', op: 'in', value: [pick(r, CATS), pick(r, CATS)] };
  if (roll < 0.62) return { field: 'amount', op: 'gt', value: Math.floor(r() * 60) };
  if (roll < 0.72) return { field: 'order_date', op: 'within_last', value: { amount: Math.floor(r() * 300), unit: 'days' } };
  if (roll < 0.82) return { not: { field: 'product', op: 'in', value: [pick(r, PRODUCTS), pick(r, PRODUCTS)] } };
  return { any: [{ field: 'product', op: 'eq', value: pick(r, PRODUCTS) }, { field: 'qty', op: 'gte', value: 1 + Math.floor(r() * 4) }] };
}

const measures = new Map<string, number>();

function randomHistory(r: () => number, transactions: string): RuleNode {
  const measure = pick(r, ['count', 'count', 'sum', 'avg', 'distinct'] as const);
  const h: HistoryCondition = { transactions, measure, op: pick(r, HISTORY_OPS), value: 0 };
  if (measure === 'sum' || measure === 'avg') {
    const of = pick(r, [undefined, 'amount', 'qty']);
    if (of) h.of = of;
  }
  if (measure === 'distinct') h.of = pick(r, ['category', 'product', 'qty']);
  if (r() < 0.4) h.where = randomWhere(r);
  const w = r();
  if (w < 0.4) h.within_last = { amount: Math.floor(r() * 400), unit: pick(r, DATE_UNITS) };
  else if (w < 0.6) h.between = [randomDate(r), randomDate(r)].sort() as [string, string];
  const scale = measure === 'count' || measure === 'distinct' ? 6 : measure === 'sum' ? (h.of === 'qty' ? 30 : 400) : h.of === 'qty' ? 8 : 120;
  // Small whole numbers (and halves for amounts) hit real per-customer values, so equality and the bounds are exercised.
  const num = () => (measure === 'count' || measure === 'distinct' || h.of === 'qty' ? Math.floor(r() * scale) - (r() < 0.1 ? 1 : 0) : Math.floor(r() * scale) / (r() < 0.3 ? 2 : 1));
  if (h.op === 'between') {
    const a = num();
    h.value = [a, a + Math.abs(num())];
  } else h.value = num();
  measures.set(measure, (measures.get(measure) ?? 0) + 1);
  return { history: h };
}

function randomCondition(r: () => number, transactions: string, own: boolean): RuleNode {
  const roll = r();
  if (roll < 0.55) return randomHistory(r, transactions);
  if (own) return { field: pick(r, ['category', 'product']), op: 'eq', value: pick(r, [...CATS, ...PRODUCTS]) };
  if (roll < 0.7) return { field: 'visits', op: pick(r, ['gte', 'lt'] as const), value: Math.floor(r() * 20) };
  if (roll < 0.85) return { field: 'lifestyle', op: 'eq', value: pick(r, STYLES) };
  return { field: 'signup', op: 'within_last', value: { amount: Math.floor(r() * 36), unit: 'months' } };
}

function randomRule(r: () => number, depth: number, transactions: string, own: boolean): RuleNode {
  const roll = r();
  if (depth <= 0 || roll < 0.4) return randomCondition(r, transactions, own);
  if (roll < 0.5) return { not: randomRule(r, depth - 1, transactions, own) };
  const kids = Array.from({ length: 1 + Math.floor(r() * 3) }, () => randomRule(r, depth - 1, transactions, own));
  return roll < 0.75 ? { all: kids } : { any: kids };
}

/** Runs `n` random rules on `dataset` through both engines; returns how many selected some but not all rows. */
function compare(ws: Workspace, dataset: string, r: () => number, n: number, own: boolean): number {
  const asOf = datasetAsOf(ws, dataset).asOf;
  const m = getMirror(ws, dataset);
  const senv = sqlEnv(ws, dataset, asOf);
  const menv = mirrorEnv(ws, m, asOf);
  const rowids = ws.db.prepare(`SELECT rowid FROM ${quoteIdent(m.table)} ORDER BY rowid`).pluck().all() as number[];
  let nonTrivial = 0;
  for (let k = 0; k < n; k++) {
    const rule = checkRule(ws, dataset, randomRule(r, 3, 'orders', own));
    const { where, params } = compileSql(rule, senv);
    const sqlRows = ws.db.prepare(`SELECT rowid FROM ${quoteIdent(m.table)} WHERE ${where} ORDER BY rowid`).pluck().all(...params) as number[];
    const mirrorRows = Array.from(maskIndices(evaluateRule(rule, m, menv)), (i) => rowids[i]);
    if (sqlRows.length > 0 && sqlRows.length < m.rows) nonTrivial++;
    expect(mirrorRows, `rule ${k}: ${JSON.stringify(rule)} (${describeRule(rule)})`).toEqual(sqlRows);
    expect(countRule(rule, m, menv), `count of rule ${k}`).toBe(sqlRows.length);
  }
  return nonTrivial;
}

describe('order-history conditions: SQL and the columnar evaluator agree', () => {
  it('on thousands of random rules over customers, including customers with no orders', () => {
    const { ws, r } = setUp(20241206);
    // The fixture must hold what the conditions are about.
    const withoutOrders = ws.db.prepare(`SELECT count(*) FROM people WHERE CAST(id AS TEXT) NOT IN (SELECT customer FROM orders WHERE customer IS NOT NULL)`).pluck().get() as number;
    expect(withoutOrders).toBeGreaterThan(100);
    const nonTrivial = compare(ws, 'people', r, 2000, false);
    expect(nonTrivial).toBeGreaterThan(900);
    for (const m of ['count', 'sum', 'avg', 'distinct']) expect(measures.get(m) ?? 0, m).toBeGreaterThan(200);
    ws.close();
  }, 300_000);

  it('on a transactions dataset, per line by its customer', () => {
    const { ws, r } = setUp(77);
    ws.db.prepare("UPDATE datasets SET linked_to = NULL WHERE name = 'orders'").run();
    // Gaps in the rowids (as deleted rows leave): lines are matched to mirror rows by rowid, not by position.
    const table = ws.db.prepare("SELECT table_name FROM dataset_versions WHERE dataset = 'orders'").pluck().get() as string;
    ws.db.exec(`DELETE FROM ${quoteIdent(table)} WHERE rowid % 7 = 3`);
    ws.invalidate();
    expect(compare(ws, 'orders', r, 600, true)).toBeGreaterThan(200);
    ws.close();
  }, 120_000);

  it('count and spend without window or filter equal the customer view (same lines, same returns policy)', () => {
    const { ws } = setUp(5);
    rebuildCustomerViews(ws);
    const m = getMirror(ws, 'people');
    const asOf = datasetAsOf(ws, 'people').asOf;
    const menv = mirrorEnv(ws, m, asOf);
    // The view has a row per customer ID (rows without one are no one); the evaluator a row per file row.
    const view = (sql: string, ...p: number[]) => (ws.db.prepare(`SELECT id FROM c360_people WHERE ${sql} ORDER BY id`).pluck().all(...p) as string[]).join();
    const ours = (h: Omit<HistoryCondition, 'transactions'>) =>
      Array.from(maskIndices(evaluateRule({ history: { transactions: 'orders', ...h } }, m, menv)), (i) => m.ids[i])
        .filter((id) => id !== '')
        .sort()
        .join();
    for (const k of [0, 1, 2, 3, 5]) {
      expect(ours({ measure: 'count', op: 'gte', value: k })).toBe(view('orders_count >= ?', k));
      expect(ours({ measure: 'count', op: 'eq', value: k })).toBe(view('orders_count = ?', k));
    }
    for (const v of [0, 50, 150.5, 400]) {
      expect(ours({ measure: 'sum', op: 'gt', value: v })).toBe(view('total_spend > ?', v));
      expect(ours({ measure: 'avg', op: 'lte', value: v })).toBe(view('avg_order_value <= ?', v));
    }
    // "At least one order in the last 90 days" is "last order within the last 90 days", as the date operator counts it.
    const txAsOf = datasetAsOf(ws, 'orders').asOf;
    const within = ours({ measure: 'count', within_last: { amount: 90, unit: 'days' }, op: 'gte', value: 1 });
    expect(within).toBe(view(`last_order_date BETWEEN date('${txAsOf}', '-90 days') AND '${txAsOf}'`));
    expect(within.length).toBeGreaterThan(0);
    ws.close();
  });

  it('refuses what it cannot compute, naming the problem', () => {
    const { ws } = setUp(9);
    const bad = (h: Record<string, unknown>) => () => checkRule(ws, 'people', { history: { transactions: 'orders', measure: 'count', op: 'gte', value: 1, ...h } });
    expect(bad({ transactions: 'nope' })).toThrow(/"nope" is not a transactions dataset linked to "people" \(use "orders"\)/);
    expect(bad({ measure: 'sum', of: 'product' })).toThrow(/"sum" needs a number column; "product" is text/);
    expect(bad({ measure: 'distinct' })).toThrow(/give it as "of"/);
    expect(bad({ of: 'qty' })).toThrow(/takes no "of"/);
    expect(bad({ where: { field: 'visits', op: 'gte', value: 1 } })).toThrow(/order filter on "orders": unknown field "visits"/);
    expect(bad({ where: { history: { transactions: 'orders', measure: 'count', op: 'gte', value: 1 } } })).toThrow(/cannot hold another order-history condition/);
    expect(bad({ within_last: { amount: 3, unit: 'days' }, between: ['2024-01-01', '2024-02-01'] })).toThrow(/not both/);
    expect(bad({ op: 'between', value: 3 })).toThrow(/takes \[low, high\]/);
    expect(bad({ between: ['2024-02-30', '2024-03-01'] })).toThrow(/yyyy-mm-dd/);
    ws.close();
  });
});
