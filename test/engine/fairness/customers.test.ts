import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

/**
 * The audit counts customers as segment sizes do (a tester saw "413 of 2,015 customers" beside a segment
 * of 412, in a dataset of 2,000 customers on 2,015 rows): each customer once, with their first row's
 * attributes, selected when any of their rows is.
 */
describe('fairness audit over customers', () => {
  it('uses the saved segment size and the number of customers when IDs repeat', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const file = path.join(dir, 'customers.csv');
    const lines = ['customer_id,gender,city'];
    for (let i = 1; i <= 40; i++) lines.push(`C${i},${i % 2 ? 'F' : 'M'},${i % 4 === 1 || i % 4 === 2 ? 'Lyon' : 'Oslo'}`);
    // C1 (F, Lyon) again, and C3 (F, Oslo) again but in Lyon: C3 joins the segment through that row.
    lines.push('C1,F,Lyon', 'C3,F,Lyon', ',M,Lyon');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const imported = await runJob(engine, api, 'import', { path: file, name: 'customers', id: 'customer_id' });
    expect(imported.status.state, JSON.stringify(imported.status.error)).toBe('done');
    const saved = await api.segments.save({ dataset: 'customers', name: 'lyon', rule: { field: 'city', op: 'eq', value: 'Lyon' } });
    const report = await api.fairness.audit({ dataset: 'customers', segment: 'lyon' });
    expect(report.base).toBe(40);
    expect(report.selected).toBe(saved.size);
    expect(saved.size).toBe(21);
    const gender = report.attributes.find((a) => a.attribute === 'gender')!;
    const byValue = Object.fromEntries(gender.groups.map((g) => [g.value, { base: g.base, selected: g.selected }]));
    // 20 F, 20 M customers; Lyon: F = C1, C5, … (10) + C3 = 11, M = C2, C6, … (10).
    expect(byValue).toEqual({ F: { base: 20, selected: 11 }, M: { base: 20, selected: 10 } });
    engine.close();
  });
});
