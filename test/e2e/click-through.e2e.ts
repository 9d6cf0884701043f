import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeApp, openApp, waitForToast, type AppSession } from './harness';

/**
 * Issue #14 item 6, "see the customers behind any number": a saved segment, an overlap cell, a fairness group and
 * a lifetime-value histogram bar each open the customer list filtered to exactly the customers the number counts.
 */
let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

const count = async (page: Page) => Number(((await page.getByTestId('table-count').textContent()) ?? '').replace(/[^\d]/g, ''));

async function saveSegment(page: Page, session: AppSession, field: string, value: string, name: string): Promise<void> {
  await page.getByTestId('seg-new').click();
  await page.getByTestId('groot-add-condition').click();
  await page.getByTestId('groot-0-field').selectOption(field);
  await page.getByTestId('groot-0-text').fill(value);
  await expect.poll(() => page.getByTestId('live-count-value').textContent(), { timeout: 20_000 }).toMatch(/^\d/);
  await page.getByTestId('seg-name').fill(name);
  await page.getByTestId('seg-save').click();
  await waitForToast(session, 'success', new RegExp(name));
}

async function customerList(page: Page): Promise<number> {
  await page.getByTestId('customer-table').waitFor({ timeout: 20_000 });
  await page.getByTestId('customer-pick').waitFor({ timeout: 20_000 });
  await expect.poll(() => count(page), { timeout: 20_000 }).toBeGreaterThan(0);
  return count(page);
}

describe('the customers behind a number (issue #14)', () => {
  it('a saved segment, an overlap cell, a fairness group and a CLV bar open exactly their customers', async () => {
    s = await openApp();
    const { page } = s;
    await page.getByTestId('workspace-path').fill(path.join(s.dir, 'demo.sdw'));
    await page.getByTestId('demo-create').click();
    await page.getByTestId('data-view').waitFor({ timeout: 60_000 });

    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segments-view').waitFor({ timeout: 20_000 });
    await saveSegment(page, s, 'lifestyle', 'premium', 'Premium');
    await saveSegment(page, s, 'country', 'Poland', 'Poland');

    // A saved segment → its customers; the count is the segment's size.
    await page.getByTestId('segments-tab-saved').click();
    const premiumSize = Number(((await page.getByTestId('segment-row-Premium').locator('td').nth(2).textContent()) ?? '').replace(/[^\d]/g, ''));
    await page.getByTestId('segment-customers-Premium').click();
    expect(await customerList(page)).toBe(premiumSize);
    expect(await page.getByTestId('customer-pick').textContent()).toContain('Premium');
    await s.screenshot('click-through-segment');
    // "Show all" lifts the pick.
    await page.getByTestId('customer-pick-clear').click();
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe(2000);

    // An overlap cell → the customers in both segments.
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segments-tab-overlap').click();
    await page.getByTestId('overlap-run').click();
    await page.getByTestId('overlap-matrix').waitFor({ timeout: 30_000 });
    const both = Number(((await page.getByTestId('overlap-cell-0-1').textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(both).toBeGreaterThan(0);
    await page.getByTestId('overlap-cell-0-1').click();
    expect(await customerList(page)).toBe(both);
    await s.screenshot('click-through-overlap');

    // A fairness group → the segment's customers in that group.
    await page.getByTestId('nav-responsible').click();
    await page.getByTestId('audit-target').selectOption('segment:Premium');
    await page.getByTestId('audit-report').waitFor({ timeout: 30_000 });
    const row = page.getByTestId('fair-attr-gender').locator('tbody tr').filter({ hasText: /^F/ });
    const selectedF = Number(((await row.locator('td').nth(2).textContent()) ?? '').replace(/[^\d]/g, ''));
    await page.getByTestId('fair-group-gender-F').click();
    expect(await customerList(page)).toBe(selectedF);
    await s.screenshot('click-through-fairness');

    // A lifetime-value bar → customers in that band.
    await page.getByTestId('nav-outcomes').click();
    await page.getByTestId('outcomes-tab-clv').click();
    await page.getByTestId('clv-fit').click();
    const hist = page.getByTestId('clv-histogram');
    await hist.locator('svg').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    const bars = hist.locator('path[fill="#4a7fd6"]');
    await expect.poll(() => bars.count(), { timeout: 20_000 }).toBeGreaterThan(3);
    await bars.nth(2).click();
    expect(await customerList(page)).toBeGreaterThan(0);
    expect(await page.getByTestId('customer-pick').textContent()).toMatch(/predicted lifetime value from [\d,]+ to under [\d,]+/);
    await s.screenshot('click-through-clv');
  }, 240_000);
});
