import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/translator';
import type { UiLocale } from '../../shared/i18n/locales';
import { closeApp, openApp, type AppSession } from './harness';

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

/** Screenshots of one view per language: i18n-clusters-<lang>-<view>.png. */
const shot = (session: AppSession, lang: UiLocale, view: string) => session.screenshot(`i18n-clusters-${lang}-${view}`);

/*
 * One spec per area, each language: run with SEGMENTDESK_E2E_I18N_AREAS=1 (`npm run test:e2e:i18n`). The default run
 * keeps CI under its time limit with i18n-guided.e2e.ts, which walks every view in pl, fr, zh-CN and the pseudo-locale.
 */
const AREAS = process.env.SEGMENTDESK_E2E_I18N_AREAS === '1';

describe.runIf(AREAS)('Explore clusters and Outcomes in four languages and the pseudo-locale (issue #19)', () => {
  it('shows the demo’s clusters, response comparison and lifetime value in en-XA, pl, fr and zh-CN', { timeout: 600_000 }, async () => {
    // The pseudo-locale is offered only to a window opened with it; the others are picked in the header afterwards.
    s = await openApp({ lang: 'en-XA' });
    const session = s;
    const { page } = session;
    await page.getByTestId('workspace-path').fill(path.join(session.dir, 'demo.sdw'));
    await page.getByTestId('demo-create').click();
    await page.getByTestId('data-view').waitFor({ timeout: 120_000 });

    // A clustering with the defaults (the pre-ticked features, k chosen automatically).
    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('clusters-view').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('[data-testid^="cl-feature-"]:checked').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByTestId('cl-run').click();
    await page.getByTestId('cl-cards').waitFor({ timeout: 240_000 });
    await page.getByTestId('cl-map-chart').waitFor({ timeout: 60_000 });

    // Response by a column, and a lifetime-value fit.
    await page.getByTestId('nav-outcomes').click();
    await page.getByTestId('outcomes-view').waitFor({ timeout: 40_000 });
    await expect.poll(() => page.getByTestId('response-outcome').inputValue(), { timeout: 40_000 }).not.toBe('');
    await page.getByTestId('response-run-button').click();
    await page.getByTestId('response-table').waitFor({ timeout: 60_000 });
    await page.getByTestId('outcomes-tab-clv').click();
    await page.getByTestId('clv-panel').waitFor({ timeout: 30_000 });
    await page.getByTestId('clv-fit').click();
    await page.getByTestId('clv-result-asof').waitFor({ timeout: 180_000 });

    for (const lang of ['en-XA', 'pl', 'fr', 'zh-CN'] as const) {
      const { t } = translator(lang);
      if (lang !== 'en-XA') await page.getByTestId('language').selectOption(lang);

      // Explore clusters: summary, cards, heatmap and map.
      await page.getByTestId('nav-clusters').click();
      await page.getByTestId('cl-cards').waitFor({ timeout: 60_000 });
      const view = page.getByTestId('clusters-view');
      await expect.poll(() => view.textContent(), { timeout: 20_000 }).toContain(t('clusters.run.howDiffer'));
      const body = (await view.textContent()) ?? '';
      for (const id of ['clusters.run.clusters', 'clusters.cards.see', 'clusters.cards.saveAsSegment', 'clusters.view.findGroups', 'clusters.view.mapTitle'] as const) expect(body).toContain(t(id));
      // The recommendation and the cards' sentences come from the engine in the same language.
      if (lang === 'pl') {
        await expect.poll(() => page.getByTestId('cl-reason').textContent(), { timeout: 20_000 }).toMatch(/^Zalecenie: \d+ grup(y)?: /);
        await expect.poll(() => page.getByTestId('cl-card-1').textContent(), { timeout: 20_000 }).toMatch(/średnio .* wobec .* u reszty/);
        // A Polish-formatted number: the separation with a decimal comma.
        expect(await page.getByTestId('cl-silhouette').textContent()).toMatch(/^−?-?\d,\d\d$/);
      }
      if (lang === 'fr') await expect.poll(() => page.getByTestId('cl-reason').textContent(), { timeout: 20_000 }).toMatch(/^Recommandation\u202f: \d+ groupes/);
      if (lang === 'zh-CN') await expect.poll(() => page.getByTestId('cl-reason').textContent(), { timeout: 20_000 }).toMatch(/^推荐：\d+ 个群组/);
      await shot(session, lang, 'clusters');
      await page.getByTestId('cl-cards').scrollIntoViewIfNeeded();
      await shot(session, lang, 'cards');
      if (lang === 'en-XA') {
        // Long pseudo strings must not push a card's visible content past its edge (glossary tooltips are hidden popups).
        const overflow = await page.locator('[data-testid^="cl-card-"]').evaluateAll((cards) =>
          cards.flatMap((c) => {
            const edge = c.getBoundingClientRect().right;
            return [...c.querySelectorAll('*')]
              .filter((e) => !e.closest('[role="tooltip"]') && getComputedStyle(e).visibility !== 'hidden' && e.getBoundingClientRect().right > edge + 1)
              .map((e) => `${c.getAttribute('data-testid')}: ${e.tagName} ${e.textContent?.slice(0, 60)}`);
          }),
        );
        expect(overflow).toEqual([]);
      }

      await page.getByTestId('cl-heatmap').scrollIntoViewIfNeeded();
      await page.waitForTimeout(600);
      await shot(session, lang, 'heatmap');
      await page.getByTestId('cl-map-chart').scrollIntoViewIfNeeded();
      await page.waitForTimeout(600);
      await shot(session, lang, 'map');

      // Outcomes: the response comparison (asked again in the new language) and the lifetime value.
      await page.getByTestId('nav-outcomes').click();
      await page.getByTestId('outcomes-tab-response').click();
      await page.getByTestId('response-table').waitFor({ timeout: 60_000 });
      const table = page.getByTestId('response-table');
      await expect.poll(() => table.textContent(), { timeout: 20_000 }).toContain(t('outcomes.response.colGroup'));
      expect(await page.getByTestId('outcomes-tab-response').textContent()).toBe(t('outcomes.view.tabResponse'));
      if (lang === 'pl') expect(await page.getByTestId('response-base').textContent()).toMatch(/^Poziom bazowy: [\d\u00a0]+ z [\d\u00a0]+ \(\d+,\d%\)/);
      await shot(session, lang, 'response');
      await page.getByTestId('outcomes-tab-clv').click();
      await page.getByTestId('clv-result-asof').waitFor({ timeout: 60_000 });
      const clv = (await page.getByTestId('clv-panel').textContent()) ?? '';
      expect(clv).toContain(t('outcomes.clv.modelDetails'));
      expect(clv).toContain(t('outcomes.clv.fit'));
      if (lang === 'pl') expect(await page.getByTestId('clv-result-asof').textContent()).toMatch(/^\d\d\.\d\d\.\d{4}/);
      // Warnings stored with the fit (made in the pseudo-locale) are read back in the window's language.
      if (lang !== 'en-XA') expect(clv).not.toMatch(/\[!! Ĝåɱɱå/);
      await shot(session, lang, 'clv');
    }
    expect(session.problems).toEqual([]);
  });
});
