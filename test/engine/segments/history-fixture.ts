import { DATE_UNITS, HISTORY_OPS, type HistoryCondition, type RuleNode } from '../../../shared/rules';
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import { addDatasetVersion, fixtureWorkspace, rng, type FixtureColumn } from './fixture';

/**
 * Customers ("people") and their order lines ("orders", linked) for the order-history tests: customers
 * without orders, orders of unknown customers, undated lines, cancellations ("C" order numbers),
 * returns (negative lines, a status column) and orders whose lines name several customers; and random
 * rules mixing history conditions with customer conditions.
 */
export const PEOPLE: FixtureColumn[] = [
  { name: 'id', type: 'text' },
  { name: 'visits', type: 'integer' },
  { name: 'lifestyle', type: 'category' },
  { name: 'signup', type: 'date' },
];
export const ORDERS: FixtureColumn[] = [
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

export function setUp(seed: number): { ws: Workspace; r: () => number } {
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

export const measures = new Map<string, number>();

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

export function randomRule(r: () => number, depth: number, transactions: string, own: boolean): RuleNode {
  const roll = r();
  if (depth <= 0 || roll < 0.4) return randomCondition(r, transactions, own);
  if (roll < 0.5) return { not: randomRule(r, depth - 1, transactions, own) };
  const kids = Array.from({ length: 1 + Math.floor(r() * 3) }, () => randomRule(r, depth - 1, transactions, own));
  return roll < 0.75 ? { all: kids } : { any: kids };
}
