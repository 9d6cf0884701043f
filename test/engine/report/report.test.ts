import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/engine/workspace/workspace';
import { buildReport } from '../../../electron/engine/report/build';
import { externalReferences } from '../../../electron/engine/report/guard';
import { findChromium } from '../../../electron/engine/report/pdf';
import { customerDataSets } from '../../helpers/data';
import { tmpDir } from '../../helpers/tmp';
import { loadCustomers } from '../export/fixture';
import { saveSegment } from '../../../electron/engine/segments/store';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

const CHROMIUM = findChromium();
const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).status === 0;
const OUTPUT = path.resolve(__dirname, '..', '..', 'e2e', 'output');

/** An engine workspace with the synthetic customers, a saved segment and a clustering run: every section has content. */
async function fullWorkspace(csv: string, limit = 20_000) {
  const t = await engineWithWorkspace();
  const ws = Workspace.open(t.file);
  const { rows } = loadCustomers(ws.db, csv, { limit });
  ws.close();
  await t.api.segments.save({ dataset: 'customers', name: 'Premium', rule: { all: [{ field: 'lifestyle', op: 'eq', value: 'premium' }] } });
  await t.api.segments.save({ dataset: 'customers', name: 'Loyal', rule: { all: [{ field: 'orders_count', op: 'gte', value: 10 }] } });
  const run = await runJob(t.engine, t.api, 'cluster', { dataset: 'customers', features: ['total_spend', 'orders_count', 'annual_income', 'lifestyle'], k: 4, stabilityRounds: 0 });
  if (run.status.state !== 'done') throw new Error(`clustering failed: ${run.status.error?.message}`);
  return { ...t, rows };
}

function workspace(csv: string, limit = 20_000) {
  const dir = tmpDir();
  const ws = Workspace.create(path.join(dir, 'r.sdw'));
  const { rows } = loadCustomers(ws.db, csv, { limit });
  return { dir, ws, rows };
}

/** Every text the report may not contain: e-mail addresses and full names from the data, and any e-mail-shaped string at all. */
function leaks(html: string, rows: Record<string, string>[]): string[] {
  const found: string[] = [];
  const emails = html.match(/[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g) ?? [];
  found.push(...emails);
  const text = html.replace(/<[^>]+>/g, ' ');
  for (const r of rows) {
    for (const v of [r.email, `${r.first_name} ${r.last_name}`, r.phone]) if (v && v.trim().length > 3 && text.includes(v)) found.push(v);
  }
  const lastNames = new Set(rows.map((r) => r.last_name).filter((n) => n && n.length >= 4));
  for (const word of text.split(/[^\p{L}'’-]+/u)) if (lastNames.has(word)) found.push(word);
  return [...new Set(found)];
}

describe.each(customerDataSets())('packaged report ($label)', ({ customers: csv }) => {

  it('is self-contained, deterministic, suppresses small cells and shows no PII', () => {
    const { ws, rows } = workspace(csv);
    const opts = { title: 'Acme segmentation', consultant: 'Jane Consultant', client: 'Acme Ltd', minCell: 10 };
    const a = buildReport(ws, opts);
    const b = buildReport(ws, opts);
    expect(a.html).toBe(b.html);
    expect(a.sections[0]).toBe('overview');
    expect(a.sections.at(-1)).toBe('methods');
    expect(externalReferences(a.html)).toEqual([]);
    // No http(s) anywhere in src/href/url() — and none outside SVG namespace declarations either.
    expect(a.html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]*"/g, '')).not.toMatch(/https?:/);
    expect(a.html).not.toMatch(/<script/i);
    expect(leaks(a.html, rows)).toEqual([]);
    expect(a.html).toContain('Acme Ltd');
    expect(a.html).toContain('&lt; 10');
    expect((a.html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
    // A higher threshold suppresses more.
    const strict = buildReport(ws, { ...opts, minCell: 500 });
    expect((strict.html.match(/&lt; 500/g) ?? []).length).toBeGreaterThan((a.html.match(/&lt; 10\b/g) ?? []).length);
    ws.close();
  });

  it('describes saved segments: rule in plain language, sizes, profile without PII, overlap; PII rules withheld', () => {
    const { ws, rows } = workspace(csv, 3000);
    saveSegment(ws, { dataset: 'customers', name: 'Premium', rule: { all: [{ field: 'lifestyle', op: 'eq', value: 'premium' }] } });
    saveSegment(ws, { dataset: 'customers', name: 'Big spenders', rule: { all: [{ field: 'total_spend', op: 'gte', value: 1000 }] } });
    const someEmail = rows.find((r) => r.email)!.email;
    saveSegment(ws, { dataset: 'customers', name: 'One person', rule: { all: [{ field: 'email', op: 'eq', value: someEmail }] } });
    const r = buildReport(ws, { sections: ['segments'] });
    expect(r.sections).toEqual(['segments', 'methods']);
    expect(r.html).toContain('lifestyle is premium');
    expect(r.html).toContain('rule withheld: it reads the PII column email');
    expect(r.html).not.toContain(someEmail);
    expect(r.html).toContain('Overlap');
    expect(leaks(r.html, rows)).toEqual([]);
    const premium = rows.filter((x) => x.lifestyle === 'premium').length;
    expect(r.html).toContain(premium.toLocaleString('en-US'));
    // The one-person segment is a small cell everywhere it appears.
    expect(r.html).toMatch(/One person<\/td><td class="n">&lt; 10/);
    expect(buildReport(ws, { sections: ['segments'], segments: ['Nope'] }).omitted).toContainEqual({ id: 'segments', reason: 'no segment named "Nope" in dataset "customers"' });
    ws.close();
  });

  it('rejects a logo that is not PNG/JPEG and embeds one that is, as a data: URI', () => {
    const { dir, ws } = workspace(csv, 200);
    const svg = path.join(dir, 'logo.svg');
    fs.writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(() => buildReport(ws, { logoPath: svg })).toThrow(/not a PNG or JPEG/);
    const png = path.join(dir, 'logo.png');
    fs.writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    const r = buildReport(ws, { logoPath: png });
    expect(r.html).toContain('src="data:image/png;base64,');
    expect(externalReferences(r.html)).toEqual([]);
    ws.close();
  });

  it.skipIf(!CHROMIUM)('opens offline in Chromium with every chart visible, and the PDF has the same sections', async () => {
    const { dir, api, engine, rows } = await fullWorkspace(csv);
    const htmlFile = path.join(dir, 'report.html');
    const saved = await api.reports.save({ out: htmlFile, title: 'Synthetic customers', client: 'Test client', minCell: 10 });
    expect(saved.format).toBe('html');
    expect(saved.sections).toEqual(['overview', 'clusters', 'segments', 'responsible', 'methods']);
    const html = fs.readFileSync(htmlFile, 'utf8');

    const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM!,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const requests: string[] = [];
    try {
      const page = await context.newPage();
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${htmlFile}`);
      const charts = await page.$$eval('figure svg', (svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })));
      expect(charts.length).toBeGreaterThanOrEqual(8);
      for (const c of charts) {
        expect(c.w).toBeGreaterThan(100);
        expect(c.h).toBeGreaterThan(100);
      }
      // Bars are drawn (filled paths inside the chart), not just axes.
      const filled = await page.$$eval('figure svg path[fill]:not([fill="none"])', (p) => p.length);
      expect(filled).toBeGreaterThan(10);
      fs.mkdirSync(OUTPUT, { recursive: true });
      await page.screenshot({ path: path.join(OUTPUT, 'report-html.png'), fullPage: true });
    } finally {
      await context.close();
    }
    expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);

    const pdfFile = path.join(dir, 'report.pdf');
    const pdf = await api.reports.save({ out: pdfFile, title: 'Synthetic customers', client: 'Test client', minCell: 10 });
    expect(pdf.sections).toEqual(saved.sections);
    expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    if (!HAS_PDFTOTEXT) {
      console.warn('pdftotext (poppler-utils) is not installed: PDF text check skipped');
      return;
    }
    const text = spawnSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).stdout;
    const headings = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(headings.length).toBe(saved.sections.length);
    for (const h of headings) expect(text).toContain(h);
    expect(text).toContain('< 10');
    expect(leaks(text, rows)).toEqual([]);
    expect(leaks(html, rows)).toEqual([]);
    expect(externalReferences(html)).toEqual([]);
    // Reproducible: the same workspace and options give the same HTML.
    const again = await api.reports.preview({ title: 'Synthetic customers', client: 'Test client', minCell: 10 });
    expect(again.html).toBe(html);
    const log = await api.audit.list({ action: 'report' });
    expect(log.entries.length).toBe(2);
    engine.close();
  }, 240_000);
});
