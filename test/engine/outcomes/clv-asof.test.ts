import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { sharedData } from '../../helpers/tmp';
import { FIXTURE } from '../rfm/reference';

async function withOrders(file: string) {
  const w = await engineWithWorkspace();
  const imp = await runJob(w.engine, w.api, 'import', { path: file, name: 'orders', as: 'transactions' });
  expect(imp.status.state, JSON.stringify(imp.status.error)).toBe('done');
  return w;
}

describe('CLV as-of date and returns policy', () => {
  it('defaults to the last order date and leaves cancelled orders out', async () => {
    const { engine, api } = await withOrders(FIXTURE);
    const fit = await runJob(engine, api, 'clv', { transactions: 'orders', period: 'weeks', discount: 0.1, holdoutDays: 0 });
    expect(fit.status.state, JSON.stringify(fit.status.error)).toBe('done');
    expect(fit.result).toMatchObject({ asOf: '2023-12-27', asOfSource: 'the last order in orders', dataEnd: '2023-12-27' });
    // The same customers as RFM scores: one with only a cancellation is not a customer here either.
    const rfm = await api.rfm.compute({ transactions: 'orders' });
    expect(fit.result.customers).toBe(rfm.customers);
    expect(fit.result.returns).toEqual(rfm.returns);
    const late = await runJob(engine, api, 'clv', { transactions: 'orders', asOf: '2024-02-01', period: 'weeks', discount: 0.1, holdoutDays: 0 });
    expect(late.result.warnings[0]).toMatch(/36 days after the data ends/);
    engine.close();
  }, 60_000);
});

const retail = sharedData('online_retail.csv');

describe.skipIf(!retail)('CLV on online_retail.csv (skipped: ../shared/data/online_retail.csv is absent)', () => {
  it("measures at the data's own last date, so the holdout check and P(alive) are sane", async () => {
    const { engine, api } = await withOrders(retail as string);
    const fit = await runJob(engine, api, 'clv', { transactions: 'orders', period: 'weeks', discount: 0.1 });
    expect(fit.status.state, JSON.stringify(fit.status.error)).toBe('done');
    const r = fit.result;
    expect(r).toMatchObject({ asOf: '2011-12-09', asOfSource: 'the last order in orders' });
    expect(r.returns).toMatchObject({ policy: 'exclude-cancelled', cancelledOrders: 3654, linesAfterAsOf: 0 });
    const cal = r.calibration!;
    expect(cal.totalActual).toBeGreaterThan(1000);
    expect(cal.totalPredicted / cal.totalActual).toBeGreaterThan(0.7);
    expect(cal.totalPredicted / cal.totalActual).toBeLessThan(1.3);
    // Repeat buyers are not all "likely churned": most have a high probability of being alive.
    const info = await api.workspace.info({});
    const db = new Database(info.workspace, { readonly: true });
    const alive = db.prepare('SELECT avg(p_alive > 0.5) FROM clv_orders WHERE frequency > 0').pluck().get() as number;
    db.close();
    expect(alive).toBeGreaterThan(0.5);
    engine.close();
  }, 240_000);
});
