import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, openApp, type AppSession } from './harness';

const BIN = path.resolve(__dirname, '../../bin/segmentdesk.js');
const MARKETING = path.resolve(__dirname, '../../../shared/data/marketing_campaign.csv');

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--json'], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`segmentdesk ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe.skipIf(!fs.existsSync(MARKETING))('charts that answer the question (marketing_campaign.csv; skipped: file absent)', () => {
  it('heatmap legend says which numbers are standardised and which are percentage points; Kidhome profile is one bar per value', { timeout: 240_000 }, async () => {
    s = await openApp();
    const { page, dir } = s;
    const ws = path.join(dir, 'marketing.sdw');
    cli(['import', MARKETING, '--workspace', ws, '--name', 'marketing'], dir);
    cli(['cluster', '--workspace', ws, '--dataset', 'marketing', '--features', 'Education,Marital_Status,Income,MntWines,MntMeatProducts', '--k', '4', '--seed', '5'], dir);

    await page.getByTestId('workspace-path').fill(ws);
    await page.getByTestId('workspace-open').click();
    await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('cl-cards').waitFor({ timeout: 60_000 });
    const legend = page.getByTestId('cl-heat-legend');
    await legend.scrollIntoViewIfNeeded();
    expect(await legend.textContent()).toMatch(/Number columns: how different \(standardised\).*Category values .*share difference \(percentage points\)/s);
    // A category trait on a card reads in percentage points, a number trait as a signed standardised effect.
    const effects = await page.locator('[data-testid^="cl-effect-"]').allTextContents();
    expect(effects.some((t) => /[+−]\d+ pp/.test(t)) || effects.every((t) => /[+−]\d\.\d\d/.test(t))).toBe(true);
    await page.getByTestId('cl-cards').screenshot({ path: path.join(path.dirname(await s.screenshot('charts-clusters-top')), 'charts-cards.png') });
    await page.getByTestId('cl-heatmap').scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    await page.getByTestId('cl-heatmap').screenshot({ path: path.join(path.dirname(await s.screenshot('charts-clusters')), 'charts-heatmap.png') });

    await page.getByTestId('nav-data').click();
    await page.getByTestId('data-tab-profile').click();
    await page.getByTestId('profile-col-Kidhome').click();
    const card = page.getByTestId('column-profile');
    await expect.poll(() => card.getAttribute('data-column')).toBe('Kidhome');
    await page.waitForTimeout(800);
    await card.screenshot({ path: path.join(path.dirname(await s.screenshot('charts-profile')), 'charts-kidhome.png') });
    expect(await card.getByRole('img').first().getAttribute('aria-label')).toBe('Rows per value of Kidhome');
  });
});
