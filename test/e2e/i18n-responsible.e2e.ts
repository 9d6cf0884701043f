import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeApp, openApp, type AppSession } from './harness';

const BIN = path.resolve(__dirname, '../../bin/segmentdesk.js');

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

/** 600 customers where the city depends on ethnicity, so a segment on city is flagged and city is a proxy (as in responsible.e2e.ts). */
function customersCsv(): string {
  const lines = ['customer_id,email,gender,ethnicity,city,lifestyle,total_spend,signup_date,marketing_consent'];
  const lifestyles = ['premium', 'family', 'eco-conscious'];
  for (let i = 1; i <= 600; i++) {
    const ethnicity = ['A', 'B', 'C'][i % 3];
    const j = Math.floor(i / 3) % 10;
    const westward = ethnicity === 'A' ? j < 9 : ethnicity === 'B' ? j < 1 : j < 5;
    const half = Math.floor(i / 30) % 2 === 1;
    const city = westward ? (half ? 'Vancouver' : 'Calgary') : half ? 'Toronto' : 'Montréal';
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      [`K${String(i).padStart(5, '0')}`, `person${i}@example.org`, i % 2 ? 'F' : 'M', ethnicity, city, lifestyles[Math.floor(i / 7) % 3], `${20 + ((i * 37) % 500)}.5`, `2025-03-${day}`, Math.floor(i / 5) % 4 ? 'yes' : 'no'].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`segmentdesk ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

interface Expect {
  /** The audit's flag badge of the flagged attribute. */
  flag: RegExp;
  proxy: RegExp;
  law: RegExp;
  confirmWord: string;
  erased: RegExp;
  consentTitle: string;
  /** The hint next to "Local number and date formats" once ticked. */
  localHint: RegExp;
  exportCounts: RegExp;
}

const LANGS: [string, Expect][] = [
  [
    'pl',
    {
      flag: /iloraz 0,\d+ · poniżej 0,8/,
      proxy: /Kolumna city jest (silnie )?powiązana z atrybutem ethnicity/,
      law: /art\. 17 RODO/,
      confirmWord: 'USUŃ',
      erased: /Usunięto dane 2 klientów/,
      consentTitle: 'Zgody',
      localHint: /1234,5.*05\.12\.2026.*średnik/,
      exportCounts: /wyeksportowan/,
    },
  ],
  [
    'fr',
    {
      flag: /ratio 0,\d+ · sous 0,8/,
      proxy: /city est (fortement )?associée à ethnicity/,
      law: /article 17 du RGPD/,
      confirmWord: 'EFFACER',
      erased: /2 clients effacés/,
      consentTitle: 'Consentement',
      localHint: /1234,5.*05\/12\/2026.*point-virgule/,
      exportCounts: /lignes seront exportées/,
    },
  ],
  [
    'zh-CN',
    {
      flag: /比值 0\.\d+ · 低于 0\.8/,
      proxy: /city 与 ethnicity (强)?相关/,
      law: /《个人信息保护法》/,
      confirmWord: '删除',
      erased: /已删除 2 位客户的数据/,
      consentTitle: '同意',
      localHint: /1234\.5.*2026\/12\/05/,
      exportCounts: /将导出/,
    },
  ],
  [
    'en-XA',
    {
      flag: /\[!!/,
      proxy: /\[!!/,
      law: /ĜÐÞŔ|GDPR|\[!!/,
      confirmWord: '',
      erased: /\[!!/,
      consentTitle: '',
      localHint: /1234\.5/,
      exportCounts: /\[!!/,
    },
  ],
];

/** Elements of the view wider than their box (text that overflows), and whether the page scrolls sideways. */
async function overflow(page: Page): Promise<{ page: boolean; elements: string[] }> {
  return page.evaluate(() => {
    const main = document.querySelector('main.content') as HTMLElement;
    const elements: string[] = [];
    for (const el of main.querySelectorAll<HTMLElement>('button, label, th, h1, h2, h3, legend, .badge, .tab, select, summary, .hint')) {
      const style = getComputedStyle(el);
      // Hidden text (screen-reader headings, closed <details>) takes no room on screen.
      if (style.display === 'none' || el.closest('.table-scroll, .sr-only') || !el.checkVisibility()) continue;
      if (el.scrollWidth > el.clientWidth + 2 && style.overflowX !== 'auto' && style.overflowX !== 'scroll') elements.push(`${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.className}] ${el.textContent?.slice(0, 40)}`);
    }
    return { page: document.documentElement.scrollWidth > window.innerWidth + 1 || main.scrollWidth > main.clientWidth + 1, elements };
  });
}

/*
 * One spec per area, each language: run with SEGMENTDESK_E2E_I18N_AREAS=1 (`npm run test:e2e:i18n`). The default run
 * keeps CI under its time limit with i18n-guided.e2e.ts, which walks every view in pl, fr, zh-CN and the pseudo-locale.
 */
const AREAS = process.env.SEGMENTDESK_E2E_I18N_AREAS === '1';

describe.runIf(AREAS)('Responsible use and Reports in Polish, French, Chinese and the pseudo-locale (issue #19)', () => {
  it.each(LANGS)('%s: audit, proxy warning, sensitive columns, consent, erasure and the export panel', async (lang, want) => {
    s = await openApp({ lang });
    const { page } = s;
    const dir = s.dir;
    fs.writeFileSync(path.join(dir, 'customers.csv'), customersCsv());
    fs.writeFileSync(path.join(dir, 'west.json'), JSON.stringify({ field: 'city', op: 'in', value: ['Vancouver', 'Calgary'] }));
    const ws = path.join(dir, 'responsible.sdw');
    cli(['import', 'customers.csv', '--workspace', ws, '--name', 'customers', '--json'], dir);
    cli(['segment', 'save', '--workspace', ws, '--dataset', 'customers', '--name', 'west', '--rule', 'west.json', '--json'], dir);
    await page.getByTestId('workspace-path').fill(ws);
    await page.getByTestId('workspace-open').click();
    await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('nav-responsible').click();
    await page.getByTestId('responsible-view').waitFor({ timeout: 20_000 });
    const overflows: string[] = [];
    const check = async (view: string) => {
      if (lang !== 'en-XA') return;
      const o = await overflow(page);
      if (o.page) overflows.push(`${view}: the page scrolls sideways`);
      overflows.push(...o.elements.map((e) => `${view}: ${e}`));
    };

    // Tag a sensitive column: lifestyle becomes a sensitive attribute (category "other").
    await page.getByTestId('responsible-tab-sensitive').click();
    await page.getByTestId('sensitive-columns').waitFor();
    // A controlled box: it changes once the engine has saved the column's flag.
    await page.getByTestId('sensitive-lifestyle').click();
    await expect.poll(() => page.getByTestId('sensitive-lifestyle').isChecked(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('category-lifestyle').inputValue()).toBe('other');
    await s.screenshot(`i18n-responsible-${lang}-sensitive`);
    await check('sensitive');

    await page.getByTestId('responsible-tab-audit').click();
    await page.getByTestId('audit-target').selectOption('segment:west');
    await page.getByTestId('audit-report').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('fair-flag-ethnicity').textContent(), { timeout: 20_000 }).toMatch(want.flag);
    expect(await page.getByTestId('proxy-city-ethnicity').textContent()).toMatch(want.proxy);
    await page.getByTestId('fair-attr-lifestyle').waitFor();
    await page.getByTestId('fair-attr-ethnicity').locator('svg').first().waitFor();
    await s.screenshot(`i18n-responsible-${lang}-audit`);
    await check('audit');

    await page.getByTestId('responsible-tab-consent').click();
    await expect.poll(() => page.getByTestId('consent-summary').textContent()).toMatch(/marketing_consent/);
    if (want.consentTitle) expect(await page.locator('#consent-title').textContent()).toBe(want.consentTitle);
    await s.screenshot(`i18n-responsible-${lang}-consent`);
    await check('consent');

    await page.getByTestId('responsible-tab-erase').click();
    expect(await page.getByTestId('erase-law').textContent()).toMatch(want.law);
    await page.getByTestId('erase-ids').fill('K00001 K00002');
    await page.getByTestId('erase-start').click();
    await page.getByTestId('erase-confirm').waitFor();
    expect(await page.getByTestId('erase-confirm-run').isDisabled()).toBe(true);
    const word = want.confirmWord || ((await page.getByTestId('erase-confirm').locator('label strong').textContent()) ?? '');
    await page.getByTestId('erase-confirm-text').fill(word);
    await s.screenshot(`i18n-responsible-${lang}-erase-confirm`);
    await check('erase-confirm');
    await page.getByTestId('erase-confirm-run').click();
    await expect.poll(() => page.getByTestId('erase-result').textContent(), { timeout: 20_000 }).toMatch(want.erased);
    await s.screenshot(`i18n-responsible-${lang}-erase-result`);
    await check('erase-result');

    await page.getByTestId('nav-reports').click();
    await page.getByTestId('export-panel').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('export-counts').textContent(), { timeout: 20_000 }).toMatch(want.exportCounts);
    await page.getByTestId('export-local-formats').check();
    expect(await page.getByTestId('export-local-formats-hint').textContent()).toMatch(want.localHint);
    await s.screenshot(`i18n-responsible-${lang}-export`);
    await check('export');
    await page.getByTestId('reports-tab-share').click();
    await page.getByTestId('share-panel').waitFor();
    await s.screenshot(`i18n-responsible-${lang}-share`);
    await check('share');

    expect(overflows).toEqual([]);
  });
});
