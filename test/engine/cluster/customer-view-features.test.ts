import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/contract/api';
import type { Engine } from '../../../electron/engine/engine';
import { adjustedRandIndex } from '../../../electron/engine/cluster/agreement';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

const DEMO = path.resolve(__dirname, '../../../assets/demo');

async function demo(opts: { clv: boolean }): Promise<{ engine: Engine; api: Api }> {
  const w = await engineWithWorkspace();
  expect((await runJob(w.engine, w.api, 'import', { path: path.join(DEMO, 'customers.csv'), name: 'customers' })).status.state).toBe('done');
  expect((await runJob(w.engine, w.api, 'import', { path: path.join(DEMO, 'orders.csv'), name: 'orders', as: 'transactions', link: 'customers' })).status.state).toBe('done');
  await w.api.rfm.compute({ transactions: 'orders' });
  if (opts.clv) expect((await runJob(w.engine, w.api, 'clv', { transactions: 'orders' })).status.state).toBe('done');
  return w;
}

/** The run's cluster per customer against the persona the demo generator planted (its `lifestyle` column). */
function agreement(engine: Engine, run: number): { ari: number; customers: number } {
  const db = engine.ctx.ws().db;
  const rows = db.prepare(`SELECT lifestyle, cluster_${run} AS c FROM c360_customers`).all() as { lifestyle: string; c: string }[];
  const code = (xs: string[]) => {
    const m = new Map<string, number>();
    return xs.map((x) => m.get(x) ?? (m.set(x, m.size), m.size - 1));
  };
  return { ari: adjustedRandIndex(code(rows.map((r) => r.lifestyle)), code(rows.map((r) => r.c))), customers: rows.length };
}

/**
 * The demo generator (electron/engine/demo/generate.ts) plants five personas (bargain, premium, family,
 * occasional, loyal) that drive orders a year and basket size, and writes each customer's persona to the
 * customers file as `lifestyle`: the known groups. They live in the order behaviour, not in the customer
 * columns (sign-up date, channel and the like are drawn independently of the persona, income and age
 * are sensitive). They overlap (occasional and family baskets of 60 and 70, loyal and family buying often;
 * baskets vary within a customer; some customers stop buying), so no clustering recovers them exactly.
 * scikit-learn on the same matrix (the customers file's 2,013 rows, missing values as the median, log1p on
 * avg_order_value whose skewness is over 1, standard scaling; KMeans n_init 10) gives the same inertias
 * (2199, 1202, 777, 474 for k = 2..5), silhouette 0.5502 at k = 5, and ARI 0.693 against the personas.
 */
describe('clustering on customer-view fields (demo)', () => {
  it('suggests the behaviour rates of the customer view, and with default settings recovers the planted personas (k = 5, ARI 0.69; 0.03 before)', async () => {
    const { engine, api } = await demo({ clv: true });
    const f = await api.clusters.features({ dataset: 'customers' });
    const suggested = f.filter((c) => c.suggested).map((c) => c.name);
    expect(suggested).toEqual(['avg_order_value', 'expected_purchases_365d']);
    // P(alive) is offered, not pre-ticked (expected purchases fold it in; alone it carves off the lapsed).
    expect(f.find((c) => c.name === 'p_alive')?.suggested).toBe(false);
    const by = (n: string) => f.find((c) => c.name === n);
    expect(by('total_spend')?.source).toBe('orders:orders');
    expect(by('rfm_segment')?.source).toBe('rfm');
    expect(by('p_alive')?.source).toBe('clv');
    expect(by('country')?.source).toBe('customers');
    // Sensitive and PII columns are still never pre-ticked; the file's own columns are still offered.
    for (const c of f.filter((x) => x.sensitive || x.pii)) expect(c.suggested, c.name).toBe(false);
    expect(by('annual_income')?.suggested).toBe(false);
    expect(by('signup_date')?.unusable).toBeNull();

    const run = await runJob(engine, api, 'cluster', { dataset: 'customers', features: suggested });
    expect(run.status.error).toBeUndefined();
    const got = agreement(engine, run.result.run);
    expect(got.customers).toBe(2000);
    expect(run.result.k).toBe(5);
    expect(got.ari).toBeCloseTo(0.693, 2);
    // Before: the suggestion was the file's own columns (sign-up date, channel, lifestyle category).
    const before = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['signup_date', 'preferred_channel', 'lifestyle'] });
    expect(agreement(engine, before.result.run).ari).toBeLessThan(0.1);
    // A clustering run's own column is not offered for the next clustering.
    const after = await api.clusters.features({ dataset: 'customers' });
    expect(after.some((c) => c.name.startsWith('cluster_'))).toBe(false);
  }, 300_000);

  it('without a lifetime-value fit suggests basket size and order count (k = 3, ARI 0.41)', async () => {
    const { engine, api } = await demo({ clv: false });
    const suggested = (await api.clusters.features({ dataset: 'customers' })).filter((c) => c.suggested).map((c) => c.name);
    expect(suggested).toEqual(['orders_count', 'avg_order_value']);
    const run = await runJob(engine, api, 'cluster', { dataset: 'customers', features: suggested });
    expect(run.status.error).toBeUndefined();
    expect(agreement(engine, run.result.run).ari).toBeCloseTo(0.412, 2);
  }, 300_000);
});
