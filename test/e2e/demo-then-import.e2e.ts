import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, createWorkspace, dropFile, openApp, type AppSession } from './harness';

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

/** Column and dataset names of the demo that workspace B does not have; any of them on a B view is a leak. */
const DEMO_TRACE = /lifestyle(?! or behaviour)|preferred_channel|annual_income|postal_code|first_name|signup_date|marketing_consent|no dataset named|orders \(transactions\)|customers \(customers\)/;
const VIEWS = ['data', 'segments', 'clusters', 'responsible', 'outcomes', 'reports'];

/** Workspace B's file: other customers, other columns, a yes/no response. */
function smallCsv(): string {
  const rows = ['member_no,city,subscribed,spend'];
  for (let i = 1; i <= 60; i++) rows.push(`M${i},${i % 2 ? 'Lyon' : 'Gdansk'},${i % 3 === 0 ? 'yes' : 'no'},${(i * 7) % 90}`);
  return `${rows.join('\n')}\n`;
}

describe('The demo, then a workspace of its own (issue #17 item 5)', () => {
  it('shows no trace of the demo on any view of the next workspace: columns, datasets, results, notices', async () => {
    s = await openApp();
    const { page } = s;

    // A: the demo, with a response comparison on Outcomes and every view visited (each holds its state).
    await page.getByTestId('workspace-path').fill(path.join(s.dir, 'demo.sdw'));
    await page.getByTestId('demo-create').click();
    await page.getByTestId('data-view').waitFor({ timeout: 90_000 });
    for (const view of VIEWS) {
      await page.getByTestId(`nav-${view}`).click();
      await page.waitForTimeout(800);
    }
    await page.getByTestId('nav-outcomes').click();
    await page.getByTestId('outcomes-view').waitFor({ timeout: 40_000 });
    await expect.poll(() => page.getByTestId('response-outcome').inputValue(), { timeout: 40_000 }).not.toBe('');
    await page.getByTestId('response-run-button').click();
    await page.getByTestId('response-table').waitFor({ timeout: 60_000 });
    await s.screenshot('switch-demo-outcomes');
    // The demo's columns really are on screen in A (so their absence in B means something).
    expect((await page.locator('body').textContent()) ?? '').toMatch(DEMO_TRACE);

    // B: close the demo, create a workspace, import a small file by dropping it.
    await page.getByTestId('workspace-close').click();
    await page.getByTestId('start-screen').waitFor({ timeout: 20_000 });
    await createWorkspace(s, 'members.sdw');
    await dropFile(s, 'members.csv', smallCsv());
    const wizard = page.getByTestId('import-wizard');
    await wizard.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    await wizard.getByTestId('import-run').click();
    await wizard.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    await wizard.getByTestId('import-summary').getByTestId('import-done').click();
    await expect.poll(() => page.getByTestId('data-table').getAttribute('data-total'), { timeout: 20_000 }).toBe('60');

    for (const view of VIEWS) {
      await page.getByTestId(`nav-${view}`).click();
      await page.waitForTimeout(1500);
      // Options of every select are part of the text: a stale column list would show here.
      const text = (await page.locator('body').textContent()) ?? '';
      await s.screenshot(`switch-b-${view}`);
      const hit = DEMO_TRACE.exec(text);
      expect(hit ? text.slice(Math.max(0, hit.index - 120), hit.index + 80) : null, `view ${view} shows the demo`).toBeNull();
    }

    // Outcomes in B offers B's columns: its response is the yes/no column, compared by city by default.
    await page.getByTestId('nav-outcomes').click();
    await expect.poll(() => page.getByTestId('response-outcome').inputValue(), { timeout: 20_000 }).toBe('subscribed');
    expect(await page.getByTestId('response-table').count()).toBe(0);
    await page.getByTestId('response-run-button').click();
    await page.getByTestId('response-table').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('response-table').textContent()).toMatch(/Lyon/);
    // Notices: none of A's, and none in error; the result is not covered by a notice.
    expect(await page.getByTestId('toast-error').count()).toBe(0);
    const table = await page.getByTestId('response-table').boundingBox();
    for (const toast of await page.locator('.toast').all()) {
      const box = await toast.boundingBox();
      if (!box || !table) continue;
      const overlaps = box.x < table.x + table.width && table.x < box.x + box.width && box.y < table.y + table.height && table.y < box.y + box.height;
      expect(overlaps, 'a notice covers the result table').toBe(false);
    }
    await s.screenshot('switch-b-outcomes-result');
  }, 300_000);
});
