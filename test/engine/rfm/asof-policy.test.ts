import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { sharedData } from '../../helpers/tmp';
import { differences, FIXTURE, FIXTURE_REFERENCE, pandasPython, pandasRfm, rfmView, type RfmRef } from './reference';
import { RETURNS_POLICIES } from '../../../shared/contract/orders';

const reference = JSON.parse(fs.readFileSync(FIXTURE_REFERENCE, 'utf8')) as { dataEnd: string; cuts: Record<string, Record<string, RfmRef>> };

async function withOrders(file: string) {
  const w = await engineWithWorkspace();
  const imp = await runJob(w.engine, w.api, 'import', { path: file, name: 'orders', as: 'transactions' });
  expect(imp.status.state, JSON.stringify(imp.status.error)).toBe('done');
  return w;
}

describe('RFM as-of date and returns policy on a small orders file (pandas reference committed beside the test)', () => {
  it('defaults to the last order date, never the clock, and says so', async () => {
    const { engine, api } = await withOrders(FIXTURE);
    const r = await api.rfm.compute({ transactions: 'orders' });
    expect(r.asOf).toBe(reference.dataEnd);
    expect(r.asOfSource).toBe('the last order in orders');
    expect(r.dataEnd).toBe(reference.dataEnd);
    expect(r.warnings).toEqual([]);
    expect(differences(await rfmView(api, 'orders'), reference.cuts[reference.dataEnd]['exclude-cancelled'])).toEqual([]);
    // The stored result carries the same facts.
    expect(await api.rfm.result({ transactions: 'orders' })).toMatchObject({ asOf: reference.dataEnd, asOfSource: 'the last order in orders', returns: r.returns });
    engine.close();
  });

  it('equals pandas cut at each as-of date under each policy', async () => {
    const { engine, api } = await withOrders(FIXTURE);
    for (const [asOf, byPolicy] of Object.entries(reference.cuts)) {
      for (const policy of RETURNS_POLICIES) {
        const r = await api.rfm.compute({ transactions: 'orders', asOf, returns: policy });
        expect(r.customers, `${asOf} ${policy}`).toBe(Object.keys(byPolicy[policy]).length);
        expect(differences(await rfmView(api, 'orders'), byPolicy[policy]), `${asOf} ${policy}`).toEqual([]);
        expect(r.returns?.policy).toBe(policy);
      }
    }
    engine.close();
  });

  it('counts what the default policy left out, and leaves out customers with no purchase', async () => {
    const { engine, api } = await withOrders(FIXTURE);
    const r = await api.rfm.compute({ transactions: 'orders' });
    const csv = fs.readFileSync(FIXTURE, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const withCustomer = csv.filter((c) => c[4] !== '');
    const cancelled = withCustomer.filter((c) => c[0].startsWith('C'));
    const returns = withCustomer.filter((c) => !c[0].startsWith('C') && Number(c[1]) < 0);
    expect(r.returns).toMatchObject({
      policy: 'exclude-cancelled',
      cancelledLines: cancelled.length,
      cancelledOrders: new Set(cancelled.map((c) => c[0])).size,
      returnLines: returns.length,
      excludedLines: cancelled.length,
      nettedLines: returns.length,
      customersWithoutPurchase: 1,
      linesAfterAsOf: 0,
    });
    expect(r.returns?.nettedAmount).toBeCloseTo(returns.reduce((a, c) => a + Number(c[1]) * Number(c[3]), 0), 6);
    expect(r.returns?.detectedBy.join(' ')).toMatch(/starting with "C" in InvoiceNo/);
    expect(r.excludedRows).toBe(1);
    const view = await rfmView(api, 'orders');
    expect(view['1100']).toBeUndefined(); // only a cancellation
    // Cut at mid-year: the customer whose first purchase came later is not scored, and no recency is negative.
    const mid = await api.rfm.compute({ transactions: 'orders', asOf: '2023-06-30' });
    const cut = await rfmView(api, 'orders');
    expect(cut['1101']).toBeUndefined();
    expect(Math.min(...Object.values(cut).map((v) => v[0]))).toBeGreaterThanOrEqual(0);
    expect(mid.asOfSource).toBe('chosen for this analysis');
    expect(mid.returns?.linesAfterAsOf).toBe(withCustomer.filter((c) => c[2].slice(0, 10) > '2023-06-30').length);
    engine.close();
  });

  it('warns about a date after the data ends and refuses one before it starts', async () => {
    const { engine, api } = await withOrders(FIXTURE);
    const late = await api.rfm.compute({ transactions: 'orders', asOf: '2024-03-01' });
    expect(late.warnings?.[0]).toMatch(/2024-03-01 is 65 days after the data ends \(2023-12-27\)/);
    const far = await api.rfm.compute({ transactions: 'orders', asOf: '2023-02-01' });
    expect(far.warnings?.[0]).toMatch(/329 days before the data ends/);
    await expect(api.rfm.compute({ transactions: 'orders', asOf: '2022-06-30' })).rejects.toThrow(/before the data starts \(2023-01-0\d\)/);
    engine.close();
  });

  it("uses the workspace's as-of date when the user set one", async () => {
    const { engine, api } = await withOrders(FIXTURE);
    await api.workspace.setAsOf({ asOf: '2023-09-30' });
    const r = await api.rfm.compute({ transactions: 'orders' });
    expect(r).toMatchObject({ asOf: '2023-09-30', asOfSource: "the workspace's as-of date" });
    engine.close();
  });
});

const retail = sharedData('online_retail.csv');
const py = pandasPython();

describe.skipIf(!retail || !py)('RFM on online_retail.csv against pandas (skipped: needs ../shared/data/online_retail.csv and python3 with pandas)', () => {
  it('defaults to 2011-12-09, excludes cancellations, and cuts at a chosen date', async () => {
    const { engine, api } = await withOrders(retail as string);
    const r = await api.rfm.compute({ transactions: 'orders' });
    expect(r).toMatchObject({ asOf: '2011-12-09', asOfSource: 'the last order in orders', warnings: [] });
    const ref = pandasRfm(py as string, retail as string, '2011-12-09');
    expect(r.customers).toBe(Object.keys(ref).length);
    expect(differences(await rfmView(api, 'orders'), ref)).toEqual([]);
    // 3,654 C-invoices; 8,905 of their lines have a customer.
    expect(r.returns).toMatchObject({ cancelledOrders: 3654, cancelledLines: 8905 });
    expect(r.returns?.customersWithoutPurchase).toBeGreaterThan(0);

    const mid = await api.rfm.compute({ transactions: 'orders', asOf: '2011-06-30' });
    const refMid = pandasRfm(py as string, retail as string, '2011-06-30');
    expect(mid.customers).toBe(Object.keys(refMid).length);
    expect(differences(await rfmView(api, 'orders'), refMid)).toEqual([]);
    engine.close();
  }, 240_000);
});
