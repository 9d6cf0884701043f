import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/translator';
import { closeApp, openApp, type AppSession } from './harness';

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

/** The demo workspace, then Reports → Report. */
async function demoReportBuilder(session: AppSession) {
  const { page } = session;
  await page.getByTestId('workspace-path').fill(path.join(session.dir, 'demo.sdw'));
  await page.getByTestId('demo-create').click();
  await page.getByTestId('data-view').waitFor({ timeout: 90_000 });
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('reports-tab-report').click();
  const builder = page.getByTestId('report-builder');
  await builder.waitFor({ timeout: 40_000 });
  return builder;
}

describe('the report in its own language (issue #19)', () => {
  it('the app in Polish writes a French report: builder in Polish, preview and file in French', async () => {
    s = await openApp({ lang: 'pl' });
    const builder = await demoReportBuilder(s);
    const pl = translator('pl').t;
    const fr = translator('fr').t;
    // The builder speaks the app's language, and the report's language starts as the app's.
    await builder.getByText(pl('report.builder.language')).waitFor();
    expect(await builder.getByTestId('report-lang').inputValue()).toBe('pl');
    const preview = builder.getByTestId('report-preview');
    await expect.poll(() => preview.locator('h1').textContent(), { timeout: 30_000 }).toBe(pl('report.title.default'));

    await builder.getByTestId('report-lang').selectOption('fr');
    await expect.poll(() => preview.locator('h1').textContent(), { timeout: 30_000 }).toBe(fr('report.title.default'));
    const headings = await preview.locator('h2').allTextContents();
    expect(headings[0]).toBe(fr('report.overview.title'));
    expect(headings.at(-1)).toBe(fr('report.methods.title'));
    // The builder itself stays Polish.
    await builder.getByText(pl('report.builder.titlePage')).waitFor();
    await s.screenshot('i18n-report-pl-builder-fr');

    const file = path.join(s.dir, 'rapport.html');
    await builder.getByTestId('report-out').fill(file);
    await builder.getByTestId('report-save-html').click();
    await builder.getByTestId('report-saved').waitFor({ timeout: 60_000 });
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(`<h2>${fr('report.overview.title')}</h2>`);
    // French typography in the file: a narrow no-break space before the colon.
    expect(html).toContain('\u202f:');
  });

  it('the app in Chinese: builder and preview drawn with the bundled Chinese font', async () => {
    s = await openApp({ lang: 'zh-CN' });
    const { page } = s;
    const builder = await demoReportBuilder(s);
    const zh = translator('zh-CN').t;
    await builder.getByText(zh('report.builder.language')).waitFor();
    const preview = builder.getByTestId('report-preview');
    await expect.poll(() => preview.locator('h1').textContent(), { timeout: 30_000 }).toBe(zh('report.title.default'));
    expect((await preview.locator('h2').allTextContents())[0]).toBe(zh('report.overview.title'));
    // The app's Noto Sans SC faces were loaded for the text on screen (no system CJK font is needed).
    await expect
      .poll(() => page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].some((f) => f.family.replace(/["']/g, '') === 'Noto Sans SC' && f.status === 'loaded');
      }), { timeout: 20_000 })
      .toBe(true);
    // Subsets load as text needs them (unicode-range): wait until none is still loading before the picture.
    await expect.poll(() => page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loading').length;
    }), { timeout: 20_000 }).toBe(0);
    await page.waitForTimeout(300);
    await s.screenshot('i18n-report-zh-CN-app');
  });
});
