import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/contract/api';
import type { Engine } from '../../../electron/engine/engine';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { generatedCustomers } from '../../helpers/data';
import Database from 'better-sqlite3';

const DEMO = path.resolve(__dirname, '../../../assets/demo');

async function demoWorkspace(): Promise<{ engine: Engine; api: Api; file: string }> {
  const w = await engineWithWorkspace();
  expect((await runJob(w.engine, w.api, 'import', { path: path.join(DEMO, 'customers.csv'), name: 'customers' })).status.state).toBe('done');
  const imp = await runJob(w.engine, w.api, 'import', { path: path.join(DEMO, 'orders.csv'), name: 'orders', as: 'transactions', link: 'customers' });
  expect(imp.status.state, JSON.stringify(imp.status.error)).toBe('done');
  return w;
}

/** A second, read-only connection: what any SQLite tool sees in the file. */
function reader(file: string) {
  return new Database(file, { readonly: true });
}

const tableOf = (db: ReturnType<typeof reader>, dataset: string) =>
  db.prepare('SELECT v.table_name FROM dataset_versions v JOIN datasets d ON d.name = v.dataset AND d.current_version = v.version WHERE d.name = ?').pluck().get(dataset) as string;

describe('customer view on the demo (customers + linked orders)', () => {
  it('has one row per distinct customer ID and order history equal to an independent GROUP BY', async () => {
    const { engine, api, file } = await demoWorkspace();
    const info = await api.customerView.describe({ dataset: 'customers' });
    expect(info.view).toBe('c360_customers');
    const db = reader(file);
    const cust = tableOf(db, 'customers');
    const orders = tableOf(db, 'orders');
    const distinct = db.prepare(`SELECT count(DISTINCT customer_id) FROM "${cust}" WHERE customer_id IS NOT NULL AND customer_id <> ''`).pluck().get() as number;
    expect(info.customers).toBe(distinct);
    expect(db.prepare('SELECT count(*) FROM c360_customers').pluck().get()).toBe(distinct);
    expect(db.prepare('SELECT count(DISTINCT customer_id) FROM c360_customers').pluck().get()).toBe(distinct);
    // The demo's orders hold no cancellations or returns: every line is a purchase.
    expect(db.prepare(`SELECT count(*) FROM "${orders}" WHERE amount < 0`).pluck().get()).toBe(0);
    const asOf = db.prepare(`SELECT max(substr(order_date, 1, 10)) FROM "${orders}"`).pluck().get() as string;
    expect(info.orders).toEqual([{ transactions: 'orders', asOf, asOfSource: 'the last order in orders', policy: 'exclude-cancelled', suffix: '' }]);
    const ref = db
      .prepare(
        `SELECT c.customer_id AS id, count(DISTINCT o.order_id) AS n, coalesce(sum(o.amount), 0) AS spend, min(o.order_date) AS first, max(o.order_date) AS last
         FROM (SELECT DISTINCT customer_id FROM "${cust}") c LEFT JOIN "${orders}" o ON o.customer_id = c.customer_id GROUP BY c.customer_id ORDER BY c.customer_id`,
      )
      .all() as { id: string; n: number; spend: number; first: string | null; last: string | null }[];
    const got = db
      .prepare('SELECT customer_id AS id, orders_count AS n, total_spend AS spend, first_order_date AS first, last_order_date AS last, avg_order_value AS avg, days_since_last_order AS since, tenure_days AS tenure FROM c360_customers ORDER BY customer_id')
      .all() as { id: string; n: number; spend: number; first: string | null; last: string | null; avg: number | null; since: number | null; tenure: number | null }[];
    expect(got.length).toBe(ref.length);
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    let withOrders = 0;
    got.forEach((g, i) => {
      const r = ref[i];
      expect(g.id).toBe(r.id);
      expect(g.n).toBe(r.n);
      expect(g.spend).toBeCloseTo(r.spend, 6);
      expect(g.first).toBe(r.first);
      expect(g.last).toBe(r.last);
      if (r.n > 0) {
        withOrders++;
        expect(g.avg).toBeCloseTo(r.spend / r.n, 6);
        expect(g.since).toBe(day(asOf) - day(r.last!));
        expect(g.tenure).toBe(day(asOf) - day(r.first!));
      } else expect([g.avg, g.since, g.tenure]).toEqual([null, null, null]);
    });
    expect(withOrders).toBeGreaterThan(1000);
    // Sources: the file's columns, then the order history; RFM and CLV absent (said so) until they run.
    expect(info.columns.filter((c) => c.source === 'customers').map((c) => c.name)).toContain('customer_id');
    expect(info.columns.filter((c) => c.source === 'orders:orders').map((c) => c.name)).toEqual([
      'orders_count',
      'total_spend',
      'avg_order_value',
      'first_order_date',
      'last_order_date',
      'days_since_last_order',
      'tenure_days',
    ]);
    expect(info.columns.some((c) => c.source === 'rfm' || c.source === 'clv')).toBe(false);
    expect(info.notes.join(' ')).toMatch(/no RFM run yet/);
    db.close();
    engine.close();
  }, 120_000);

  it('follows RFM, CLV and clustering runs, a new version and an erasure', async () => {
    const { engine, api, file } = await demoWorkspace();
    const db = reader(file);
    const cols = () => (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('c360_customers') as string[]);
    expect(cols()).not.toContain('rfm_segment');

    await api.rfm.compute({ transactions: 'orders' });
    expect(cols()).toEqual(expect.arrayContaining(['rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment']));
    const rfmDiff = db
      .prepare(
        `SELECT count(*) FROM c360_customers c JOIN rfm_orders r ON r.id = c.customer_id
         WHERE c.rfm_r IS NOT r.r OR c.rfm_f IS NOT r.f OR c.rfm_m IS NOT r.m OR c.rfm_segment IS NOT r.rfm_segment OR c.orders_count <> r.frequency OR abs(c.total_spend - r.monetary) > 1e-6`,
      )
      .pluck()
      .get();
    expect(rfmDiff).toBe(0);
    expect(db.prepare('SELECT count(*) FROM c360_customers WHERE rfm_r IS NOT NULL').pluck().get()).toBe(
      db.prepare('SELECT count(*) FROM rfm_orders WHERE id IN (SELECT customer_id FROM c360_customers)').pluck().get(),
    );

    // A one-year horizon in days: the fit's own expected purchases are E[Y(365)], the view's expected_purchases_365d.
    const clv = await runJob(engine, api, 'clv', { transactions: 'orders', period: 'days', horizon: 365 });
    expect(clv.status.state, JSON.stringify(clv.status.error)).toBe('done');
    expect(cols()).toEqual(expect.arrayContaining(['p_alive', 'expected_purchases_365d', 'predicted_clv', 'expected_next_order_date']));
    const clvRows = db
      .prepare('SELECT c.p_alive, v.p_alive AS pa, c.expected_purchases_365d AS e, v.expected_purchases AS ve, c.predicted_clv AS clv, v.clv AS vclv, c.expected_next_order_date AS next FROM c360_customers c JOIN clv_orders v ON v.id = c.customer_id')
      .all() as { p_alive: number; pa: number; e: number; ve: number; clv: number | null; vclv: number | null; next: string | null }[];
    expect(clvRows.length).toBe(db.prepare('SELECT count(*) FROM clv_orders WHERE id IN (SELECT customer_id FROM c360_customers)').pluck().get());
    const clvAsOf = (await api.outcomes.clv({ transactions: 'orders' }))!.result.asOf;
    for (const r of clvRows) {
      expect(r.p_alive).toBe(r.pa);
      expect(r.e).toBeCloseTo(r.ve, 9);
      expect(r.clv).toBe(r.vclv);
      // One purchase expected within the year ⇔ a next-order date inside it.
      if (r.e >= 1) expect(r.next! > clvAsOf && r.next! <= new Date(Date.parse(`${clvAsOf}T00:00:00Z`) + 365 * 86_400_000).toISOString().slice(0, 10)).toBe(true);
      else expect(r.next).toBeNull();
    }
    expect(clvRows.some((r) => r.next !== null)).toBe(true);
    // The next-order date is the first whole day by which one purchase is expected (E[Y(d)] ≥ 1 > E[Y(d − 1)]), recomputed from the fit.
    const fit = (await api.outcomes.clv({ transactions: 'orders' }))!.result.bgnbd;
    const { expectedPurchases } = await import('../../../electron/engine/outcomes/bgnbd');
    const dated = db
      .prepare("SELECT s.frequency AS x, s.recency AS tx, s.T AS T, c.expected_next_order_date AS next FROM c360_customers c JOIN clv_scores s ON s.dataset = 'orders' AND s.id = c.customer_id WHERE c.expected_next_order_date IS NOT NULL")
      .all() as { x: number; tx: number; T: number; next: string }[];
    expect(dated.length).toBeGreaterThan(0);
    for (const r of dated) {
      const d = (Date.parse(`${r.next}T00:00:00Z`) - Date.parse(`${clvAsOf}T00:00:00Z`)) / 86_400_000;
      expect(expectedPurchases(fit, d, r.x, r.tx, r.T)).toBeGreaterThanOrEqual(1);
      expect(expectedPurchases(fit, d - 1, r.x, r.tx, r.T)).toBeLessThan(1);
    }

    const features = ['annual_income', 'signup_date'];
    const run = await runJob(engine, api, 'cluster', { dataset: 'customers', features, k: 3 });
    expect(run.status.state, JSON.stringify(run.status.error)).toBe('done');
    const id = run.result.run;
    expect(cols()).toContain(`cluster_${id}`);
    const info = await api.customerView.describe({ dataset: 'customers' });
    expect(info.columns.find((c) => c.name === `cluster_${id}`)).toEqual({ name: `cluster_${id}`, type: 'category', source: `cluster:${id}` });
    // The cluster of each customer's latest row (independently: the highest row index per ID).
    const clusterDiff = db
      .prepare(
        `SELECT count(*) FROM c360_customers c JOIN (SELECT v.id, v.cluster_name FROM cluster_members m JOIN "cluster_${id}" v ON v.id = m.id AND v.cluster = m.cluster
           WHERE m.run_id = ? AND m.row_index = (SELECT max(row_index) FROM cluster_members WHERE run_id = ? AND id = m.id) GROUP BY v.id) k ON k.id = c.customer_id
         WHERE c."cluster_${id}" IS NOT k.cluster_name`,
      )
      .pluck()
      .get(id, id);
    expect(clusterDiff).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM c360_customers WHERE "cluster_${id}" IS NULL`).pluck().get()).toBe(0);
    await api.clusters.rename({ run: id, cluster: 1, name: 'Renamed' });
    expect(db.prepare(`SELECT count(*) FROM c360_customers WHERE "cluster_${id}" = 'Renamed'`).pluck().get()).toBeGreaterThan(0);

    // Erasure: the customer leaves the view and every derived field with it.
    const victim = db.prepare("SELECT customer_id FROM c360_customers WHERE orders_count > 0 AND p_alive IS NOT NULL AND rfm_segment IS NOT NULL ORDER BY customer_id LIMIT 1").pluck().get() as string;
    const before = db.prepare('SELECT count(*) FROM c360_customers').pluck().get() as number;
    await api.erasure.erase({ dataset: 'customers', ids: [victim] });
    expect(db.prepare('SELECT count(*) FROM c360_customers').pluck().get()).toBe(before - 1);
    expect(db.prepare('SELECT count(*) FROM c360_customers WHERE customer_id = ?').pluck().get(victim)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM customer_view_clv_orders WHERE id = ?').pluck().get(victim)).toBe(0);

    // A new version of the customers with fewer rows: the view reads it.
    const dir = path.dirname(file);
    const lines = (await import('node:fs')).readFileSync(path.join(DEMO, 'customers.csv'), 'utf8').trim().split('\n');
    const fewer = path.join(dir, 'customers-v2.csv');
    (await import('node:fs')).writeFileSync(fewer, `${lines.slice(0, 501).join('\n')}\n`);
    expect((await runJob(engine, api, 'import', { path: fewer, name: 'customers' })).status.state).toBe('done');
    const v2 = tableOf(db, 'customers');
    const n2 = db.prepare(`SELECT count(DISTINCT customer_id) FROM "${v2}"`).pluck().get() as number;
    expect(n2).toBeLessThan(before - 1);
    expect(db.prepare('SELECT count(*) FROM c360_customers').pluck().get()).toBe(n2);
    expect((await api.customerView.describe({ dataset: 'customers' })).customers).toBe(n2);
    db.close();
    engine.close();
  }, 300_000);
});

describe('customer view: as-of date, several linked orders files, removed runs', () => {
  it('counts days to the workspace as-of date when set, suffixes each orders file, and drops a removed run', async () => {
    const { engine, api, file } = await demoWorkspace();
    const dir = path.dirname(file);
    const fs = await import('node:fs');
    const lines = fs.readFileSync(path.join(DEMO, 'orders.csv'), 'utf8').trim().split('\n');
    const web = [lines[0], ...lines.slice(1).filter((l) => l.endsWith(',web'))];
    fs.writeFileSync(path.join(dir, 'web.csv'), `${web.join('\n')}\n`);
    expect((await runJob(engine, api, 'import', { path: path.join(dir, 'web.csv'), name: 'web', as: 'transactions', link: 'customers' })).status.state).toBe('done');
    const db = reader(file);
    const info = await api.customerView.describe({ dataset: 'customers' });
    expect(info.columns.filter((c) => c.source === 'orders:web').map((c) => c.name)).toContain('orders_count_web');
    expect(info.columns.filter((c) => c.source === 'orders:orders').map((c) => c.name)).toContain('orders_count_orders');
    expect(info.columns.some((c) => c.name === 'orders_count')).toBe(false);
    expect(info.notes.join(' ')).toMatch(/ends with _<transactions dataset>/);
    const webTable = tableOf(db, 'web');
    expect(db.prepare('SELECT sum(orders_count_web) FROM c360_customers').pluck().get()).toBe(
      db.prepare(`SELECT count(DISTINCT order_id) FROM "${webTable}" WHERE customer_id IN (SELECT customer_id FROM c360_customers)`).pluck().get(),
    );

    // The workspace's as-of date: days_since_last_order counts to it and later orders are left out.
    await api.workspace.setAsOf({ asOf: '2025-06-30' });
    const late = db.prepare("SELECT count(*) FROM c360_customers WHERE last_order_date_orders > '2025-06-30'").pluck().get();
    expect(late).toBe(0);
    const since = db
      .prepare("SELECT count(*) FROM c360_customers WHERE last_order_date_orders IS NOT NULL AND days_since_last_order_orders <> CAST(julianday('2025-06-30') - julianday(last_order_date_orders) AS INTEGER)")
      .pluck()
      .get();
    expect(since).toBe(0);
    expect((await api.customerView.describe({ dataset: 'customers' })).orders.map((o) => [o.asOf, o.asOfSource])).toEqual([
      ['2025-06-30', "the workspace's as-of date"],
      ['2025-06-30', "the workspace's as-of date"],
    ]);

    const run = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['annual_income'], k: 2 });
    const col = `cluster_${run.result.run}`;
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('c360_customers')).toContain(col);
    await api.clusters.remove({ run: run.result.run });
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('c360_customers')).not.toContain(col);

    // Removing the orders file drops its history table and columns; the view stays readable.
    await api.datasets.remove({ name: 'web' });
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'customer_view_orders_web'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('c360_customers')).toContain('orders_count');
    expect(db.prepare('SELECT count(*) FROM c360_customers').pluck().get()).toBe(info.customers);
    db.close();
    engine.close();
  }, 300_000);
});

describe('customer view on generated customers and orders', () => {
  it('keeps the derived names public and renames the file columns they collide with', async () => {
    const data = generatedCustomers();
    const { engine, api, file } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: data.customers, name: 'customers' })).status.state).toBe('done');
    expect((await runJob(engine, api, 'import', { path: data.orders, name: 'orders', as: 'transactions', link: 'customers' })).status.state).toBe('done');
    const info = await api.customerView.describe({ dataset: 'customers' });
    const db = reader(file);
    const cust = tableOf(db, 'customers');
    const orders = tableOf(db, 'orders');
    expect(info.customers).toBe(db.prepare(`SELECT count(DISTINCT customer_id) FROM "${cust}" WHERE customer_id <> ''`).pluck().get());
    for (const name of ['orders_count', 'total_spend', 'last_order_date']) {
      expect(info.columns.find((c) => c.name === name)?.source).toBe('orders:orders');
      expect(info.columns.find((c) => c.name === `file_${name}`)?.source).toBe('customers');
    }
    // Independent: the same sums straight from the orders table.
    const diff = db
      .prepare(
        `SELECT count(*) FROM c360_customers c LEFT JOIN (SELECT customer_id, count(DISTINCT order_id) AS n, sum(amount) AS s, min(order_date) AS f, max(order_date) AS l FROM "${orders}" GROUP BY customer_id) o
           ON o.customer_id = c.customer_id
         WHERE c.orders_count <> coalesce(o.n, 0) OR abs(c.total_spend - coalesce(o.s, 0)) > 1e-6 OR c.first_order_date IS NOT o.f OR c.last_order_date IS NOT o.l`,
      )
      .pluck()
      .get();
    expect(diff).toBe(0);
    db.close();
    engine.close();
  }, 300_000);
});
