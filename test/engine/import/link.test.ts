import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../../shared/contract/result';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

const DEMO = path.resolve(__dirname, '../../../assets/demo');

const table = (db: Database.Database, dataset: string) =>
  db.prepare('SELECT v.table_name FROM dataset_versions v JOIN datasets d ON d.name = v.dataset AND d.current_version = v.version WHERE d.name = ?').pluck().get(dataset) as string;
const views = (db: Database.Database) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE 'c360_%' ORDER BY name").pluck().all();

describe('orders without a customer file, then linked from the Data view (datasets.link)', () => {
  it('segments work on the orders alone; linking moves the order history into the customers view; unlinking brings it back', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: path.join(DEMO, 'orders.csv'), name: 'orders', as: 'transactions' })).status.state).toBe('done');
    const db = new Database(file, { readonly: true });
    expect(views(db)).toEqual(['c360_orders']);

    // Customer-view fields of the orders' own view, as conditions on the orders dataset.
    const rule = { all: [{ field: 'total_spend', op: 'gt', value: 500 }, { field: 'orders_count', op: 'gte', value: 3 }] };
    const orders = table(db, 'orders');
    const want = db
      .prepare(`SELECT count(*) FROM (SELECT customer_id FROM "${orders}" GROUP BY customer_id HAVING sum(amount) > 500 AND count(DISTINCT order_id) >= 3)`)
      .pluck()
      .get() as number;
    expect(want).toBeGreaterThan(100);
    const live = await api.segments.count({ dataset: 'orders', rule });
    expect(live.count).toBe(want);
    expect(live.total).toBe(db.prepare(`SELECT count(DISTINCT customer_id) FROM "${orders}"`).pluck().get());
    const saved = await api.segments.save({ dataset: 'orders', name: 'big spenders', rule });
    expect(saved.size).toBe(want);
    expect((await api.segments.list({})).map((s) => s.name)).toEqual(['big spenders']);
    // Every saved-segment view works on the orders dataset: history, members, rows, overlap, profile.
    expect((await api.segments.history({ name: 'big spenders' })).versions[0].size).toBe(want);
    expect((await api.segments.members({ name: 'big spenders' })).ids.length).toBe(want);
    expect((await api.segments.rows({ name: 'big spenders', limit: 10 })).total).toBeGreaterThanOrEqual(want);
    expect((await api.segments.overlap({ names: ['big spenders'] })).counts[0][0]).toBe(want);
    // The profile compares rows (here order lines: those of the segment's customers).
    const memberLines = db
      .prepare(`SELECT count(*) FROM "${orders}" WHERE customer_id IN (SELECT customer_id FROM "${orders}" GROUP BY customer_id HAVING sum(amount) > 500 AND count(DISTINCT order_id) >= 3)`)
      .pluck()
      .get() as number;
    expect((await api.segments.profile({ name: 'big spenders' })).size).toBe(memberLines);
    // A lifetime-value segment of orders without a customer file is saved on the orders (their customer IDs).
    expect((await runJob(engine, api, 'clv', { transactions: 'orders' })).status.state).toBe('done');
    const churned = await api.outcomes.clvSegment({ transactions: 'orders', kind: 'likelyChurned' });
    expect(churned.dataset).toBe('orders');
    expect(churned.size).toBe(db.prepare("SELECT count(DISTINCT id) FROM clv_scores WHERE dataset = 'orders' AND p_alive < 0.3").pluck().get());
    expect(churned.size).toBeGreaterThan(0);

    // Now the customer file arrives, imported on its own, and is linked afterwards.
    expect((await runJob(engine, api, 'import', { path: path.join(DEMO, 'customers.csv'), name: 'customers' })).status.state).toBe('done');
    const cust = table(db, 'customers');
    const unknown = db.prepare(`SELECT count(*) FROM "${orders}" WHERE customer_id NOT IN (SELECT customer_id FROM "${cust}")`).pluck().get() as number;
    expect(unknown).toBe(25); // the generator's orders of deleted accounts
    const linked = await api.datasets.link({ name: 'orders', customers: 'customers' });
    expect(linked.dataset.linkedTo).toBe('customers');
    expect(linked.unknownCustomers).toBe(unknown);
    expect(views(db)).toEqual(['c360_customers']);
    const described = await api.customerView.describe({ dataset: 'customers' });
    expect(described.columns.filter((c) => c.source === 'orders:orders').map((c) => c.name)).toContain('total_spend');
    const spenders = `SELECT customer_id FROM "${orders}" GROUP BY customer_id HAVING sum(amount) > 500`;
    // Distinct IDs: the customers file repeats a few rows (the generator's CRM artefact) and the app counts customers.
    const ref = db.prepare(`SELECT count(DISTINCT customer_id) FROM "${cust}" WHERE customer_id IN (${spenders})`).pluck().get() as number;
    const onCustomers = await api.segments.count({ dataset: 'customers', rule: { field: 'total_spend', op: 'gt', value: 500 } });
    expect(onCustomers.count).toBe(ref);

    await api.datasets.link({ name: 'orders', customers: null });
    expect(views(db)).toEqual(['c360_customers', 'c360_orders']);
    expect((await api.segments.count({ dataset: 'orders', rule })).count).toBe(want);
    db.close();
  }, 120_000);

  it('refuses what cannot be linked, in words that name choices, not command-line flags', async () => {
    const { engine, api } = await engineWithWorkspace();
    await runJob(engine, api, 'import', { path: path.join(DEMO, 'customers.csv'), name: 'customers' });
    await runJob(engine, api, 'import', { path: path.join(DEMO, 'orders.csv'), name: 'orders', as: 'transactions' });
    await runJob(engine, api, 'import', { path: path.join(DEMO, 'customers.csv'), name: 'other' });
    const fail = async (p: Promise<unknown>) => {
      const e = await p.then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(RemoteError);
      const msg = (e as RemoteError).message;
      expect(msg).not.toMatch(/--[a-z]/);
      return msg;
    };
    expect(await fail(api.datasets.link({ name: 'customers', customers: 'other' }))).toMatch(/only an orders/);
    expect(await fail(api.datasets.link({ name: 'orders', customers: 'nope' }))).toMatch(/no dataset named "nope"/);
    expect(await fail(api.datasets.link({ name: 'orders', customers: 'orders' }))).toMatch(/itself/);
  }, 120_000);
});
