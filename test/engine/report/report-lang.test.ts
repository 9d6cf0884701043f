import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/contract/api';
import { createApi } from '../../../shared/contract/client';
import { Engine } from '../../../electron/engine/engine';
import { externalReferences } from '../../../electron/engine/report/guard';
import { findChromium } from '../../../electron/engine/report/pdf';
import { fmtCount } from '../../../electron/engine/report/suppress';
import { fmtDayDifference } from '../../../electron/engine/report/format';
import { translator } from '../../../shared/i18n/translator';
import { messageLocale, msg, setMessageLocale, withMessageLocale } from '../../../shared/i18n/current';
import { cli } from '../../helpers/cli';
import { runJob } from '../../helpers/engine';

const CHROMIUM = findChromium();
const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).status === 0;

/** The report's section headings (h2), unescaped. */
function headings(html: string): string[] {
  return [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"'));
}

/** Bytes of embedded font data in the report. */
function fontBytes(html: string): number {
  return [...html.matchAll(/url\(data:font\/woff2;base64,([^)]+)\)/g)].reduce((a, m) => a + Buffer.from(m[1], 'base64').length, 0);
}

describe('withMessageLocale', () => {
  it('sets the message language for the call and puts the previous one back, also after a throw', () => {
    setMessageLocale('fr');
    try {
      expect(withMessageLocale('pl', () => msg('report.overview.title'))).toBe('Przegląd i jakość danych');
      expect(messageLocale()).toBe('fr');
      expect(() => withMessageLocale('zh-CN', () => { throw new Error('boom'); })).toThrow('boom');
      expect(messageLocale()).toBe('fr');
      // Polish plural forms and number formats inside the report's messages.
      expect(withMessageLocale('pl', () => [1, 2, 5, 22].map((n) => fmtDayDifference(n)))).toEqual(['1 dzień później', '2 dni później', '5 dni później', '22 dni później']);
      expect(withMessageLocale('pl', () => fmtCount(12345, { min: 10 }))).toBe('12\u00a0345');
      expect(withMessageLocale('en', () => fmtCount(12345, { min: 10 }))).toBe('12,345');
    } finally {
      setMessageLocale('en');
    }
  });
});

/**
 * `segmentdesk report --lang pl|zh-CN` on the demo workspace (clustered, two segments): every heading from the
 * report catalogue of that language, numbers in its format, <html lang>, the fonts it needs embedded and nothing
 * fetched; the PDF (headless Chromium, which on CI has no Chinese font) carries the same headings as text.
 */
describe.sequential('report in another language (CLI --lang)', () => {
  let dir = '';
  let ws = '';
  beforeAll(async () => {
    // Its own folder: tmpDir() folders are removed after each test, and this workspace serves them all.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-report-lang-'));
    ws = path.join(dir, 'demo.sdw');
    const engine = new Engine({ stateDir: dir });
    const api: Api = createApi((req) => engine.invoke(req));
    await api.demo.create({ path: ws });
    const run = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['signup_date', 'marketing_consent', 'lifestyle', 'preferred_channel'], k: 4, seed: 1, stabilityRounds: 0 });
    expect(run.status.error).toBeUndefined();
    await api.segments.save({ dataset: 'customers', name: 'Consenting', rule: { all: [{ field: 'marketing_consent', op: 'is_true' }] } });
    engine.close();
  }, 180_000);
  afterAll(() => {
    setMessageLocale('en');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // The demo has no orders and no outcome column: these sections, in this order.
  const expected = (lang: 'en' | 'pl' | 'fr' | 'zh-CN') => {
    const t = translator(lang).t;
    return [t('report.overview.title'), t('report.clusters.title'), t('report.segments.title'), t('report.responsible.title'), t('report.outcomes.title'), t('report.methods.title')];
  };

  it('English stays the default: same headings as before, no --lang needed', () => {
    const r = cli(['report', '--workspace', ws, '--out', 'en.html', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(path.join(dir, 'en.html'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(headings(html)).toEqual(['Data overview and quality', 'Clusters', 'Segments', 'Responsible use', 'Outcomes', 'Methods appendix']);
    expect(html).toContain('<h1>Customer segmentation report</h1>');
    expect(externalReferences(html)).toEqual([]);
    // Latin only: no Chinese subset.
    expect(html).not.toContain("font-family: 'Noto Sans SC'");
  });

  for (const lang of ['pl', 'zh-CN'] as const) {
    it(`--lang ${lang}: HTML and PDF in ${lang}, self-contained, with the fonts its text needs`, async () => {
      const html1 = cli(['report', '--workspace', ws, '--out', `${lang}.html`, '--lang', lang, '--client', 'Acme', '--json'], dir);
      expect(html1.code, html1.stderr).toBe(0);
      // The CLI itself stays English: why sections were left out is said in English whatever the report's language.
      expect(html1.stderr).toContain('section rfm left out: no RFM scores were computed');
      const html = fs.readFileSync(path.join(dir, `${lang}.html`), 'utf8');
      expect(html).toContain(`<html lang="${lang}">`);
      expect(headings(html)).toEqual(expected(lang));
      expect(html).toContain(`<h1>${translator(lang).t('report.title.default')}</h1>`);
      expect(externalReferences(html)).toEqual([]);
      // Numbers and dates the reader's way: the clustering's as-of date (the demo's 2025-07-01) and its 2,000 customers.
      expect(html).toContain(lang === 'pl' ? '<dd>01.07.2025</dd>' : '<dd>2025年7月1日</dd>');
      expect(html).toContain(lang === 'pl' ? '2000 klientów w 2013 wierszach' : '2,000 个客户（共 2,013 行）');
      const kb = fontBytes(html) / 1024;
      if (lang === 'pl') {
        // Latin + Latin Extended (ą ę ś ł), regular and bold: tens of KB, no Chinese.
        expect(html).toContain('font-family: \'Noto Sans\'');
        expect(html).not.toContain("font-family: 'Noto Sans SC'");
        expect(kb).toBeGreaterThan(10);
        expect(kb).toBeLessThan(200);
      } else {
        // Only the Chinese subsets the text uses: a few hundred KB, not the 10 MB of the whole font.
        expect(html).toContain("font-family: 'Noto Sans SC'");
        expect(kb).toBeGreaterThan(100);
        expect(kb).toBeLessThan(2500);
      }
      // The English catalogue's headings are gone.
      for (const en of ['Data overview and quality', 'Responsible use', 'Methods appendix']) expect(html).not.toContain(`<h2>${en}</h2>`);

      if (!CHROMIUM) {
        console.warn('Chromium is not installed: PDF check skipped');
        return;
      }
      const pdf = cli(['report', '--workspace', ws, '--out', `${lang}.pdf`, '--lang', lang, '--json'], dir);
      expect(pdf.code, pdf.stderr).toBe(0);
      const pdfFile = path.join(dir, `${lang}.pdf`);
      expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
      if (!HAS_PDFTOTEXT) {
        console.warn('pdftotext (poppler-utils) is not installed: PDF text check skipped');
        return;
      }
      const text = spawnSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).stdout;
      // Every heading, with its diacritics or Chinese characters, is real text in the PDF (a missing glyph prints as nothing or a box).
      for (const h of expected(lang)) expect(text).toContain(h);
      if (lang === 'pl') for (const ch of ['ą', 'ę', 'ś', 'ł']) expect(text).toContain(ch);
      else expect(text).toContain('客户分群报告');
      // The fonts are embedded in the PDF too (no system font is needed to read it).
      const fonts = spawnSync('pdffonts', [pdfFile], { encoding: 'utf8' }).stdout;
      if (fonts) expect(fonts).toMatch(lang === 'pl' ? /NotoSans/ : /NotoSansSC/);
    }, 120_000);
  }
});
