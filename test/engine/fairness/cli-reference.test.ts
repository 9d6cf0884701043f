import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

type Group = { value: string; base: number; selected: number; test?: string; pValue?: number; pHolm?: number };
type Attr = { attribute: string; referenceGroup: string | null; referenceExcludes: string[]; groups: Group[]; overall: { method: string; groups: number } | null; warnings: string[] };

describe('segmentdesk audit: the reference group, "(missing)" and the tests are in the JSON', () => {
  it('(missing) never sets the reference rate unless --missing-as-reference; --help states the convention', () => {
    const dir = tmpDir();
    const ws = ['--workspace', 'ws.sdw'];
    // F: 30 of 100 picked, M: 40 of 100, no gender: 40 of 50 (the highest rate).
    const lines = ['id,gender,channel'];
    let id = 0;
    for (const [g, picked, n] of [['F', 30, 100], ['M', 40, 100], ['', 40, 50]] as const)
      for (let i = 0; i < n; i++) lines.push(`${++id},${g},${i < picked ? 'web' : 'shop'}`);
    fs.writeFileSync(path.join(dir, 'c.csv'), `${lines.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'web.json'), JSON.stringify({ field: 'channel', op: 'eq', value: 'web' }));
    expect(cli(['import', 'c.csv', ...ws, '--name', 'c', '--id', 'id', '--json'], dir).code).toBe(0);

    const out = cli(['audit', ...ws, '--dataset', 'c', '--rule', 'web.json', '--json'], dir);
    expect(out.code, out.stderr).toBe(0);
    const gender = (out.json!.attributes as Attr[]).find((a) => a.attribute === 'gender')!;
    expect(gender.referenceGroup).toBe('M');
    expect(gender.referenceExcludes).toEqual(['(missing)']);
    const by = Object.fromEntries(gender.groups.map((g) => [g.value, g]));
    expect(by.M.test).toBeUndefined();
    expect(by.F.test).toBe('z');
    expect(by['(missing)'].test).toBe('z');
    expect(typeof by.F.pHolm).toBe('number');
    expect(gender.overall).toMatchObject({ method: 'chi-square', groups: 2 });
    expect(gender.warnings.join(' ')).toMatch(/\(missing\).*may not set the reference rate/);
    expect(out.json!.missingAsReference).toBe(false);
    expect(out.json!.methods).toMatch(/Fisher's exact test/);

    const incl = cli(['audit', ...ws, '--dataset', 'c', '--rule', 'web.json', '--missing-as-reference', '--json'], dir);
    expect(incl.code, incl.stderr).toBe(0);
    const g2 = (incl.json!.attributes as Attr[]).find((a) => a.attribute === 'gender')!;
    expect(g2.referenceGroup).toBe('(missing)');
    expect(g2.referenceExcludes).toEqual([]);
    expect(g2.overall).toMatchObject({ groups: 3 });
    expect(incl.json!.missingAsReference).toBe(true);

    const text = cli(['audit', ...ws, '--dataset', 'c', '--rule', 'web.json'], dir);
    expect(text.stdout).toMatch(/M: 40\/100 = 40\.0% \(reference\)/);
    expect(text.stdout).toMatch(/Overall: /);

    const help = cli(['audit', '--help'], dir);
    expect(help.stdout).toMatch(/--missing-as-reference/);
    const flat = help.stdout.replace(/\s+/g, ' ');
    expect(flat).toMatch(/the missing \("unknown"\) group is shown and tested but does not set the reference rate/);
    expect(flat).toMatch(/without continuity correction/);
  }, 120_000);
});
