import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { customerDataSets } from '../../helpers/data';
import { tmpDir } from '../../helpers/tmp';

describe.each(customerDataSets())('segmentdesk audit / erase / audit log ($label)', ({ customers }) => {
  it('audits a rule, a saved segment and a clustering run; enforces justifications; erases; exports the log', () => {
    const dir = tmpDir();
    const ws = ['--workspace', 'ws.sdw'];
    expect(cli(['import', customers, ...ws, '--name', 'customers', '--json'], dir).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'city.json'), JSON.stringify({ field: 'city', op: 'in', value: ['Toronto', 'Vancouver'] }));
    fs.writeFileSync(path.join(dir, 'women.json'), JSON.stringify({ field: 'gender', op: 'eq', value: 'F' }));

    const rule = cli(['audit', ...ws, '--dataset', 'customers', '--rule', 'city.json', '--json'], dir);
    expect(rule.code).toBe(0);
    expect(rule.stdout.trim().split('\n')).toHaveLength(1);
    const r = rule.json!;
    expect(Object.keys(r).slice(0, 5)).toEqual(['base', 'selected', 'attributes', 'proxies', 'sensitiveInRule']);
    expect(r.base).toBe(20_000);
    const attr = (r.attributes as Record<string, unknown>[]).find((a) => a.attribute === 'ethnicity')!;
    expect(Object.keys(attr)).toEqual(expect.arrayContaining(['attribute', 'category', 'ratio', 'difference', 'flag', 'groups']));
    expect(Object.keys((attr.groups as object[])[0])).toEqual(expect.arrayContaining(['value', 'base', 'selected', 'rate']));
    expect((r.proxies as Record<string, unknown>[]).find((p) => p.column === 'city' && p.attribute === 'ethnicity')).toMatchObject({ measure: 'cramers_v', flag: true });

    // A segment on gender needs a justification; the audit of the saved segment shows it.
    const refused = cli(['segment', 'save', ...ws, '--dataset', 'customers', '--name', 'women', '--rule', 'women.json', '--json'], dir);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/gender/);
    const why = 'Breast-cancer screening campaign targeted by medical guidance';
    expect(cli(['segment', 'save', ...ws, '--dataset', 'customers', '--name', 'women', '--rule', 'women.json', '--justification', why, '--json'], dir).code).toBe(0);
    const seg = cli(['audit', ...ws, '--dataset', 'customers', '--segment', 'women', '--json'], dir).json!;
    expect(seg.justification).toBe(why);
    expect(seg.sensitiveInRule).toEqual([{ column: 'gender', category: 'gender' }]);
    expect((seg.attributes as { attribute: string; flag: boolean }[]).find((a) => a.attribute === 'gender')?.flag).toBe(true);

    const run = cli(['cluster', ...ws, '--dataset', 'customers', '--features', 'total_spend,orders_count', '--k', '3', '--seed', '1', '--json'], dir);
    expect(run.code, run.stderr).toBe(0);
    const runId = String(run.json!.run);
    const audit = cli(['audit', ...ws, '--dataset', 'customers', '--run', runId, '--json'], dir).json!;
    const clusters = audit.clusters as { cluster: string; selected: number; attributes: { attribute: string; groups: { base: number; selected: number }[] }[] }[];
    expect(clusters).toHaveLength(3);
    expect(clusters.reduce((s, c) => s + c.selected, 0)).toBe(20_000);
    // Each customer is in exactly one cluster, so per group the clusters' selections add up to the group's base.
    const g0 = clusters.map((c) => c.attributes.find((a) => a.attribute === 'gender')!.groups);
    for (let i = 0; i < g0[0].length; i++) expect(g0.reduce((s, gs) => s + gs[i].selected, 0)).toBe(g0[0][i].base);
    expect((audit.proxies as { column: string; used: boolean }[]).find((p) => p.column === 'total_spend')?.used).toBe(true);

    expect(cli(['audit', ...ws, '--dataset', 'customers', '--json'], dir).code).toBe(2);

    const erase = cli(['erase', ...ws, '--dataset', 'customers', '--id', 'C0000007', '--id', 'C0000008', '--json'], dir);
    expect(erase.code, erase.stderr).toBe(0);
    const e = erase.json!;
    expect(e.erased).toBe(2);
    expect(e.places).toEqual(expect.arrayContaining([{ dataset: 'customers', place: 'dataset "customers" version 1', rows: 2 }]));

    const log = cli(['audit', 'log', ...ws, '--out', 'log.csv', '--json'], dir).json!;
    expect(log.rows).toBeGreaterThanOrEqual(1);
    const csv = fs.readFileSync(path.join(dir, 'log.csv'), 'utf8');
    expect(csv).toMatch(/erasure/);
    expect(csv).not.toMatch(/C000000[78]/);
  }, 300_000);
});
