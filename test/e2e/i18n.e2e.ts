import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, createWorkspace, openApp, type AppSession } from './harness';

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

describe('languages (issue #19)', () => {
  it('follows the browser language, switches at once from the header, and remembers the choice', async () => {
    s = await openApp({ browserLocale: 'pl-PL' });
    const { page } = s;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pl');
    await createWorkspace(s, 'lang.sdw');
    await page.getByTestId('workspace-close').getByText('Zamknij obszar roboczy').waitFor();
    await s.screenshot('i18n-pl-frame');
    await page.getByTestId('language').selectOption('fr');
    await page.getByTestId('workspace-close').getByText('Fermer l’espace de travail').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.reload();
    await page.getByTestId('language').waitFor();
    expect(await page.getByTestId('language').inputValue()).toBe('fr');
  });
});
