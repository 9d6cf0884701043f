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

/**
 * 600 customers where people live depends on ethnicity (as in many real cities), so a
 * segment defined by city selects ethnic groups at very different rates: the audit must flag it.
 */
function customersCsv(): string {
  const lines = ['customer_id,email,gender,ethnicity,city,lifestyle,total_spend,marketing_consent'];
  const lifestyles = ['premium', 'family', 'eco-conscious'];
  for (let i = 1; i <= 600; i++) {
    const ethnicity = ['A', 'B', 'C'][i % 3];
    // j varies independently of ethnicity (i % 3) and gender (i % 2): 90% / 10% / 50% of A / B / C live west.
    const j = Math.floor(i / 3) % 10;
    const westward = ethnicity === 'A' ? j < 9 : ethnicity === 'B' ? j < 1 : j < 5;
    const half = Math.floor(i / 30) % 2 === 1;
    const city = westward ? (half ? 'Vancouver' : 'Calgary') : half ? 'Toronto' : 'Montréal';
    lines.push([`K${String(i).padStart(5, '0')}`, `person${i}@example.org`, i % 2 ? 'F' : 'M', ethnicity, city, lifestyles[Math.floor(i / 7) % 3], String(20 + ((i * 37) % 500)), Math.floor(i / 5) % 4 ? 'yes' : 'no'].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`segmentdesk ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('Responsible use in Chromium over the web host', () => {
  it('audits a segment and shows the four-fifths flag and proxy warning; consent, log and erasure', async () => {
    s = await openApp();
    const { page } = s;
    const dir = s.dir;
    fs.writeFileSync(path.join(dir, 'customers.csv'), customersCsv());
    fs.writeFileSync(path.join(dir, 'west.json'), JSON.stringify({ field: 'city', op: 'in', value: ['Vancouver', 'Calgary'] }));
    const ws = path.join(dir, 'responsible.sdw');
    cli(['import', 'customers.csv', '--workspace', ws, '--name', 'customers', '--json'], dir);
    cli(['segment', 'save', '--workspace', ws, '--dataset', 'customers', '--name', 'west', '--rule', 'west.json', '--json'], dir);
    const run = cli(['cluster', '--workspace', ws, '--dataset', 'customers', '--features', 'total_spend', '--k', '2', '--seed', '3', '--json'], dir).run;

    await page.getByTestId('workspace-path').fill(ws);
    await page.getByTestId('workspace-open').click();
    await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('nav-responsible').click();
    await page.getByTestId('responsible-view').waitFor({ timeout: 20_000 });

    await page.getByTestId('audit-target').selectOption('segment:west');
    await page.getByTestId('audit-report').waitFor({ timeout: 30_000 });
    const flag = page.getByTestId('fair-flag-ethnicity');
    await expect.poll(() => flag.textContent(), { timeout: 20_000 }).toMatch(/below 0\.8/);
    await expect.poll(() => page.getByTestId('fair-flag-gender').textContent()).not.toMatch(/below/);
    expect(await page.getByTestId('proxy-city-ethnicity').textContent()).toMatch(/city is .*associated with ethnicity/);
    // The chart is drawn (SVG renderer) inside the flagged card.
    await page.getByTestId('fair-attr-ethnicity').locator('svg').first().waitFor();
    await s.screenshot('responsible-audit-flag');

    // A clustering run: each cluster's rates and composition against the base.
    await page.getByTestId('audit-target').selectOption(`run:${String(run)}`);
    await page.getByTestId('audit-cluster').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('audit-cluster').locator('option').count()).toBe(2);
    await expect.poll(() => page.getByTestId('fair-attr-gender').textContent()).toMatch(/share of cluster/);
    await s.screenshot('responsible-audit-cluster');

    await page.getByTestId('responsible-tab-sensitive').click();
    await page.getByTestId('sensitive-columns').waitFor();
    expect(await page.getByTestId('sensitive-ethnicity').isChecked()).toBe(true);
    expect(await page.getByTestId('category-ethnicity').inputValue()).toBe('ethnicity');
    await s.screenshot('responsible-sensitive-columns');

    await page.getByTestId('responsible-tab-erase').click();
    await page.getByTestId('erase-ids').fill('K00001 K00002');
    await page.getByTestId('erase-start').click();
    const confirm = page.getByTestId('erase-confirm');
    await confirm.waitFor();
    expect(await page.getByTestId('erase-confirm-run').isDisabled()).toBe(true);
    await page.getByTestId('erase-confirm-text').fill('ERASE');
    await s.screenshot('responsible-erase-confirm');
    await page.getByTestId('erase-confirm-run').click();
    await waitForToast(s, 'success', /Erased 2 customers/);
    expect(await page.getByTestId('erase-result').textContent()).toMatch(/dataset "customers" version 1: 2 rows/);
    await s.screenshot('responsible-erase-result');

    await page.getByTestId('responsible-tab-consent').click();
    await expect.poll(() => page.getByTestId('consent-summary').textContent()).toMatch(/marketing_consent/);
    // 600 customers, 150 without consent, among them customers 1 and 2, who were erased.
    expect(await page.getByTestId('consent-yes').textContent()).toBe('450');
    expect(await page.getByTestId('consent-no').textContent()).toBe('148');
    await page.getByTestId('audit-entry-erasure').first().waitFor();
    expect(await page.getByTestId('audit-log').textContent()).not.toContain('K00001');
    await s.screenshot('responsible-consent-and-log');
  });
});
