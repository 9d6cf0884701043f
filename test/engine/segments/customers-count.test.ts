import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

/**
 * A segment is a set of customers. A tester saw the builder count 92 where the saved segment said 91:
 * the builder counted rows, and one customer was on two rows. Counts, totals and shares now count
 * customers (distinct non-empty IDs) everywhere a segment's size is shown; `rows` says how many rows matched.
 */
describe('segment sizes count customers, not rows', () => {
  it('agrees between the live count, the saved segment and its history when IDs repeat or are missing, and after an erasure', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const file = path.join(dir, 'customers.csv');
    const lines = ['customer_id,city,spend'];
    // 10 customers; C1 and C2 appear twice; two rows have no ID.
    for (let i = 1; i <= 10; i++) lines.push(`C${i},${i % 2 ? 'Lyon' : 'Oslo'},${i * 10}`);
    lines.push('C1,Lyon,15', 'C2,Oslo,25', ',Lyon,5', ',Oslo,6');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const imported = await runJob(engine, api, 'import', { path: file, name: 'customers', id: 'customer_id' });
    expect(imported.status.state, JSON.stringify(imported.status.error)).toBe('done');

    const rule = { field: 'city', op: 'eq', value: 'Lyon' };
    const live = await api.segments.count({ dataset: 'customers', rule });
    // Lyon rows: C1, C3, C5, C7, C9, C1 again, and one without an ID = 7 rows, 5 customers, of 10.
    expect(live).toMatchObject({ count: 5, total: 10, rows: 7 });
    expect(live.share).toBeCloseTo(0.5, 12);
    const saved = await api.segments.save({ dataset: 'customers', name: 'lyon', rule });
    expect(saved.size).toBe(live.count);
    const history = await api.segments.history({ name: 'lyon' });
    expect(history.versions[0]).toMatchObject({ size: 5, total: 10 });

    // Every row matches: 14 rows, 10 customers.
    const everyone = await api.segments.count({ dataset: 'customers', rule: { field: 'spend', op: 'gt', value: 0 } });
    expect(everyone).toMatchObject({ count: 10, total: 10, rows: 14 });

    // Erasing C1 (two rows) takes one customer out of the segment and out of the total.
    await api.erasure.erase({ dataset: 'customers', ids: ['C1'] });
    const after = await api.segments.history({ name: 'lyon' });
    expect(after.versions[0]).toMatchObject({ size: 4, total: 9 });
    expect(await api.segments.count({ dataset: 'customers', rule })).toMatchObject({ count: 4, total: 9, rows: 5 });
    engine.close();
  });

  it('leaves counts on datasets with one row per customer as they were (no `rows`)', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const file = path.join(dir, 'unique.csv');
    fs.writeFileSync(file, 'customer_id,city\nA,Lyon\nB,Oslo\nC,Lyon\n');
    await runJob(engine, api, 'import', { path: file, name: 'u', id: 'customer_id' });
    const live = await api.segments.count({ dataset: 'u', rule: { field: 'city', op: 'eq', value: 'Lyon' } });
    expect(live).toMatchObject({ count: 2, total: 3 });
    expect(live.rows).toBeUndefined();
    engine.close();
  });
});

describe('segment overlap counts customers too', () => {
  it('gives each segment its saved size on its diagonal when IDs repeat', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const file = path.join(dir, 'customers.csv');
    const lines = ['customer_id,city,spend'];
    for (let i = 1; i <= 10; i++) lines.push(`C${i},${i % 2 ? 'Lyon' : 'Oslo'},${i * 10}`);
    lines.push('C1,Lyon,15', 'C3,Lyon,95', ',Lyon,5');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    await runJob(engine, api, 'import', { path: file, name: 'customers', id: 'customer_id' });
    const lyon = await api.segments.save({ dataset: 'customers', name: 'lyon', rule: { field: 'city', op: 'eq', value: 'Lyon' } });
    const big = await api.segments.save({ dataset: 'customers', name: 'big', rule: { field: 'spend', op: 'gt', value: 50 } });
    const o = await api.segments.overlap({ names: ['lyon', 'big'] });
    expect(o.segments.map((s) => s.size)).toEqual([lyon.size, big.size]);
    expect(o.segments[0]).toMatchObject({ size: 5, share: 0.5 });
    // Lyon with spend > 50: C7, C9, and C3 through its second row = 3 customers.
    expect(o.counts[0][1]).toBe(3);
    expect(o.base).toBe(10);
    engine.close();
  });
});
