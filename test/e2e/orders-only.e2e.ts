import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, openApp, waitForToast, type AppSession } from './harness';
import { cli as runCli } from '../helpers/cli';
import { rng } from '../engine/outcomes/simulate';

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

function cli(args: string[], cwd: string): void {
  const r = runCli(args, cwd);
  if (r.code !== 0) throw new Error(`segmentdesk ${args.join(' ')} failed: ${r.stderr}`);
}

const DAY = 86_400_000;
const LAST = '2026-06-30';
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

interface Line {
  customer: string;
  order: string;
  date: string;
  amount: number;
  category: string;
}

/**
 * 300 customers' order lines over two years, no customer file: each customer buys at their own rate
 * from their own first day, some stop buying (so recency varies), an order has 1–3 lines in categories.
 */
function orderLines(): Line[] {
  const u = rng(14);
  const end = Date.parse(`${LAST}T00:00:00Z`) / DAY;
  const categories = ['Wine', 'Cheese', 'Bread', 'Coffee', 'Tea', 'Olive oil'];
  const lines: Line[] = [];
  let order = 0;
  for (let i = 1; i <= 300; i++) {
    const id = `K${String(i).padStart(4, '0')}`;
    const first = end - Math.floor(730 * u());
    // Orders every `gap` days on average; a third of the customers stop at some point.
    const gap = 20 + 220 * u() * u();
    const stop = u() < 0.33 ? first + Math.floor((end - first) * u()) : end;
    for (let day = first; day <= stop; day += Math.max(1, Math.round(-Math.log(1 - u()) * gap))) {
      const o = `O${String(++order).padStart(6, '0')}`;
      const n = 1 + Math.floor(u() * 3);
      for (let k = 0; k < n; k++) lines.push({ customer: id, order: o, date: iso(day), amount: Math.round((5 + 80 * u() * u()) * 100) / 100, category: categories[Math.floor(u() * categories.length)] });
    }
  }
  lines.push({ customer: 'K0001', order: `O${String(++order).padStart(6, '0')}`, date: LAST, amount: 42, category: 'Wine' });
  return lines;
}

function writeCsv(file: string, lines: Line[]): void {
  const text = ['customer_id,order_id,order_date,amount,category', ...lines.map((l) => `${l.customer},${l.order},${l.date},${l.amount.toFixed(2)},${l.category}`)];
  fs.writeFileSync(file, `${text.join('\n')}\n`);
}

/** Customers with at least `min` distinct orders dated in [asOf − days, asOf], asOf being the data's own last order date. */
function activeCustomers(lines: Line[], days: number, min: number): Set<string> {
  const asOf = lines.reduce((m, l) => (l.date > m ? l.date : m), '');
  const from = iso(Date.parse(`${asOf}T00:00:00Z`) / DAY - days);
  const orders = new Map<string, Set<string>>();
  for (const l of lines) {
    if (l.date < from || l.date > asOf) continue;
    const set = orders.get(l.customer) ?? new Set<string>();
    set.add(l.order);
    orders.set(l.customer, set);
  }
  return new Set([...orders].filter(([, o]) => o.size >= min).map(([c]) => c));
}

function query<T>(file: string, q: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(q).all() as T[];
  } finally {
    db.close();
  }
}

describe('An orders file alone, from RFM to an exported segment and a report, in Chromium over the web host', () => {
  it('builds "at least 2 orders in the last 90 days AND Champions", audits, exports with total_spend and p_alive, reports, and opens a cluster\'s customers', async () => {
    s = await openApp();
    const { page, dir } = s;
    const lines = orderLines();
    expect(lines.length).toBeGreaterThan(2000);
    expect(lines.length).toBeLessThan(4500);
    writeCsv(path.join(dir, 'orders.csv'), lines);
    const ws = path.join(dir, 'orders-only.sdw');
    cli(['import', 'orders.csv', '--workspace', ws, '--name', 'orders', '--as', 'transactions', '--json'], dir);

    await page.getByTestId('workspace-path').fill(ws);
    await page.getByTestId('workspace-open').click();
    await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });

    // RFM with the as-of left empty: the data's last order.
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segments-view').waitFor({ timeout: 20_000 });
    await page.getByTestId('segments-tab-rfm').click();
    await page.getByTestId('rfm-dataset').selectOption('orders');
    await page.getByTestId('rfm-compute').click();
    await expect.poll(() => page.getByTestId('rfm-summary').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^300 customers as of ${LAST}`));
    await s.screenshot('orders-only-rfm');
    // The customers behind an R×F cell: the Customers tab of the Data view, filtered to that cell.
    const inCell = query<{ n: number }>(ws, 'SELECT count(*) AS n FROM rfm_orders WHERE r = 5 AND f = 5')[0].n;
    expect(inCell).toBeGreaterThan(0);
    expect(await page.getByTestId('rfm-see-5-5').textContent()).toBe(inCell.toLocaleString('en-US'));
    await page.getByTestId('rfm-see-5-5').click();
    await page.getByTestId('customer-table').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('data-table').getAttribute('data-total'), { timeout: 20_000 }).toBe(String(inCell));
    expect(await page.getByTestId('filter-chip').allTextContents()).toHaveLength(2);
    await s.screenshot('orders-only-rfm-cell-customers');

    // Lifetime value is offered on an orders file alone.
    await page.getByTestId('nav-outcomes').click();
    await page.getByTestId('outcomes-view').waitFor({ timeout: 40_000 });
    await page.getByTestId('outcomes-tab-clv').click();
    await page.getByTestId('clv-panel').waitFor({ timeout: 30_000 });
    await page.getByTestId('clv-fit').click();
    await page.getByTestId('clv-result-asof').waitFor({ timeout: 120_000 });
    await s.screenshot('orders-only-clv');

    // The builder, by clicks and keys only.
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segments-view').waitFor({ timeout: 20_000 });
    await page.getByTestId('segments-tab-build').click();
    const count = page.getByTestId('live-count-value');
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe('300');
    await page.getByTestId('groot-add-history').click();
    const value = page.getByTestId('groot-0-value');
    await value.click();
    await value.press('Control+a');
    await value.press('2');
    const active = activeCustomers(lines, 90, 2);
    expect(active.size).toBeGreaterThan(10);
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe(active.size.toLocaleString('en-US'));
    await page.getByTestId('groot-add-condition').click();
    await page.getByTestId('groot-1-field').selectOption('rfm_segment');
    // The value starts as the field's most common category: select it and type over it, as a user would.
    const text = page.getByTestId('groot-1-text');
    await text.click();
    await text.press('Control+a');
    await page.keyboard.type('Champions');
    expect(await text.inputValue()).toBe('Champions');
    const champions = new Set(query<{ id: string }>(ws, "SELECT id FROM rfm_orders WHERE rfm_segment = 'Champions'").map((r) => r.id));
    expect(champions.size).toBeGreaterThan(0);
    const want = [...active].filter((c) => champions.has(c)).length;
    expect(want).toBeGreaterThan(0);
    expect(want).toBeLessThan(active.size);
    await s.screenshot('orders-only-builder');
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe(want.toLocaleString('en-US'));
    await s.screenshot('orders-only-builder');

    await page.getByTestId('seg-name').fill('Active champions');
    await page.getByTestId('seg-save').click();
    await waitForToast(s, 'success', /Saved segment/);
    await page.getByTestId('segments-tab-saved').click();
    await page.getByTestId('segment-row-Active champions').waitFor();
    await s.screenshot('orders-only-saved');

    // The fairness audit: nothing marked sensitive, said plainly.
    await page.getByTestId('nav-responsible').click();
    await page.getByTestId('responsible-view').waitFor({ timeout: 20_000 });
    await page.getByTestId('audit-target').selectOption('segment:Active champions');
    const audit = page.getByTestId('audit-report');
    await audit.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('audit-summary').textContent(), { timeout: 20_000 }).toContain(`${want} of 300 customers`);
    expect(await audit.textContent()).toContain('No column of this dataset is marked sensitive, so there is nothing to compare.');
    await s.screenshot('orders-only-audit');

    // Export with two customer-view columns.
    await page.getByTestId('nav-reports').click();
    const panel = page.getByTestId('export-panel');
    await expect.poll(() => panel.getByTestId('export-source').locator('option').allTextContents(), { timeout: 20_000 }).toContain(`segment Active champions (${want})`);
    await panel.getByTestId('export-source').selectOption('segment:Active champions');
    await panel.getByTestId('export-col-total_spend').check();
    await panel.getByTestId('export-col-p_alive').check();
    await expect.poll(() => panel.getByTestId('export-counts').textContent(), { timeout: 20_000 }).toMatch(new RegExp(`^${want} rows will be exported`));
    const out = path.join(dir, 'active-champions.csv');
    await panel.getByTestId('export-out').fill(out);
    await panel.getByTestId('export-run').click();
    await panel.getByTestId('export-saved-path').waitFor({ timeout: 30_000 });
    await s.screenshot('orders-only-export');
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(expect.arrayContaining(['customer_id', 'total_spend', 'p_alive']));
    expect(parsed.data.length).toBe(want);
    // The exported customers are the ones the test computed (one row each), with their whole spend.
    const spend = new Map<string, number>();
    for (const l of lines) spend.set(l.customer, (spend.get(l.customer) ?? 0) + l.amount);
    expect(new Set(parsed.data.map((r) => r.customer_id)).size).toBe(want);
    for (const row of parsed.data) {
      expect(active.has(row.customer_id) && champions.has(row.customer_id), row.customer_id).toBe(true);
      expect(Number(row.total_spend)).toBeCloseTo(spend.get(row.customer_id)!, 1);
      expect(Number(row.p_alive)).toBeGreaterThan(0);
      expect(Number(row.p_alive)).toBeLessThanOrEqual(1);
    }

    // The report, saved as HTML.
    await page.getByTestId('reports-tab-report').click();
    const builder = page.getByTestId('report-builder');
    const reportFile = path.join(dir, 'orders-only-report.html');
    await builder.getByTestId('report-out').fill(reportFile);
    await builder.getByTestId('report-save-html').click();
    await builder.getByTestId('report-saved').waitFor({ timeout: 60_000 });
    await s.screenshot('orders-only-report');
    const html = fs.readFileSync(reportFile, 'utf8');
    expect(html).toContain('Active champions');
    expect(html).toContain('Customer value (RFM)');

    // Clusters on behaviour, then a card's customers.
    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('clusters-view').waitFor({ timeout: 20_000 });
    await page.getByTestId('cl-run').click();
    await page.getByTestId('cl-cards').waitFor({ timeout: 120_000 });
    await s.screenshot('orders-only-clusters');
    const run = query<{ run: number }>(ws, 'SELECT max(id) AS run FROM cluster_runs')[0].run;
    const name = ((await page.getByTestId('cl-name-1').textContent()) ?? '').replace(/\s*rename\s*$/, '').trim();
    const members = query<{ n: number }>(ws, `SELECT count(*) AS n FROM c360_orders WHERE cluster_${run} = '${name.replace(/'/g, "''")}'`)[0].n;
    expect(members).toBeGreaterThan(0);
    expect(await page.getByTestId('cl-customers-1').textContent()).toBe(members.toLocaleString('en-US'));
    await page.getByTestId('cl-see-1').click();
    await page.getByTestId('customer-table').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('data-table').getAttribute('data-total'), { timeout: 20_000 }).toBe(String(members));
    expect(await page.getByTestId('filter-chip').first().textContent()).toContain(`cluster_${run} is ${name}`);
    await s.screenshot('orders-only-cluster-customers');
    expect(await page.getByTestId('toast-error').count()).toBe(0);
  });
});
