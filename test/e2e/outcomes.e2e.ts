import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, openApp, waitForToast, type AppSession } from './harness';
import { gammaSample, rng } from '../engine/outcomes/simulate';

const BIN = path.resolve(__dirname, '../../bin/segmentdesk.js');

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

/**
 * 1,500 customers in two regions, where the north responded to the campaign twice as often,
 * and their dated orders drawn from the BG/NBD story (Poisson purchases, dropout after each).
 */
function writeFiles(dir: string): void {
  const u = rng(77);
  const customers = ['customer_id,region,responded'];
  const orders = ['order_id,customer_id,order_date,amount'];
  const end = Date.parse('2025-12-31T00:00:00Z') / 86_400_000;
  let order = 0;
  for (let i = 1; i <= 1500; i++) {
    const id = `K${String(i).padStart(5, '0')}`;
    const north = i % 3 === 0;
    customers.push(`${id},${north ? 'north' : 'south'},${u() < (north ? 0.3 : 0.15) ? 'yes' : 'no'}`);
    const lambda = gammaSample(u, 0.8) / 12;
    const g = gammaSample(u, 0.8);
    const drop = g / (g + gammaSample(u, 3));
    const T = 30 + 60 * u();
    const start = end - Math.floor(T * 7);
    const nu = gammaSample(u, 4) / 40;
    let t = 0;
    const times = [0];
    for (;;) {
      t += -Math.log(1 - u()) / lambda;
      if (t > T) break;
      times.push(t);
      if (u() < drop) break;
    }
    for (const w of times) {
      const day = start + Math.floor(w * 7);
      if (day > end) continue;
      orders.push(`O${++order},${id},${new Date(day * 86_400_000).toISOString().slice(0, 10)},${(gammaSample(u, 5) / nu).toFixed(2)}`);
    }
  }
  fs.writeFileSync(path.join(dir, 'customers.csv'), `${customers.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'orders.csv'), `${orders.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'north.json'), JSON.stringify({ field: 'region', op: 'eq', value: 'north' }));
  fs.writeFileSync(path.join(dir, 'south.json'), JSON.stringify({ field: 'region', op: 'eq', value: 'south' }));
}

describe('Outcomes in Chromium over the web host', () => {
  it('compares segments on an outcome and fits CLV as a job', async () => {
    s = await openApp();
    const { page, dir } = s;
    writeFiles(dir);
    const ws = path.join(dir, 'outcomes.sdw');
    cli(['import', 'customers.csv', '--workspace', ws, '--name', 'customers', '--json'], dir);
    cli(['import', 'orders.csv', '--workspace', ws, '--name', 'orders', '--as', 'transactions', '--link', 'customers', '--json'], dir);
    cli(['segment', 'save', '--workspace', ws, '--dataset', 'customers', '--name', 'north', '--rule', 'north.json', '--json'], dir);
    cli(['segment', 'save', '--workspace', ws, '--dataset', 'customers', '--name', 'south', '--rule', 'south.json', '--json'], dir);

    await page.getByTestId('workspace-path').fill(ws);
    await page.getByTestId('workspace-open').click();
    await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('nav-outcomes').click();
    await page.getByTestId('outcomes-view').waitFor({ timeout: 40_000 });
    await page.getByTestId('outcomes-dataset').selectOption('customers');
    // yes/no columns come first among the outcome candidates.
    await expect.poll(() => page.getByTestId('response-outcome').inputValue(), { timeout: 40_000 }).toBe('responded');
    await page.getByTestId('response-mode').selectOption('segments');
    await page.getByTestId('response-segments').selectOption(['north', 'south']);
    await page.getByTestId('response-run-button').click();
    const table = page.getByTestId('response-table');
    await table.waitFor({ timeout: 60_000 });
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    // Sorted by lift: the north responded about twice as often.
    expect(rows[0]).toMatch(/^north/);
    expect(await page.getByTestId('response-base').textContent()).toMatch(/of 1,500/);
    await page.getByTestId('response-chart').locator('svg').first().waitFor({ timeout: 30_000 });
    await s.screenshot('outcomes-response-segments');

    await page.getByTestId('outcomes-tab-clv').click();
    await page.getByTestId('clv-panel').waitFor({ timeout: 30_000 });
    await page.getByTestId('clv-asof').fill('2025-12-31');
    await page.getByTestId('clv-fit').click();
    const params = page.getByTestId('clv-params');
    await params.waitFor({ timeout: 120_000 });
    expect(await params.textContent()).toMatch(/converged/);
    await page.getByTestId('clv-heatmap').locator('svg').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('clv-calibration').locator('svg').first().waitFor({ timeout: 30_000 });
    await s.screenshot('outcomes-clv-fit');

    await page.getByTestId('clv-segment-top20').click();
    await waitForToast(s, 'success', /Top 20% by CLV/, 40_000);
    await s.screenshot('outcomes-clv-segment');

    // Response by lifetime value: the fit's predicted_clv is a customer-view field, compared in quartiles.
    await page.getByTestId('outcomes-tab-response').click();
    await page.getByTestId('response-mode').selectOption('by');
    const by = page.getByTestId('response-by');
    await expect.poll(() => by.locator('option[value="predicted_clv"]').count(), { timeout: 30_000 }).toBe(1);
    expect(await by.locator('option[value="predicted_clv"]').textContent()).toBe('predicted_clv (in bands)');
    expect(await by.locator('optgroup[label="lifetime value"] option').allTextContents()).toContain('predicted_clv (in bands)');
    await by.selectOption('predicted_clv');
    await page.getByTestId('response-bands').waitFor();
    await page.getByTestId('response-run-button').click();
    await expect.poll(async () => (await page.getByTestId('response-table').locator('tbody tr').allTextContents())[0] ?? '', { timeout: 60_000 }).toMatch(/^band 1 of 4: up to/);
    const bandRows = await page.getByTestId('response-table').locator('tbody tr').allTextContents();
    expect(bandRows).toHaveLength(4);
    expect(await page.getByTestId('response-bands-convention').textContent()).toMatch(/predicted_clv has many different values, so it is compared in 4 bands of about equal size: the cut points are its quartiles/);
    await page.getByTestId('response-chart').locator('svg').first().waitFor({ timeout: 30_000 });
    // The chart animates from the previous comparison's two bars to four.
    await page.waitForTimeout(1500);
    await s.screenshot('outcomes-response-clv-bands');
  }, 240_000);
});
