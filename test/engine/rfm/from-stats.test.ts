import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentOrderStats } from '../../../electron/engine/customer-view/plan';
import { rebuildCustomerViews } from '../../../electron/engine/customer-view/rebuild';
import { computeRfm } from '../../../electron/engine/rfm/compute';
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import type { RfmResult } from '../../../shared/contract/ns/rfm';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { sharedData } from '../../helpers/tmp';
import { setUp } from '../segments/history-fixture';

/**
 * RFM read from the customer view's per-customer order history (rfm/compute.ts, when its columns, policy and
 * as-of date are the view's) must give what the aggregation over every order line gives: the same scores for
 * the same customers and the same report on cancellations and returns.
 */
function both(ws: Workspace, t: string, asOf?: string): { fast: RfmResult; slow: RfmResult; fastScores: unknown[]; slowScores: unknown[]; used: boolean } {
  rebuildCustomerViews(ws);
  const stats = currentOrderStats(ws, t);
  const scores = () => ws.db.prepare('SELECT id, recency_days, frequency, monetary, r, f, m, rfm_segment FROM rfm_scores WHERE dataset = ? ORDER BY id').all(t);
  const fast = computeRfm(ws, t, asOf, {}, undefined, (x) => currentOrderStats(ws, x));
  const fastScores = scores();
  const slow = computeRfm(ws, t, asOf, {});
  const slowScores = scores();
  return { fast, slow, fastScores, slowScores, used: stats !== null && stats.asOf === fast.asOf };
}

function expectSame(b: ReturnType<typeof both>): void {
  expect(b.used, 'the order-history table was read').toBe(true);
  expect(b.fastScores.length).toBeGreaterThan(0);
  expect(b.fastScores).toEqual(b.slowScores);
  const strip = (r: RfmResult) => ({ ...r, computedAt: '', returns: r.returns ? { ...r.returns, nettedAmount: 0 } : r.returns });
  expect(strip(b.fast)).toEqual(strip(b.slow));
  // Summed per customer, then over customers: the same amount up to rounding.
  expect(b.fast.returns?.nettedAmount ?? 0).toBeCloseTo(b.slow.returns?.nettedAmount ?? 0, 6);
}

describe('RFM from the customer view’s order history equals RFM over the order lines', () => {
  it('with cancellations, returns, a status column, undated lines, shared orders and unknown customers', () => {
    const { ws } = setUp(424242);
    const b = both(ws, 'orders');
    expectSame(b);
    expect(b.fast.returns?.cancelledOrders).toBeGreaterThan(0);
    expect(b.fast.returns?.returnLines).toBeGreaterThan(0);
    expect(b.fast.returns?.undatedLines).toBeGreaterThan(0);
    // Another as-of date than the view's: the lines are aggregated again (and agree with themselves).
    const other = computeRfm(ws, 'orders', '2024-06-30', {}, undefined, (x) => currentOrderStats(ws, x));
    expect(other.asOf).toBe('2024-06-30');
    ws.close();
  });

  it('on the demo orders', async () => {
    const { engine, api } = await engineWithWorkspace();
    const demo = path.resolve(__dirname, '../../../assets/demo');
    await runJob(engine, api, 'import', { path: path.join(demo, 'customers.csv'), name: 'customers' });
    await runJob(engine, api, 'import', { path: path.join(demo, 'orders.csv'), name: 'orders', as: 'transactions', link: 'customers' });
    expectSame(both(engine.ctx.ws(), 'orders'));
    engine.close();
  });

  const retail = sharedData('online_retail.csv');
  it.skipIf(!retail)('on Online Retail (skipped when ../shared/data is absent)', async () => {
    const { engine, api } = await engineWithWorkspace();
    await runJob(engine, api, 'import', { path: retail!, name: 'retail', as: 'transactions' });
    const b = both(engine.ctx.ws(), 'retail');
    expectSame(b);
    expect(b.fast.customers).toBe(4339);
    engine.close();
  }, 120_000);
});

describe('lifetime value reads the same report and dates from the order history', () => {
  it('with and without the order-history table: the same input, report and dates', async () => {
    const { loadClvInput } = await import('../../../electron/engine/outcomes/clv-data');
    const { ws } = setUp(31337);
    // Lifetime value reads a quantity column for returns where RFM and the view read the amount only: without
    // one, all three read the same lines (with one, the lines are aggregated again: the reuse is only for the same lines).
    ws.db.prepare("UPDATE dataset_transaction_columns SET quantity_column = NULL WHERE dataset = 'orders'").run();
    ws.invalidate();
    rebuildCustomerViews(ws);
    let asked = 0;
    const fast = loadClvInput(ws, 'orders', undefined, 'exclude-cancelled', (t) => {
      asked++;
      return currentOrderStats(ws, t);
    });
    const slow = loadClvInput(ws, 'orders', undefined, 'exclude-cancelled');
    expect(asked).toBe(1);
    expect(currentOrderStats(ws, 'orders')?.asOf).toBe(fast.at.asOf);
    expect(fast.at).toEqual(slow.at);
    expect({ ...fast.returns, nettedAmount: 0 }).toEqual({ ...slow.returns, nettedAmount: 0 });
    expect(fast.returns.nettedAmount).toBeCloseTo(slow.returns.nettedAmount, 6);
    expect(fast.returns.cancelledOrders).toBeGreaterThan(0);
    expect(fast.days).toEqual(slow.days);
    ws.close();
  });
});

describe('quintile scores', () => {
  it('by counting (whole numbers) and by sorting give the scores of a comparator sort with ties sharing their first rank', async () => {
    const { quintileScores } = await import('../../../electron/engine/rfm/compute');
    const reference = (values: Float64Array, higherIsBetter: boolean) => {
      const order = Array.from(values.keys()).sort((a, b) => (higherIsBetter ? values[a] - values[b] : values[b] - values[a]));
      const out = new Uint8Array(values.length);
      let start = 0;
      order.forEach((idx, k) => {
        if (k > 0 && values[idx] !== values[order[k - 1]]) start = k;
        out[idx] = 1 + Math.floor((5 * start) / values.length);
      });
      return out;
    };
    let seed = 7;
    const r = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const make of [() => Math.floor(r() * 12), () => Math.floor(r() * 900) - 30, () => Math.round(r() * 1e6) / 100, () => (r() < 0.5 ? 1 : 2)]) {
      for (const n of [1, 7, 100, 1001]) {
        const v = Float64Array.from({ length: n }, make);
        for (const better of [true, false]) expect(Array.from(quintileScores(v, better))).toEqual(Array.from(reference(v, better)));
      }
    }
  });
});
