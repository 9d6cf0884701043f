import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/contract/api';
import { createApi } from '../../../shared/contract/client';
import { daysToIso, isoToDays } from '../../../shared/rules/dates';
import { Engine } from '../../../electron/engine/engine';
import { runJob } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';

const DEMO_CUSTOMERS = path.resolve(__dirname, '../../../assets/demo/customers.csv');

/** The report's visible text: no charts, no tags, single spaces. */
function visibleText(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The "Try the demo" workspace, clustered on a date, a yes/no and two category columns, with a segment on each of the first two. */
describe.sequential('report on the demo workspace', () => {
  let engine: Engine;
  let api: Api;
  let html = '';
  let text = '';
  let tops: string[] = [];
  beforeAll(async () => {
    const dir = tmpDir();
    engine = new Engine({ stateDir: dir });
    api = createApi((req) => engine.invoke(req));
    await api.demo.create({ path: path.join(dir, 'demo.sdw') });
    const run = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['signup_date', 'marketing_consent', 'lifestyle', 'preferred_channel'], k: 4, seed: 1, stabilityRounds: 0 });
    expect(run.status.error).toBeUndefined();
    tops = (await api.clusters.get({ run: run.result.run })).clusters.flatMap((c) => c.top.map((t) => t.text));
    await api.segments.save({ dataset: 'customers', name: 'Recent sign-ups', rule: { all: [{ field: 'signup_date', op: 'after', value: '2023-06-30' }] } });
    await api.segments.save({ dataset: 'customers', name: 'Consenting', rule: { all: [{ field: 'marketing_consent', op: 'is_true' }] } });
    html = (await api.reports.preview({ dataset: 'customers' })).html;
    text = visibleText(html);
    if (process.env.SEGMENTDESK_REPORT_OUT) fs.writeFileSync(process.env.SEGMENTDESK_REPORT_OUT, html);
  }, 180_000);
  afterAll(() => engine.close());

  it('counts customers, not rows, as the app does (the demo has 2,000 customers on 2,013 rows)', async () => {
    expect(text).toContain('Customers 2,000 (on 2,013 rows)');
    const audit = await api.fairness.audit({ dataset: 'customers', segment: 'Consenting' });
    const saved = (await api.segments.list({})).find((s) => s.name === 'Consenting')!;
    expect(audit.base).toBe(2000);
    expect(audit.selected).toBe(saved.size);
    expect(text).toContain(`${saved.size.toLocaleString('en-US')} of 2,000 customers selected`);
  });

  it('counts clusters and consent in customers (distinct IDs) too, from the file itself', async () => {
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(DEMO_CUSTOMERS, 'utf8').trim(), { header: true }).data;
    const ids = new Set(rows.map((r) => r.customer_id));
    const withConsent = new Set(rows.filter((r) => r.marketing_consent === 'yes').map((r) => r.customer_id));
    expect(rows.length).toBeGreaterThan(ids.size);
    expect(text).toContain(`Customers clustered ${ids.size.toLocaleString('en-US')} (on ${rows.length.toLocaleString('en-US')} rows)`);
    expect(text).toContain(`with consent ${withConsent.size.toLocaleString('en-US')}`);
    const run = (await api.clusters.list({ dataset: 'customers' }))[0];
    for (const c of run.clusters) expect(text).toMatch(new RegExp(`${c.customers.toLocaleString('en-US')} customers \\([\\d.]+%\\)${c.customers !== c.size ? `, ${c.size.toLocaleString('en-US')} rows` : ''}`));
  });

  it('serialises no object into the charts (the heatmap legend gradient had fill:[object Object] hover rules)', () => {
    expect(html).toContain('<svg');
    expect(html).not.toContain('[object Object]');
    expect(html).not.toMatch(/:hover\s*\{/);
  });

  it('shows dates in "What sets it apart" as ISO dates with the difference in days, matching the data', () => {
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(DEMO_CUSTOMERS, 'utf8').trim(), { header: true }).data;
    const days = rows.map((r) => isoToDays(r.signup_date)).filter((d): d is number => d !== null);
    const baseMean = days.reduce((a, b) => a + b, 0) / days.length;
    const recent = days.filter((d) => d > isoToDays('2023-06-30')!);
    const segMean = recent.reduce((a, b) => a + b, 0) / recent.length;
    const diff = Math.round(segMean - baseMean);
    expect(text).toMatch(new RegExp(`signup_date \\d\\.\\d\\d \\(Cohen's d\\) mean ${daysToIso(Math.round(segMean))} \\(${diff.toLocaleString('en-US')} days later\\) mean ${daysToIso(Math.round(baseMean))}`));
    // No day counts since 1970 (19,xxx.xx) anywhere.
    expect(text).not.toMatch(/\b1\d,\d{3}\.\d+/);
    expect(text).not.toMatch(/mean \d{5}/);
  });

  it('shows a yes/no column as shares of yes, not a mean of 0/1', () => {
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(DEMO_CUSTOMERS, 'utf8').trim(), { header: true }).data;
    const yes = rows.filter((r) => r.marketing_consent === 'yes').length / rows.filter((r) => r.marketing_consent === 'yes' || r.marketing_consent === 'no').length;
    expect(text).toMatch(new RegExp(`marketing_consent \\d\\.\\d\\d \\(Cohen's h\\) 100\\.0% yes ${(100 * yes).toFixed(1)}% yes`));
    expect(text).not.toMatch(/mean 0\.\d/);
    expect(text).not.toMatch(/mean 1\.00\b/);
  });

  it('writes numbers with thousands separators and at most two decimals, percentages with one', () => {
    // Silhouette, ARI, p-values and four-fifths ratios near 0.8 are printed with three decimals on purpose; nothing else has more than two.
    const withoutScores = text
      .replace(/(Silhouette|Stability \(ARI\)|Lowest \/ highest rate:|a ratio of|p =) \d\.\d{3}/g, '')
      // The response table's last column is a (Holm-adjusted) p-value.
      .replace(/Lift Adjusted p[\s\S]*?(Rows|Customers) with/, (table) => table.replace(/ \d\.\d{3}\b/g, ''));
    expect(withoutScores).not.toMatch(/\d\.\d{3,}/);
    expect(withoutScores).not.toMatch(/\b\d{4,}\.\d/);
    // "95% interval" names a confidence level, and the glossary's examples ("90% = almost certainly…") are not results.
    for (const p of text.replace(/Glossary The technical terms[\s\S]*$/, '').replace(/95 ?% (interval|Wilson|confidence)/g, '').match(/\d+(\.\d+)?%/g) ?? []) expect(p).toMatch(/^\d+\.\d%$/);
  });

  it('cluster cards (report and app, the same texts) read dates as dates and yes/no as shares', () => {
    const all = tops.join(' | ');
    expect(all).toMatch(/signup_date (more recent|longer ago) \(avg \d{4}-\d\d-\d\d vs \d{4}-\d\d-\d\d for the rest, [\d,]+ days? (later|earlier)\)/);
    expect(all).toMatch(/marketing_consent (more|less) often yes \(\d+\.\d% yes vs \d+\.\d% of the rest\)/);
    expect(all).not.toMatch(/years ago|avg [01](\.\d)? vs/);
    for (const t of tops) expect(text).toContain(t);
  });
});

describe.sequential('cluster heatmap on the demo: category values in percentage points, checked against the file', () => {
  let engine: Engine;
  let api: Api;
  afterAll(() => engine?.close());

  it('gives share in the cluster minus share among everyone for each lifestyle, as computed from the CSV, and the report says pp', async () => {
    const dir = tmpDir();
    engine = new Engine({ stateDir: dir });
    api = createApi((req) => engine.invoke(req));
    await api.demo.create({ path: path.join(dir, 'demo.sdw') });
    const job = await runJob(engine, api, 'cluster', { dataset: 'customers', features: ['total_spend', 'orders_count', 'lifestyle'], k: 3, seed: 2, stabilityRounds: 0 });
    expect(job.status.error).toBeUndefined();
    const run = await api.clusters.get({ run: job.result.run });
    const members = await api.clusters.members({ run: run.run, limit: 100_000 });
    // Independent: the file's rows in order, their cluster from the run's members, shares counted by hand.
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(DEMO_CUSTOMERS, 'utf8').trim(), { header: true }).data;
    expect(members.ids.length).toBe(rows.length);
    rows.forEach((r, i) => expect(members.ids[i]).toBe(r.customer_id));
    const values = [...new Set(rows.map((r) => r.lifestyle))].filter(Boolean);
    expect(rows.every((r) => r.lifestyle)).toBe(true);
    let checked = 0;
    for (const v of values) {
      const col = run.heatmap.features.indexOf(`lifestyle = ${v}`);
      if (col < 0) continue;
      expect(run.heatmap.kinds?.[col]).toBe('points');
      const overall = rows.filter((r) => r.lifestyle === v).length / rows.length;
      run.clusters.forEach((c, k) => {
        const inC = rows.filter((_, i) => members.clusters[i] === c.cluster);
        const share = inC.filter((r) => r.lifestyle === v).length / inC.length;
        expect(run.heatmap.z[k][col]).toBeCloseTo(100 * (share - overall), 1);
        checked++;
      });
    }
    expect(checked).toBeGreaterThanOrEqual(3 * 3);
    // Number columns: the heatmap holds exactly the cards' effects.
    run.effects.forEach((effs, k) => expect(run.heatmap.z[k][run.heatmap.features.indexOf('total_spend')]).toBe(effs.find((e) => e.feature === 'total_spend')!.effect));
    const text = visibleText((await api.reports.preview({ dataset: 'customers' })).html);
    expect(text).toMatch(/share difference in percentage points/);
    expect(text).toMatch(/how different from the rest of the customers, standardised/);
    expect(text).toMatch(/[+−]\d+ pp/);
  }, 180_000);
});
