import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, createWorkspace, dropFile, openApp, type AppSession } from './harness';
import { sharedData } from '../helpers/tmp';

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

const marketing = sharedData('marketing_campaign.csv');

describe.skipIf(!marketing)('Defaults on the marketing file in Chromium (issue #17 item 6; skipped without ../shared/data)', () => {
  it('clustering, outcome, revenue, compare-by and export pickers start from sensible choices', async () => {
    s = await openApp();
    const { page } = s;
    await createWorkspace(s, 'marketing.sdw');
    await dropFile(s, 'marketing_campaign.csv', fs.readFileSync(marketing!, 'utf8'));
    const wizard = page.getByTestId('import-wizard');
    await wizard.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    await wizard.getByTestId('import-run').click();
    await wizard.getByTestId('import-summary').waitFor({ timeout: 90_000 });
    await wizard.getByTestId('import-done').click();

    // Clusters: the two constant columns say so and are not ticked; nor are the ID, birth year or income.
    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('cl-features').waitFor({ timeout: 30_000 });
    await page.getByTestId('cl-constant-Z_Revenue').waitFor({ timeout: 20_000 });
    for (const name of ['Z_CostContact', 'Z_Revenue', 'Year_Birth', 'Income']) expect(await page.getByTestId(`cl-feature-${name}`).isChecked(), name).toBe(false);
    expect(await page.getByTestId('cl-feature-MntWines').isChecked()).toBe(true);
    await s.screenshot('defaults-marketing-clusters');

    // Outcomes: Response, not AcceptedCmp3; never the ID to compare by; revenue offers money spent, not Year_Birth or Kidhome.
    await page.getByTestId('nav-outcomes').click();
    await expect.poll(() => page.getByTestId('response-outcome').inputValue(), { timeout: 30_000 }).toBe('Response');
    expect(await page.getByTestId('response-by').locator('option').allTextContents()).not.toContain('ID');
    const revenue = await page.getByTestId('response-revenue').locator('option').allTextContents();
    expect(revenue).toContain('MntWines');
    for (const bad of ['Year_Birth', 'Kidhome', 'Teenhome', 'Income', 'Z_Revenue']) expect(revenue).not.toContain(bad);
    await page.getByTestId('response-run-button').click();
    await page.getByTestId('response-table').waitFor({ timeout: 60_000 });
    await s.screenshot('defaults-marketing-outcomes');
    // A notice still up (the import's) sits below the view, never over the result.
    // The part of the result on screen: the panel clipped to the scrolling view it sits in.
    const panelBox = (await page.getByTestId('response-panel').boundingBox())!;
    const view = (await page.locator('.content').boundingBox())!;
    const top = Math.max(panelBox.y, view.y);
    const table = { x: panelBox.x, width: panelBox.width, y: top, height: Math.min(panelBox.y + panelBox.height, view.y + view.height) - top };
    for (const toast of await page.locator('.toast').all()) {
      const box = await toast.boundingBox();
      if (!box) continue;
      const overlaps = box.x < table.x + table.width && table.x < box.x + box.width && box.y < table.y + table.height && table.y < box.y + box.height;
      expect(overlaps, 'a notice covers the result').toBe(false);
    }

    // Export: no sensitive column ticked; the finished file's path with Copy path (browser).
    await page.getByTestId('nav-reports').click();
    const panel = page.getByTestId('export-panel');
    await panel.waitFor({ timeout: 20_000 });
    await expect.poll(() => panel.getByTestId('export-col-ID').isChecked(), { timeout: 20_000 }).toBe(true);
    for (const name of ['Year_Birth', 'Income', 'Marital_Status']) expect(await panel.getByTestId(`export-col-${name}`).isChecked(), name).toBe(false);
    const out = path.join(s.dir, 'marketing-export.csv');
    await panel.getByTestId('export-out').fill(out);
    await panel.getByTestId('export-run').click();
    await panel.getByTestId('export-saved').waitFor({ timeout: 60_000 });
    expect(await panel.getByTestId('export-saved-path').textContent()).toBe(out);
    expect(fs.existsSync(out)).toBe(true);
    await panel.getByTestId('export-saved').scrollIntoViewIfNeeded();
    await s.screenshot('defaults-marketing-export-saved');
  }, 240_000);
});
