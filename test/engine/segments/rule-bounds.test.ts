import { describe, expect, it } from 'vitest';
import { liveCount } from '../../../electron/engine/segments/live';
import { saveSegment } from '../../../electron/engine/segments/store';
import { addDatasetVersion, fixtureWorkspace, type FixtureColumn } from './fixture';

const COLS: FixtureColumn[] = [
  { name: 'id', type: 'text' },
  { name: 'spend', type: 'number' },
  { name: 'lifestyle', type: 'category' },
];

function deep(depth: number): unknown {
  let r: unknown = { field: 'spend', op: 'gt', value: 1 };
  for (let i = 0; i < depth; i++) r = { not: r };
  return r;
}

describe('rule bounds in the engine', () => {
  it('a live count or save of a rule nested 100,000 levels deep is a BAD_INPUT naming the limit', () => {
    const ws = fixtureWorkspace();
    addDatasetVersion(ws, 'people', COLS, [['C1', 10, 'eco'], ['C2', 20, 'premium']]);
    for (const run of [() => liveCount(ws, 'people', deep(100_000)), () => saveSegment(ws, { dataset: 'people', name: 'Deep', rule: deep(100_000) })]) {
      expect(run).toThrowError(expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringMatching(/^rule is not valid: at not(\.not){24}: rule is nested more than 24 levels deep$/) }));
    }
    ws.close();
  });

  it('a live count of a list with 100,000 values of 1 kB is refused with the limit; 10,000 are counted with a short description', () => {
    const ws = fixtureWorkspace();
    addDatasetVersion(ws, 'people', COLS, [['C1', 10, 'eco'], ['C2', 20, 'premium']]);
    const list = (n: number) => ['eco', ...Array.from({ length: n - 1 }, (_, i) => `${i}`.padEnd(1000, '.'))];
    expect(() => liveCount(ws, 'people', { field: 'lifestyle', op: 'in', value: list(100_000) })).toThrowError(
      'rule is not valid: this list has 100,000 values; a rule may list at most 10,000 values',
    );
    const ok = liveCount(ws, 'people', { field: 'lifestyle', op: 'in', value: list(10_000) });
    expect(ok.count).toBe(1);
    expect(ok.description.length).toBeLessThan(1200);
    expect(ok.description).toMatch(/^lifestyle is eco, 0\.{99}…, .* or 9,990 other values$/);
    ws.close();
  });
});
