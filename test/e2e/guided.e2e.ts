import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeApp, dropFile, openApp, type AppSession } from './harness';
import { customersCsv } from './shop-customers';

/**
 * Issue 17's done-when walk: from the start screen with a dropped customers file (not the demo), along the
 * guided path to a saved HTML report, without typing a path anywhere. On every view axe-core checks the page
 * (no serious or critical violation) and screenshots are written at 1440×900 in light and dark.
 */

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

const AXE_SOURCE = fs.readFileSync(path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page and returns the serious and critical violations as readable lines. The script goes
 * in through the DevTools protocol (page.evaluate), not a <script> tag: the app's CSP rightly refuses inline
 * scripts, and axe needs nothing from the network.
 */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`)) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes
      .slice(0, 5)
      .map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').slice(1, 3).join(' ') ?? ''}`)
      .join('\n')}`);
}

/** Screenshots of the view in light and dark, and axe on both; returns the problems found. */
async function checkView(session: AppSession, name: string): Promise<string[]> {
  const { page } = session;
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect.poll(() => page.evaluate(`document.documentElement.dataset.theme`)).toBe(scheme);
    // Let charts redraw in the new palette before the picture and the contrast check.
    await page.waitForTimeout(400);
    await session.screenshot(`guided-${name}-${scheme}`);
    for (const p of await axeProblems(page)) found.push(`[${name}, ${scheme}] ${p}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** The one obvious next step: the button at the top of the view, named after the step it leads to. */
async function nextStep(page: Page, label: string): Promise<void> {
  const go = page.getByTestId('next-step-go');
  await expect.poll(() => go.textContent(), { timeout: 20_000 }).toBe(`Next: ${label} →`);
  await go.click();
}

async function railDone(page: Page): Promise<string[]> {
  return page.locator('.guide-rail li.done .step-label').allTextContents();
}

describe('the guided path, from a dropped file to a saved report', () => {
  it('walks start → import → quality → groups → segment → fairness → response → report with no typed path; axe finds nothing serious', async () => {
    workspacesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-e2e-documents-'));
    // Stands in for ~/Documents/SegmentDesk: the host the harness spawns inherits it.
    process.env.SEGMENTDESK_WORKSPACES_DIR = path.join(workspacesDir, 'SegmentDesk');
    s = await openApp();
    const { page } = s;
    await page.setViewportSize({ width: 1440, height: 900 });
    // Every path the app needs comes from a default, a drop or a picker: fail at once on any typed path.
    await page.evaluate(`document.addEventListener('input', (e) => { const t = e.target; if (t && /path|-out$/.test(t.dataset.testid || '')) console.error('TYPED PATH ' + t.dataset.testid); }, true)`);
    const problems: string[] = [];

    problems.push(...(await checkView(s, '01-start')));
    await dropFile(s, 'Shop customers.csv', customersCsv(), { selector: '[data-testid="start-dropzone"]' });
    const target = page.getByTestId('start-target');
    const expected = path.join(workspacesDir, 'SegmentDesk', 'Shop customers.sdw');
    await expect.poll(() => target.textContent(), { timeout: 20_000 }).toBe(expected);
    problems.push(...(await checkView(s, '02-start-file')));
    await page.getByTestId('start-create').click();
    await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await page.getByTestId('workspace-name').textContent()).toBe('Shop customers.sdw');
    expect(fs.existsSync(expected)).toBe(true);

    // The import wizard opens on the dropped file.
    const wizard = page.getByTestId('import-wizard');
    await wizard.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    problems.push(...(await checkView(s, '03-import-preview')));
    await wizard.getByTestId('import-run').click();
    await wizard.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    expect(await wizard.getByTestId('summary-rows').textContent()).toBe('400');
    await wizard.getByTestId('import-done').click();
    await expect.poll(() => railDone(page), { timeout: 20_000 }).toEqual(['Import your file']);
    problems.push(...(await checkView(s, '04-data')));

    // Step 2: the next step on the Data view is the quality check, on the Profile tab.
    expect(await page.getByTestId('next-step').getAttribute('data-step')).toBe('quality');
    await page.getByTestId('step-quality').click();
    await page.getByTestId('profile-panel').waitFor({ timeout: 30_000 });
    await expect.poll(() => railDone(page), { timeout: 20_000 }).toEqual(['Import your file', 'Check data quality']);
    problems.push(...(await checkView(s, '05-quality')));

    // Step 3: find groups.
    await nextStep(page, 'Find groups');
    await page.getByTestId('clusters-view').waitFor({ timeout: 20_000 });
    problems.push(...(await checkView(s, '06-clusters-empty')));
    await page.getByTestId('cl-k-fixed').check();
    await page.getByTestId('cl-k').fill('2');
    await page.getByTestId('cl-run').click();
    await page.getByTestId('cl-cards').waitFor({ timeout: 120_000 });
    await expect.poll(() => railDone(page), { timeout: 20_000 }).toContain('Find groups');
    // Plain words first; the method's name and timings sit under Details.
    expect(await page.getByTestId('cl-summary').locator('.cl-lead').innerText()).not.toMatch(/\bms\b|ARI|k-means|k-prototypes|inertia/);
    problems.push(...(await checkView(s, '07-clusters')));

    // Step 4: build a segment in the builder.
    await nextStep(page, 'Build a segment');
    await page.getByTestId('segments-view').waitFor({ timeout: 20_000 });
    await page.getByTestId('groot-add-condition').click();
    await page.getByTestId('groot-0-field').selectOption('total_spend');
    await page.getByTestId('groot-0-op').selectOption('gt');
    await page.getByTestId('groot-0-value').fill('500');
    await expect.poll(() => page.getByTestId('live-count-value').textContent(), { timeout: 20_000 }).toMatch(/^100\b/);
    await page.getByTestId('seg-name').fill('Big spenders');
    problems.push(...(await checkView(s, '08-segment-builder')));
    await page.getByTestId('seg-save').click();
    await expect.poll(() => railDone(page), { timeout: 20_000 }).toContain('Build a segment');

    // Step 5: check fairness.
    await nextStep(page, 'Check fairness');
    await page.getByTestId('responsible-view').waitFor({ timeout: 20_000 });
    await page.getByTestId('audit-target').selectOption('segment:Big spenders');
    await page.getByTestId('audit-report').waitFor({ timeout: 30_000 });
    await expect.poll(() => railDone(page), { timeout: 20_000 }).toContain('Check fairness');
    problems.push(...(await checkView(s, '09-fairness')));

    // Step 6: measure response.
    await nextStep(page, 'Measure response');
    await page.getByTestId('outcomes-view').waitFor({ timeout: 40_000 });
    const outcome = page.getByTestId('response-outcome');
    await expect.poll(() => outcome.locator('option').allTextContents(), { timeout: 40_000 }).toContain('response');
    await outcome.selectOption('response');
    await page.getByTestId('response-run-button').click();
    await page.getByTestId('response-table').waitFor({ timeout: 40_000 });
    await expect.poll(() => railDone(page), { timeout: 20_000 }).toContain('Measure response');
    problems.push(...(await checkView(s, '10-response')));

    // Step 7: hand over, a report saved where it is suggested (beside the workspace), no path typed.
    await nextStep(page, 'Hand over');
    await page.getByTestId('reports-view').waitFor({ timeout: 20_000 });
    problems.push(...(await checkView(s, '11-export')));
    await page.getByTestId('reports-tab-report').click();
    const builder = page.getByTestId('report-builder');
    await expect.poll(() => builder.getByTestId('report-preview').locator('h2').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    expect(await builder.getByTestId('report-out-folder').textContent()).toBe(path.dirname(expected));
    // A logo is chosen, not typed: the browser's file chooser, uploaded to the host over loopback.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await builder.getByTestId('report-logo-input').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => builder.getByTestId('report-logo-name').textContent(), { timeout: 20_000 }).toBe('logo.png');
    problems.push(...(await checkView(s, '12-report')));
    await builder.getByTestId('report-save-html').click();
    // The one notice of a saved report is its finished-file line (path, Open folder / Copy path).
    await builder.getByTestId('report-saved').waitFor({ timeout: 60_000 });
    const report = path.join(path.dirname(expected), 'report.html');
    const html = fs.readFileSync(report, 'utf8');
    expect(html).toContain('Glossary');
    expect(html).toContain('data:image/png;base64,');
    expect(html).not.toMatch(/person\d+@example\.org/);
    await expect.poll(() => railDone(page), { timeout: 20_000 }).toEqual(['Import your file', 'Check data quality', 'Find groups', 'Build a segment', 'Check fairness', 'Measure response', 'Hand over']);
    problems.push(...(await checkView(s, '13-done')));

    // Every tab of every view (saved segments, overlap, RFM, sensitive columns, consent, erasure, lifetime
    // value, sharing…), each in light and dark: axe on all of them.
    for (const route of ['data', 'clusters', 'segments', 'responsible', 'outcomes', 'reports']) {
      await page.getByTestId(`nav-${route}`).click();
      await page.getByTestId(`view-${route}`).waitFor({ timeout: 20_000 });
      await page.waitForTimeout(300);
      const tabs = await page.locator(`[data-testid="view-${route}"] [role="tab"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
      for (const tab of tabs.length ? tabs : ['']) {
        if (tab) await page.getByTestId(tab).click();
        await page.waitForTimeout(500);
        problems.push(...(await checkView(s, `14-${route}${tab ? `-${tab.replace(/^.*-tab-/, '')}` : ''}`)));
      }
    }

    expect(s.consoleErrors.filter((e) => e.includes('TYPED PATH'))).toEqual([]);
    expect(problems, problems.join('\n\n')).toEqual([]);
    // The walk plus axe on ~25 views in two themes: longer than one feature's spec.
  }, 480_000);
});
