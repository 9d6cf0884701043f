import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, openApp, waitForToast, type AppSession } from './harness';

const BIN = path.resolve(__dirname, '../../bin/segmentdesk.js');

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

/** Three generated behaviour groups (seeded, so the test needs no shared data): loyal, occasional, lapsed. */
function customers(n: number): string {
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd());
  const groups = [
    { orders: 25, spend: 2500, days: 15 },
    { orders: 8, spend: 600, days: 90 },
    { orders: 2, spend: 120, days: 500 },
  ];
  const lines = ['customer_id,email,orders_count,total_spend,last_order_date'];
  for (let i = 0; i < n; i++) {
    const g = groups[i % 3];
    const day = new Date(Date.UTC(2026, 10, 1) - Math.max(1, Math.round(g.days * (1 + 0.2 * gauss()))) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`K${i + 1},k${i + 1}@example.com,${Math.max(1, Math.round(g.orders * (1 + 0.2 * gauss())))},${(g.spend * (1 + 0.2 * gauss())).toFixed(2)},${day}`);
  }
  return `${lines.join('\n')}\n`;
}

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`segmentdesk ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('Explore clusters in Chromium over the web host', () => {
  it('runs a clustering, cancels one, shows the map and cards, renames a cluster', { timeout: 240_000 }, async () => {
    s = await openApp();
    const { page, dir } = s;
    fs.writeFileSync(path.join(dir, 'customers.csv'), customers(30_000));
    const ws = path.join(dir, 'clusters.sdw');
    cli(['import', 'customers.csv', '--workspace', ws, '--name', 'customers', '--json'], dir);

    await page.getByTestId('workspace-path').fill(ws);
    await page.getByTestId('workspace-open').click();
    await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('clusters-view').waitFor({ timeout: 20_000 });
    // Behavioural columns are suggested; the ID and the e-mail address are not offered.
    await expect.poll(() => page.getByTestId('cl-feature-total_spend').isChecked(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('cl-feature-email').count()).toBe(0);
    await s.screenshot('clusters-setup');

    // An automatic k sweep over 30,000 rows takes long enough to cancel.
    await page.getByTestId('cl-run').click();
    await page.getByTestId('cl-cancel').click({ timeout: 20_000 });
    await waitForToast(s, 'info', /cancelled/, 30_000);
    await expect.poll(() => page.getByTestId('cl-progress').count(), { timeout: 20_000 }).toBe(0);

    // A fixed k = 3 run finishes and opens.
    await page.getByTestId('cl-k-fixed').check();
    await page.getByTestId('cl-k').fill('3');
    await page.getByTestId('cl-run').click();
    await page.getByTestId('cl-cards').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('[data-testid^="cl-card-"]').count()).toBe(3);
    await page.getByTestId('cl-map-chart').waitFor();
    await expect.poll(() => page.getByTestId('cl-map-note').textContent()).toMatch(/30,000 customers/);
    const sizes = await page.locator('[data-testid^="cl-customers-"]').allTextContents();
    // The three generated groups (10,000 each, with overlapping tails) come back as three clusters of about that size.
    for (const size of sizes) expect(Math.abs(Number(size.replace(/,/g, '')) - 10_000)).toBeLessThan(500);
    await expect.poll(() => page.getByTestId('cl-stability-1').textContent()).toMatch(/stable/);
    await s.screenshot('clusters-result');

    await page.getByTestId('cl-rename-1').click();
    await page.getByTestId('cl-name-input-1').fill('Loyal regulars');
    await page.getByTestId('cl-name-save-1').click();
    await expect.poll(() => page.getByTestId('cl-name-1').textContent()).toMatch(/Loyal regulars/);
    // The name is stored: it survives leaving the view and coming back.
    await page.getByTestId('nav-data').click();
    await page.getByTestId('nav-clusters').click();
    await expect.poll(() => page.getByTestId('cl-name-1').textContent(), { timeout: 20_000 }).toMatch(/Loyal regulars/);
    await page.getByTestId('cl-heatmap').scrollIntoViewIfNeeded();
    await s.screenshot('clusters-renamed');
  });
});
