import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { sharedData, tmpDir } from '../../helpers/tmp';

/** The "Distributions" figure of a column: its caption and the SVG before it. */
function figureOf(html: string, caption: string): string {
  const at = html.indexOf(caption);
  expect(at, caption).toBeGreaterThan(0);
  return html.slice(html.lastIndexOf('<figure', at), at);
}
/** Texts drawn in an SVG (axis labels, bar labels). */
const svgTexts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('report "Distributions": one bar per value for small whole-number and yes/no columns', () => {
  it('draws 0/1/2 as three bars, 0/1 and yes/no columns as no/yes, and fractions as a histogram', { timeout: 120_000 }, async () => {
    // 60 customers: kids cycles 0,1,2 (20 each); responded 1 for every fourth (15); member yes for every third (20); spend with fractions.
    const lines = ['customer_id,kids,responded,member,spend'];
    for (let i = 0; i < 60; i++) lines.push(`C${i},${i % 3},${i % 4 === 0 ? 1 : 0},${i % 3 === 0 ? 'yes' : 'no'},${(i * 1.37).toFixed(2)}`);
    const file = path.join(tmpDir(), 'small.csv');
    fs.writeFileSync(file, lines.join('\n'));
    const { engine, api } = await engineWithWorkspace();
    const imp = await runJob(engine, api, 'import', { path: file, name: 'shop', id: 'customer_id' });
    expect(imp.status.error).toBeUndefined();
    const html = (await api.reports.preview({ dataset: 'shop', minCell: 2 })).html;

    const kids = svgTexts(figureOf(html, 'Customers by kids (one bar per value).'));
    expect(kids).toEqual(expect.arrayContaining(['0', '1', '2', '20']));
    expect(kids.filter((t) => /–/.test(t))).toEqual([]); // no "0.0–0.2" bins
    // A 0/1 column is read as yes/no on import: its bars say no and yes, in that order.
    const responded = svgTexts(figureOf(html, 'Customers by responded.'));
    expect(responded).toEqual(expect.arrayContaining(['no', 'yes', '45', '15']));
    expect(responded.indexOf('no')).toBeLessThan(responded.indexOf('yes'));
    const member = svgTexts(figureOf(html, 'Customers by member.'));
    expect(member).toEqual(expect.arrayContaining(['no', 'yes', '40', '20']));
    expect(member.indexOf('no')).toBeLessThan(member.indexOf('yes'));
    expect(svgTexts(figureOf(html, 'Distribution of spend (10 equal-width bins).')).some((t) => /–/.test(t))).toBe(true);
    engine.close();
  });

  const marketing = sharedData('marketing_campaign.csv');
  it.skipIf(!marketing)('marketing_campaign.csv: Kidhome as bars for 0, 1 and 2 with the file’s counts (skipped: file absent)', { timeout: 120_000 }, async () => {
    const { engine, api } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: marketing as string, name: 'marketing' })).status.error).toBeUndefined();
    const html = (await api.reports.preview({ dataset: 'marketing' })).html;
    // Independent counts from the tab-separated file itself.
    const rows = fs.readFileSync(marketing as string, 'utf8').trim().split(/\r?\n/).map((l) => l.split('\t'));
    const col = rows[0].indexOf('Kidhome');
    const counts = new Map<string, number>();
    for (const r of rows.slice(1)) counts.set(r[col], (counts.get(r[col]) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['0', '1', '2']);
    const texts = svgTexts(figureOf(html, 'Customers by Kidhome (one bar per value).'));
    for (const [v, n] of counts) expect(texts).toEqual(expect.arrayContaining([v, n.toLocaleString('en-US')]));
    engine.close();
  });
});
