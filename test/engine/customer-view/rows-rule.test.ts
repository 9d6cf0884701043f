import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

const DEMO = path.resolve(__dirname, '../../../assets/demo');

/**
 * "See the customers behind a number" (issue #14 item 6): the customer list filtered by a rule holds exactly
 * the customers the number counts: a saved segment, the overlap of two, a CLV band, a fairness group; on a
 * customer file with linked orders and on an orders file alone. Counts are checked against the live count and
 * against SQL on the file's own table.
 */
describe('customerView.rows filtered by a rule', () => {
  it('lists the members of a segment, an overlap, a CLV band and a group within a segment', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: path.join(DEMO, 'customers.csv'), name: 'customers' })).status.state).toBe('done');
    expect((await runJob(engine, api, 'import', { path: path.join(DEMO, 'orders.csv'), name: 'orders', as: 'transactions', link: 'customers' })).status.state).toBe('done');
    expect((await runJob(engine, api, 'clv', { transactions: 'orders', period: 'days', horizon: 365 })).status.state).toBe('done');
    await api.segments.save({ dataset: 'customers', name: 'Poland', rule: { field: 'country', op: 'eq', value: 'Poland' } });
    await api.segments.save({ dataset: 'customers', name: 'well off', rule: { field: 'annual_income', op: 'gt', value: 60000 }, justification: 'spending power for a premium offer' });

    const db = new Database(file, { readonly: true });
    const sql = (q: string) => db.prepare(q).pluck().get() as number;

    const poland = await api.customerView.rows({ dataset: 'customers', rule: { segment: 'Poland' }, limit: 1000 });
    expect(poland.total).toBe(sql("SELECT count(*) FROM c360_customers WHERE country = 'Poland'"));
    expect(poland.total).toBe((await api.segments.count({ dataset: 'customers', rule: { segment: 'Poland' } })).count);
    const countryAt = poland.columns.indexOf('country');
    expect(poland.rows.every((r) => r[countryAt] === 'Poland')).toBe(true);

    const both = await api.customerView.rows({ dataset: 'customers', rule: { all: [{ segment: 'Poland' }, { segment: 'well off' }] } });
    expect(both.total).toBe(sql("SELECT count(*) FROM c360_customers WHERE country = 'Poland' AND annual_income > 60000"));
    expect(both.total).toBeGreaterThan(0);
    expect(both.total).toBeLessThan(poland.total);

    const band = { all: [{ field: 'predicted_clv', op: 'gte', value: 100 }, { field: 'predicted_clv', op: 'lt', value: 500 }] };
    const inBand = await api.customerView.rows({ dataset: 'customers', rule: band });
    expect(inBand.total).toBe(sql('SELECT count(*) FROM c360_customers WHERE predicted_clv >= 100 AND predicted_clv < 500'));
    expect(inBand.total).toBe((await api.segments.count({ dataset: 'customers', rule: band })).count);

    // A fairness group: the women in a segment; sorted and paged like any table, with search and filters on top.
    const women = await api.customerView.rows({ dataset: 'customers', rule: { all: [{ segment: 'well off' }, { field: 'gender', op: 'eq', value: 'F' }] }, sort: { column: 'total_spend', dir: 'desc' }, limit: 5 });
    expect(women.total).toBe(sql("SELECT count(*) FROM c360_customers WHERE annual_income > 60000 AND gender = 'F'"));
    const spend = women.rows.map((r) => r[women.columns.indexOf('total_spend')] as number);
    expect([...spend].sort((a, b) => b - a)).toEqual(spend);
    const searched = await api.customerView.rows({ dataset: 'customers', rule: { segment: 'Poland' }, filters: [{ column: 'gender', op: '=', value: 'M' }] });
    expect(searched.total).toBe(sql("SELECT count(*) FROM c360_customers WHERE country = 'Poland' AND gender = 'M'"));

    await expect(api.customerView.rows({ dataset: 'customers', rule: { field: 'no_such_column', op: 'eq', value: 1 } })).rejects.toThrow(/no_such_column/);
    db.close();
    await api.workspace.close({});
  }, 120_000);

  it('works on an orders file without a customer file (rules on order-history fields)', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: path.join(DEMO, 'orders.csv'), name: 'orders', as: 'transactions' })).status.state).toBe('done');
    const rule = { field: 'orders_count', op: 'gte', value: 5 };
    const page = await api.customerView.rows({ dataset: 'orders', rule });
    const db = new Database(file, { readonly: true });
    expect(page.total).toBe(db.prepare('SELECT count(*) FROM c360_orders WHERE orders_count >= 5').pluck().get());
    expect(page.total).toBe((await api.segments.count({ dataset: 'orders', rule })).count);
    expect(page.total).toBeGreaterThan(0);
    db.close();
    await api.workspace.close({});
  }, 120_000);
});
