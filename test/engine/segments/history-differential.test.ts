import { describe, expect, it } from 'vitest';
import { quoteIdent } from '../../../electron/engine/db/open';
import { getMirror } from '../../../electron/engine/mirror';
import { compileSql } from '../../../electron/engine/segments/sql';
import { countRule, evaluateRule, maskIndices } from '../../../electron/engine/segments/evaluate';
import { checkRule, mirrorEnv, sqlEnv } from '../../../electron/engine/segments/resolve';
import { rebuildCustomerViews } from '../../../electron/engine/customer-view/rebuild';
import { datasetAsOf } from '../../../electron/engine/orders/as-of';
import { describeRule, type HistoryCondition } from '../../../shared/rules';
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import { measures, randomRule, setUp } from './history-fixture';

/**
 * Order-history conditions: the SQL compiler (GROUP BY over the order lines, joined by customer ID)
 * and the columnar evaluator (lines aggregated per customer into typed arrays) must select the same
 * customers, on data with customers without orders, orders of unknown customers, undated lines,
 * cancellations ("C" order numbers), returns (negative lines, a status column) and orders whose lines
 * name several customers.
 */
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
