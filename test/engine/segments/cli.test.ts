import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';
import { Workspace } from '../../../electron/engine/workspace/workspace';
import { addDatasetVersion } from './fixture';


describe('segment CLI commands', () => {
  it('count, segment save/list/history/members with the documented JSON fields', () => {
    const dir = tmpDir();
    const ws = Workspace.create(path.join(dir, 'ws.sdw'));
    const cols = [
      { name: 'id', type: 'text' as const },
      { name: 'spend', type: 'number' as const },
      { name: 'last_order', type: 'date' as const },
    ];
    addDatasetVersion(ws, 'customers', cols, Array.from({ length: 40 }, (_, i) => [`C${i}`, i * 25, `2024-0${1 + (i % 6)}-15`]));
    ws.close();
    fs.writeFileSync(path.join(dir, 'rule.json'), JSON.stringify({ all: [{ field: 'spend', op: 'gt', value: 500 }, { field: 'last_order', op: 'within_last', value: { amount: 90, unit: 'days' } }] }));

    const c = cli(['count', '--workspace', 'ws.sdw', '--dataset', 'customers', '--rule', 'rule.json', '--as-of', '2024-06-30', '--json'], dir);
    expect(c.code, c.stderr).toBe(0);
    // spend > 500 → i ≥ 21; within 90 days of 2024-06-30 → months 4..6 (i % 6 ∈ {3,4,5}).
    const expected = Array.from({ length: 40 }, (_, i) => i).filter((i) => i * 25 > 500 && i % 6 >= 3).length;
    expect(Object.keys(c.json ?? {}).sort()).toEqual(['count', 'description', 'ms', 'total']);
    expect(c.json).toMatchObject({ count: expected, total: 40, description: 'spend is more than 500 and last order is within the last 90 days' });

    const s = cli(['segment', 'save', '--workspace', 'ws.sdw', '--dataset', 'customers', '--name', 'Recent big', '--rule', 'rule.json', '--json'], dir);
    expect(s.code, s.stderr).toBe(0);
    expect(s.json).toMatchObject({ name: 'Recent big', dataset: 'customers', total: 40 });

    const l = cli(['segment', 'list', '--workspace', 'ws.sdw', '--json'], dir);
    expect((l.json?.segments as { name: string }[]).map((x) => x.name)).toEqual(['Recent big']);
    const h = cli(['segment', 'history', '--workspace', 'ws.sdw', '--name', 'Recent big', '--json'], dir);
    expect((h.json?.versions as unknown[]).length).toBe(1);

    const m = cli(['segment', 'members', '--workspace', 'ws.sdw', '--name', 'Recent big', '--out', 'members.csv', '--json'], dir);
    expect(m.code, m.stderr).toBe(0);
    const lines = fs.readFileSync(path.join(dir, 'members.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id');
    expect(lines.length - 1).toBe(m.json?.members);

    const bad = cli(['count', '--workspace', 'ws.sdw', '--dataset', 'customers', '--rule', 'rule.json', '--json'].map((a) => (a === 'rule.json' ? 'nope.json' : a)), dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    fs.writeFileSync(path.join(dir, 'inj.json'), JSON.stringify({ field: 'name"; DROP TABLE', op: 'eq', value: "x' OR 1=1 --" }));
    const inj = cli(['count', '--workspace', 'ws.sdw', '--dataset', 'customers', '--rule', 'inj.json', '--json'], dir);
    expect(inj.code).toBe(1);
    expect(inj.stderr).toMatch(/unknown field/);
    // Eight CLI processes, each starting an engine: generous on a shared two-core machine.
  }, 180_000);
});
