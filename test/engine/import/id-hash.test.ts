import { describe, expect, it } from 'vitest';
import { IdHashSet } from '../../../electron/engine/import/id-hash';

describe('IdHashSet', () => {
  it('sees no repeat among 300,000 distinct IDs, through several growths', () => {
    const set = new IdHashSet();
    for (let i = 0; i < 300_000; i++) set.add(`C${String(i).padStart(7, '0')}`);
    expect(set.repeated).toBe(false);
  });

  it('sees a repeated string or number, wherever it comes', () => {
    const set = new IdHashSet(1000);
    for (let i = 0; i < 5000; i++) set.add(i);
    expect(set.repeated).toBe(false);
    set.add(4999);
    expect(set.repeated).toBe(true);
    const s = new IdHashSet();
    ['Łukasz', 'lukasz', 'ŁUKASZ', '', ' '].forEach((v) => s.add(v));
    expect(s.repeated).toBe(false);
    s.add('Łukasz');
    expect(s.repeated).toBe(true);
  });
});
