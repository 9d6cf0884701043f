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

const LIFESTYLES = ['eco-conscious', 'premium', 'family', 'bargain hunter'];

function customers(): { csv: string; rows: { id: string; lifestyle: string; spend: number }[] } {
  const rows = Array.from({ length: 400 }, (_, i) => ({ id: `K${String(i + 1).padStart(4, '0')}`, lifestyle: LIFESTYLES[(i * 7) % 4], spend: (i * 37) % 1000 }));
  const lines = ['customer_id,lifestyle,total_spend,last_order_date,country', ...rows.map((r, i) => `${r.id},${r.lifestyle},${r.spend},2024-${String(1 + (i % 12)).padStart(2, '0')}-15,${['PL', 'DE', 'FR'][i % 3]}`)];
  return { csv: `${lines.join('\n')}\n`, rows };
}

function orders(): string {
  const lines = ['order_id,customer_id,order_date,amount'];
  let n = 0;
  for (let i = 1; i <= 400; i++) for (let k = 0; k <= i % 5; k++) lines.push(`O${++n},K${String(i).padStart(4, '0')},2024-${String(1 + ((i + k) % 12)).padStart(2, '0')}-0${1 + (k % 9)},${(10 + ((i * k) % 90)).toFixed(2)}`);
  return `${lines.join('\n')}\n`;
}

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`segmentdesk ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('Segments in Chromium over the web host', () => {
  it('builds a nested rule with a live count, saves it, shows overlap and the RFM grid', async () => {
    s = await openApp();
    const { page, dir } = s;
    const data = customers();
    fs.writeFileSync(path.join(dir, 'customers.csv'), data.csv);
    fs.writeFileSync(path.join(dir, 'orders.csv'), orders());
    fs.writeFileSync(path.join(dir, 'premium.json'), JSON.stringify({ field: 'lifestyle', op: 'eq', value: 'premium' }));
    const ws = path.join(dir, 'segments.sdw');
    cli(['import', 'customers.csv', '--workspace', ws, '--name', 'customers', '--json'], dir);
    cli(['import', 'orders.csv', '--workspace', ws, '--name', 'orders', '--as', 'transactions', '--link', 'customers', '--json'], dir);
    cli(['segment', 'save', '--workspace', ws, '--dataset', 'customers', '--name', 'Premium', '--rule', 'premium.json', '--json'], dir);

    await page.getByTestId('workspace-path').fill(ws);
    await page.getByTestId('workspace-open').click();
    await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segments-view').waitFor({ timeout: 20_000 });
    const count = page.getByTestId('live-count-value');
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe('400');

    // total_spend > 300
    await page.getByTestId('groot-add-condition').click();
    await page.getByTestId('groot-0-field').selectOption('total_spend');
    await page.getByTestId('groot-0-op').selectOption('gt');
    await page.getByTestId('groot-0-value').fill('300');
    const big = data.rows.filter((r) => r.spend > 300).length;
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe(big.toLocaleString('en-US'));

    // … and (lifestyle is eco-conscious or premium): a nested ANY group.
    await page.getByTestId('groot-add-group').click();
    await page.getByTestId('g1-0-field').selectOption('lifestyle');
    await page.getByTestId('g1-0-text').fill('eco-conscious');
    await page.getByTestId('g1-add-condition').click();
    await page.getByTestId('g1-1-field').selectOption('lifestyle');
    await page.getByTestId('g1-1-text').fill('premium');
    const nested = data.rows.filter((r) => r.spend > 300 && (r.lifestyle === 'eco-conscious' || r.lifestyle === 'premium')).length;
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe(nested.toLocaleString('en-US'));
    await expect.poll(() => page.getByTestId('rule-description').textContent()).toBe('total spend is more than 300 and (lifestyle is eco-conscious or lifestyle is premium)');
    await s.screenshot('segments-builder-nested');

    // Undo the last edit, then redo it.
    await page.getByTestId('seg-undo').click();
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).not.toBe(nested.toLocaleString('en-US'));
    await page.getByTestId('seg-redo').click();
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe(nested.toLocaleString('en-US'));

    // Other saved segments are in the field picker, last: "… and in segment Premium" narrows to the premium ones.
    await page.getByTestId('groot-add-condition').click();
    const picker = page.getByTestId('groot-2-field');
    expect(await picker.getByTestId('groot-2-segment-group').locator('option').allTextContents()).toEqual([expect.stringMatching(/^Premium/)]);
    await picker.selectOption('\u0001segment:Premium');
    await page.getByTestId('groot-2-segment-ref').waitFor();
    const inPremium = data.rows.filter((r) => r.spend > 300 && r.lifestyle === 'premium').length;
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe(inPremium.toLocaleString('en-US'));
    await s.screenshot('segments-builder-other-segment');
    await page.getByTestId('seg-undo').click();
    await page.getByTestId('seg-undo').click();
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe(nested.toLocaleString('en-US'));

    await page.getByTestId('seg-name').fill('Green or premium big spenders');
    await page.getByTestId('seg-save').click();
    await waitForToast(s, 'success', /Saved segment/);

    await page.getByTestId('segments-tab-saved').click();
    await page.getByTestId('segment-row-Green or premium big spenders').waitFor();
    await s.screenshot('segments-saved-list');

    await page.getByTestId('segments-tab-overlap').click();
    await page.getByTestId('overlap-run').click();
    const matrix = page.getByTestId('overlap-matrix');
    await matrix.waitFor({ timeout: 20_000 });
    const premiumBig = data.rows.filter((r) => r.spend > 300 && r.lifestyle === 'premium').length;
    expect(await matrix.textContent()).toContain(String(premiumBig));
    await s.screenshot('segments-overlap-matrix');

    await page.getByTestId('segments-tab-rfm').click();
    await page.getByTestId('rfm-dataset').selectOption('orders');
    await page.getByTestId('rfm-asof').fill('2025-01-01');
    await page.getByTestId('rfm-compute').click();
    await expect.poll(() => page.getByTestId('rfm-summary').textContent(), { timeout: 30_000 }).toMatch(/^400 customers as of 2025-01-01/);
    await page.getByTestId('rfm-grid-ok').waitFor();
    await s.screenshot('segments-rfm-grid');

    // The RFM segments are export sources for the customers (through the linked orders' scores).
    await page.getByTestId('nav-reports').click();
    const source = page.getByTestId('export-panel').getByTestId('export-source');
    const rfmOptions = async () => (await source.locator('option').allTextContents()).filter((t) => t.startsWith('RFM '));
    await expect.poll(async () => (await rfmOptions()).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const first = (await rfmOptions())[0];
    const name = /^RFM (.+) \([\d,]+\)$/.exec(first)?.[1] ?? '';
    await source.selectOption(`rfm:${name}`);
    await expect.poll(() => page.getByTestId('export-out').inputValue(), { timeout: 10_000 }).toContain('rfm-');
  });
});
