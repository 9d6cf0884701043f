import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeApp, dropFile, openApp, type AppSession } from './harness';
import { customersCsv } from './shop-customers';
import { overflowOnPage, untranslatedOnPage } from './i18n-scan';
import type { Locale, UiLocale } from '../../shared/i18n/locales';

/**
 * Issue 19's done-when walk: the guided path (dropped file → import → quality → groups → segment → fairness →
 * response → report) in Polish, French and Chinese, and in the pseudo-locale at 1280×720. Every view is
 * photographed (test/e2e/output/i18n-guided-<lang>-*.png); in each language the rendered page is scanned for
 * English catalogue messages (untranslated text), and in the pseudo-locale for text that is cut or runs past
 * the window. Driven by test ids only, so the walk is the same in every language.
 */

/** The walked file's column names: data, shown as they are in every language. */
const FILE_COLUMNS = customersCsv().split('\n')[0].split(',');

let s: AppSession | null = null;
let workspacesDir = '';
const envBefore = process.env.SEGMENTDESK_WORKSPACES_DIR;
afterEach(async () => {
  const session = s;
  s = null;
  if (envBefore === undefined) delete process.env.SEGMENTDESK_WORKSPACES_DIR;
  else process.env.SEGMENTDESK_WORKSPACES_DIR = envBefore;
  try {
    if (session) await closeApp(session);
  } finally {
    if (workspacesDir) fs.rmSync(workspacesDir, { recursive: true, force: true });
  }
});

async function doneSteps(page: Page): Promise<number> {
  return page.locator('.guide-rail li.done').count();
}

async function walk(lang: UiLocale, check: (name: string) => Promise<void>): Promise<AppSession> {
  workspacesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-e2e-documents-'));
  process.env.SEGMENTDESK_WORKSPACES_DIR = path.join(workspacesDir, 'SegmentDesk');
  const session = (s = await openApp({ lang }));
  const { page } = session;
  await page.setViewportSize({ width: 1280, height: 720 });
  await check('01-start');
  await dropFile(session, 'Shop customers.csv', customersCsv(), { selector: '[data-testid="start-dropzone"]' });
  await page.getByTestId('start-create').waitFor();
  await check('02-start-file');
  await page.getByTestId('start-create').click();
  await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });

  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('import-preview').waitFor({ timeout: 30_000 });
  await check('03-import-preview');
  await wizard.getByTestId('import-run').click();
  await wizard.getByTestId('import-summary').waitFor({ timeout: 60_000 });
  await check('04-import-summary');
  await wizard.getByTestId('import-done').click();
  await expect.poll(() => doneSteps(page), { timeout: 20_000 }).toBe(1);
  await check('05-data');

  await page.getByTestId('step-quality').click();
  await page.getByTestId('profile-panel').waitFor({ timeout: 30_000 });
  await check('06-quality');

  await page.getByTestId('next-step-go').click();
  await page.getByTestId('clusters-view').waitFor({ timeout: 20_000 });
  await check('07-clusters-empty');
  await page.getByTestId('cl-k-fixed').check();
  await page.getByTestId('cl-k').fill('2');
  await page.getByTestId('cl-run').click();
  await page.getByTestId('cl-cards').waitFor({ timeout: 120_000 });
  await check('08-clusters');

  await page.getByTestId('next-step-go').click();
  await page.getByTestId('segments-view').waitFor({ timeout: 20_000 });
  await page.getByTestId('groot-add-condition').click();
  await page.getByTestId('groot-0-field').selectOption('total_spend');
  await page.getByTestId('groot-0-op').selectOption('gt');
  await page.getByTestId('groot-0-value').fill('500');
  await expect.poll(() => page.getByTestId('live-count-value').textContent(), { timeout: 20_000 }).toMatch(/^100\b/);
  await page.getByTestId('seg-name').fill('VIP');
  await check('09-segment-builder');
  await page.getByTestId('seg-save').click();
  await expect.poll(() => doneSteps(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);

  await page.getByTestId('next-step-go').click();
  await page.getByTestId('responsible-view').waitFor({ timeout: 20_000 });
  await page.getByTestId('audit-target').selectOption('segment:VIP');
  await page.getByTestId('audit-report').waitFor({ timeout: 30_000 });
  await check('10-fairness');

  await page.getByTestId('next-step-go').click();
  await page.getByTestId('outcomes-view').waitFor({ timeout: 40_000 });
  const outcome = page.getByTestId('response-outcome');
  await expect.poll(() => outcome.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)), { timeout: 40_000 }).toContain('response');
  await outcome.selectOption('response');
  await page.getByTestId('response-run-button').click();
  await page.getByTestId('response-table').waitFor({ timeout: 40_000 });
  await check('11-response');

  await page.getByTestId('next-step-go').click();
  await page.getByTestId('reports-view').waitFor({ timeout: 20_000 });
  await check('12-export');
  await page.getByTestId('reports-tab-report').click();
  const builder = page.getByTestId('report-builder');
  await expect.poll(() => builder.getByTestId('report-preview').locator('h2').count(), { timeout: 30_000 }).toBeGreaterThan(1);
  await check('13-report');
  await builder.getByTestId('report-save-html').click();
  await builder.getByTestId('report-saved').waitFor({ timeout: 60_000 });
  await expect.poll(() => doneSteps(page), { timeout: 20_000 }).toBe(7);
  await check('14-done');

  // Every tab of every view.
  for (const route of ['data', 'clusters', 'segments', 'responsible', 'outcomes', 'reports']) {
    await page.getByTestId(`nav-${route}`).click();
    await page.getByTestId(`view-${route}`).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300);
    const tabs = await page.locator(`[data-testid="view-${route}"] [role="tab"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    for (const tab of tabs.length ? tabs : ['']) {
      if (tab) await page.getByTestId(tab).click();
      await page.waitForTimeout(500);
      await check(`15-${route}${tab ? `-${tab.replace(/^.*-tab-/, '')}` : ''}`);
    }
  }
  return session;
}

describe('the guided path in every language (issue #19)', () => {
  for (const lang of ['pl', 'fr', 'zh-CN'] as const satisfies readonly Locale[]) {
    it(`${lang}: every view translated, nothing left in English`, async () => {
      const untranslated = new Map<string, string[]>();
      const session = await walk(lang, async (name) => {
        await session_().screenshot(`i18n-guided-${lang}-${name}`);
        for (const t of await untranslatedOnPage(session_().page, lang, FILE_COLUMNS)) untranslated.set(t, [...(untranslated.get(t) ?? []), name]);
      });
      expect(await session.page.evaluate(() => document.documentElement.lang)).toBe(lang);
      const lines = [...untranslated].map(([t, views]) => `${JSON.stringify(t)} on ${views.join(', ')}`);
      fs.writeFileSync(path.join(__dirname, 'output', `i18n-untranslated-${lang}.txt`), lines.join('\n') + '\n');
      expect(lines, lines.join('\n')).toEqual([]);
      // The saved report is in the app's language.
      const report = fs.readFileSync(path.join(workspacesDir, 'SegmentDesk', 'report.html'), 'utf8');
      expect(report).toMatch(new RegExp(`<html[^>]*lang="${lang}"`));
    }, 300_000);
  }

  it('pseudo-locale at 1280×720: no text cut or past the window on any view', async () => {
    const problems: string[] = [];
    const session = await walk('en-XA', async (name) => {
      await session_().screenshot(`i18n-guided-en-XA-${name}`);
      for (const p of await overflowOnPage(session_().page)) problems.push(`[${name}] ${p}`);
    });
    // The window really is in the pseudo-locale (every catalogue message is bracketed and accented).
    expect(await session.page.getByTestId('workspace-close').innerText()).toMatch(/^\[!! Çļöšé .* !!\]$/);
    expect(problems, problems.join('\n')).toEqual([]);
  }, 300_000);
});

function session_(): AppSession {
  if (!s) throw new Error('no session');
  return s;
}
