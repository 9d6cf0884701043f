import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

/**
 * "Customers without a purchase" in the returns report: RFM and lifetime value count the customers with a
 * line up to the as-of date from their own per-customer pass (policyReport's `seen`) instead of a DISTINCT over
 * every order line. Checked against that DISTINCT in SQL on a file with every kind of customer: buying, only
 * returns, only cancellations, only undated lines, only lines after the as-of date.
 */
describe('customers with a line up to the as-of date', () => {
  it('RFM and lifetime value count them as a DISTINCT over the lines does', async () => {
    const w = await engineWithWorkspace();
    const lines = ['order_id,customer_id,order_date,amount'];
    // 30 buying customers (3 orders each), so the lifetime-value fit has something to fit.
    for (let c = 1; c <= 30; c++) for (let k = 0; k < 3; k++) lines.push(`O${c}-${k},B${c},2024-0${1 + k}-1${c % 9},${10 + c}`);
    lines.push('R1,ONLYRET,2024-02-02,-15', 'C100,ONLYCANCEL,2024-02-03,20', 'C100,ONLYCANCEL,2024-02-03,-20', 'U1,UNDATED,,12', 'L1,LATER,2024-09-01,30');
    const file = path.join(w.dir, 'orders.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    expect((await runJob(w.engine, w.api, 'import', { path: file, name: 'orders', as: 'transactions' })).status.state).toBe('done');
    const asOf = '2024-06-30';

    const db = new Database(w.file, { readonly: true });
    const table = db.prepare("SELECT table_name FROM dataset_versions WHERE dataset = 'orders'").pluck().get() as string;
    const seen = db.prepare(`SELECT count(DISTINCT customer_id) FROM "${table}" WHERE order_date <> '' AND order_date <= ?`).pluck().get(asOf) as number;
    db.close();
    expect(seen).toBe(32); // 30 buyers, ONLYRET, ONLYCANCEL

    const rfm = await w.api.rfm.compute({ transactions: 'orders', asOf });
    // The 30 buyers, and ONLYCANCEL unless its "C100" lines are read as a cancellation.
    expect(rfm.customers).toBeGreaterThanOrEqual(30);
    expect(rfm.returns?.customersWithoutPurchase).toBe(seen - rfm.customers);
    expect(rfm.returns?.customersWithoutPurchase).toBeGreaterThanOrEqual(1);
    const clv = await runJob(w.engine, w.api, 'clv', { transactions: 'orders', asOf });
    expect(clv.status.error).toBeUndefined();
    expect(clv.result.returns?.customersWithoutPurchase).toBe(rfm.returns?.customersWithoutPurchase);
    expect(clv.result.returns).toMatchObject({ linesAfterAsOf: 1, undatedLines: 1 });
    w.engine.close();
  }, 120_000);
});
