import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, openApp, waitForToast, type AppSession } from './harness';

const BIN = path.resolve(__dirname, '../../bin/segmentdesk.js');
const DEMO = path.resolve(__dirname, '../../assets/demo');

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`segmentdesk ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const sql = (file: string, q: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(q).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('The customer view in Chromium over the web host', () => {
  it('orders without a customer file: customer-view fields in the builder, a saved segment, then linking to a customer file from the Data view', async () => {
    s = await openApp();
    const { page, dir } = s;
    const ws = path.join(dir, 'c360.sdw');
    cli(['import', path.join(DEMO, 'orders.csv'), '--workspace', ws, '--name', 'orders', '--as', 'transactions', '--json'], dir);
    cli(['rfm', '--workspace', ws, '--transactions', 'orders', '--json'], dir);
    cli(['clv', '--workspace', ws, '--transactions', 'orders', '--json'], dir);
    cli(['import', path.join(DEMO, 'customers.csv'), '--workspace', ws, '--name', 'customers', '--json'], dir);

    await page.getByTestId('workspace-path').fill(ws);
    await page.getByTestId('workspace-open').click();
    await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('dataset-select').selectOption('orders');
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segments-view').waitFor({ timeout: 20_000 });
    const count = page.getByTestId('live-count-value');
    const customers = sql(ws, 'SELECT count(*) FROM c360_orders');
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe(customers.toLocaleString('en-US'));

    await page.getByTestId('groot-add-condition').click();
    const field = page.getByTestId('groot-0-field');
    const groups = await field.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')));
    expect(groups).toEqual(['customer columns', 'order history (orders)', 'RFM', 'lifetime value']);
    const inGroup = (label: string) => field.locator(`optgroup[label="${label}"] option`).allTextContents();
    expect(await inGroup('lifetime value')).toEqual(['p_alive', 'expected_purchases_365d', 'predicted_clv', 'expected_next_order_date']);
    expect(await inGroup('RFM')).toContain('rfm_segment');
    // Search narrows the list (by name or group).
    await page.getByTestId('groot-0-field-search').fill('spend');
    await expect.poll(() => field.locator('option:not([disabled])').allTextContents()).toEqual(['total_spend']);
    await page.getByTestId('groot-0-field-search').fill('');

    await field.selectOption('p_alive');
    await page.getByTestId('groot-0-op').selectOption('gt');
    await page.getByTestId('groot-0-value').fill('0.5');
    const alive = sql(ws, 'SELECT count(*) FROM c360_orders WHERE p_alive > 0.5');
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe(alive.toLocaleString('en-US'));
    await page.getByTestId('groot-add-condition').click();
    await page.getByTestId('groot-1-field').selectOption('rfm_segment');
    await page.getByTestId('groot-1-text').fill('Champions');
    const champs = sql(ws, "SELECT count(*) FROM c360_orders WHERE p_alive > 0.5 AND rfm_segment = 'Champions'");
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe(champs.toLocaleString('en-US'));
    await page.getByTestId('groot-1-field-search').fill('rfm');
    await s.screenshot('customer-view-builder-picker');

    await page.getByTestId('seg-name').fill('Alive champions');
    await page.getByTestId('seg-save').click();
    await waitForToast(s, 'success', /Saved segment/);
    await page.getByTestId('segments-tab-saved').click();
    await page.getByTestId('segment-row-Alive champions').waitFor();
    await s.screenshot('customer-view-saved-on-orders');
    expect(await page.getByTestId('toast-error').count()).toBe(0);

    // Link the orders to the customer file from the Data view.
    await page.getByTestId('nav-data').click();
    await page.getByTestId('dataset-select').selectOption('orders');
    const link = page.getByTestId('dataset-link');
    await expect.poll(() => link.inputValue(), { timeout: 20_000 }).toBe('');
    await s.screenshot('customer-view-data-link-before');
    await link.selectOption('customers');
    const said = await waitForToast(s, 'success', /linked to customers/);
    expect(said).toContain('25 order lines belong to customers not in customers');
    await expect.poll(() => page.getByTestId('dataset-facts').textContent(), { timeout: 20_000 }).toContain('orders of customers');
    expect(sql(ws, "SELECT count(*) FROM datasets WHERE name = 'orders' AND linked_to = 'customers'")).toBe(1);
    expect(sql(ws, "SELECT count(*) FROM sqlite_master WHERE name = 'c360_customers' AND sql LIKE '%customer_view_orders_orders%'")).toBe(1);
    await s.screenshot('customer-view-data-link-after');
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toMatch(/--link|--as /);
  });

  it('clustering offers the customer view fields by source, and a cluster card opens its customers in the data table', async () => {
    s = await openApp();
    const { page, dir } = s;
    const ws = path.join(dir, 'clusters.sdw');
    cli(['import', path.join(DEMO, 'customers.csv'), '--workspace', ws, '--name', 'customers', '--json'], dir);
    cli(['import', path.join(DEMO, 'orders.csv'), '--workspace', ws, '--name', 'orders', '--as', 'transactions', '--link', 'customers', '--json'], dir);
    cli(['clv', '--workspace', ws, '--transactions', 'orders', '--json'], dir);

    await page.getByTestId('workspace-path').fill(ws);
    await page.getByTestId('workspace-open').click();
    await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('clusters-view').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('cl-feature-avg_order_value').isChecked(), { timeout: 20_000 }).toBe(true);
    // P(alive) is offered but not pre-ticked (expected purchases fold it in).
    expect(await page.getByTestId('cl-feature-p_alive').isChecked()).toBe(false);
    expect(await page.getByTestId('cl-feature-expected_purchases_365d').isChecked()).toBe(true);
    expect(await page.getByTestId('cl-feature-signup_date').isChecked()).toBe(false);
    expect(await page.getByTestId('cl-feature-annual_income').isChecked()).toBe(false);
    await page.getByTestId('cl-group-clv').waitFor();
    await page.getByTestId('cl-group-orders:orders').waitFor();
    await s.screenshot('customer-view-cluster-features');
    await page.getByTestId('cl-run').click();
    await page.getByTestId('cl-cards').waitFor({ timeout: 120_000 });
    const run = sql(ws, 'SELECT max(id) FROM cluster_runs');
    const name = ((await page.getByTestId('cl-name-2').textContent()) ?? '').replace(/\s*rename\s*$/, '').trim();
    const want = sql(ws, `SELECT count(*) FROM c360_customers WHERE cluster_${run} = '${name.replace(/'/g, "''")}'`);
    expect(want).toBeGreaterThan(0);
    expect(await page.getByTestId('cl-customers-2').textContent()).toBe(want.toLocaleString('en-US'));
    await s.screenshot('customer-view-cluster-cards');

    await page.getByTestId('cl-see-2').click();
    await page.getByTestId('customer-table').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('data-table').getAttribute('data-total'), { timeout: 20_000 }).toBe(String(want));
    expect(await page.getByTestId('filter-chip').first().textContent()).toContain(`cluster_${run} is ${name}`);
    // The derived columns are there, sortable.
    await page.getByTestId('sort-predicted_clv').click();
    await expect.poll(() => page.getByTestId('table-row').first().textContent(), { timeout: 20_000 }).toContain(name);
    await s.screenshot('customer-view-cluster-customers');
  });
});
