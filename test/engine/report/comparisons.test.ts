import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('response comparisons added to the report', () => {
  it('are stored in the workspace, once each, and appear in the outcomes section in the order added, with the right rates', { timeout: 120_000 }, async () => {
    // 300 customers: education cycles basic/graduate/phd; responded yes for i % 5 == 0 (60), channel web/shop alternating.
    const rows: { edu: string; channel: string; yes: boolean }[] = [];
    const lines = ['customer_id,education,channel,responded'];
    for (let i = 0; i < 300; i++) {
      const r = { edu: ['basic', 'graduate', 'phd'][i % 3], channel: i % 2 ? 'web' : 'shop', yes: i % 5 === 0 };
      rows.push(r);
      lines.push(`C${i},${r.edu},${r.channel},${r.yes ? 'yes' : 'no'}`);
    }
    const file = path.join(tmpDir(), 'shop.csv');
    fs.writeFileSync(file, lines.join('\n'));
    const { engine, api } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: file, name: 'shop', id: 'customer_id' })).status.error).toBeUndefined();

    const byChannel = { dataset: 'shop', outcome: 'responded', positive: 'yes', grouping: { by: 'channel' } };
    const byEdu = { dataset: 'shop', outcome: 'responded', positive: 'yes', grouping: { by: 'education' } };
    expect(await api.reports.addComparison(byChannel)).toEqual({ count: 1 });
    expect(await api.reports.addComparison(byEdu)).toEqual({ count: 2 });
    expect(await api.reports.addComparison(byChannel)).toEqual({ count: 2 });
    expect((await api.reports.comparisons({})).map((c) => c.grouping)).toEqual([{ by: 'channel' }, { by: 'education' }]);

    const html = (await api.reports.preview({ dataset: 'shop' })).html;
    const t = text(html);
    const a = t.indexOf('Response by channel (added from Outcomes)');
    const b = t.indexOf('Response by education (added from Outcomes)');
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    // Independent rates: phd = i % 3 == 2 → responders where also i % 5 == 0.
    const phd = rows.filter((r) => r.edu === 'phd');
    const rate = (100 * phd.filter((r) => r.yes).length) / phd.length;
    expect(t.slice(b)).toMatch(new RegExp(`phd ${phd.length} ${phd.filter((r) => r.yes).length} ${rate.toFixed(1)}%`));

    expect(await api.reports.removeComparison({ index: 0 })).toEqual({ count: 1 });
    const after = text((await api.reports.preview({ dataset: 'shop' })).html);
    expect(after).not.toContain('Response by channel (added from Outcomes)');
    expect(after).toContain('Response by education (added from Outcomes)');
    engine.close();
  });

  it('keeps a number compared in bands in band order, with its convention', { timeout: 120_000 }, async () => {
    const lines = ['customer_id,spend,responded'];
    for (let i = 0; i < 400; i++) lines.push(`C${i},${((i * 37) % 401) / 4},${i % 3 ? 'no' : 'yes'}`);
    const file = path.join(tmpDir(), 'spend.csv');
    fs.writeFileSync(file, lines.join('\n'));
    const { engine, api } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: file, name: 'shop', id: 'customer_id' })).status.error).toBeUndefined();
    expect(await api.reports.addComparison({ dataset: 'shop', outcome: 'responded', positive: 'yes', grouping: { by: 'spend', bands: 10 } })).toEqual({ count: 1 });
    const t = text((await api.reports.preview({ dataset: 'shop' })).html);
    const from = t.indexOf('Response by spend (added from Outcomes)');
    expect(from).toBeGreaterThan(0);
    const block = t.slice(from);
    const at = (k: number) => block.indexOf(`band ${k} of 10:`);
    // Not alphabetical ("band 10" before "band 2"): lowest band first.
    for (let k = 1; k < 10; k++) expect(at(k + 1), `band ${k + 1} after band ${k}`).toBeGreaterThan(at(k));
    expect(block).toMatch(/spend has many different values, so it is compared in 10 bands of about equal size/);
    engine.close();
  });
});
