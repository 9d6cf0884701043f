import { beforeAll, describe, expect, it } from 'vitest';
import { applyFilter, firstFilter, markFilter, mergeFilters, missingFilter, negatedFilter, otherThanFilter, warmUp, nextDown, nextUp, rangeFilter, samplePassRate, type Filter } from '../../../electron/engine/segments/mirror-filter';
import { narrowCodes, offsetCodesOf, scaledCodesOf, sketchOf } from '../../../electron/engine/segments/sketch';
import { mulberry32 } from '../../../electron/engine/random';

/** Rows passing `f`, three ways: listed over blocks, narrowed from every row, and marked. All must agree. */
function passing(f: Filter, rows: number, block: number): number[] {
  const idx = new Uint32Array(block);
  const listed: number[] = [];
  for (let lo = 0; lo < rows; lo += block) {
    const n = firstFilter(f, idx, lo, Math.min(rows, lo + block));
    listed.push(...idx.subarray(0, n));
  }
  const all = Uint32Array.from({ length: rows }, (_, i) => i);
  const narrowed = Array.from(all.subarray(0, applyFilter(f, all, rows)));
  const mark = new Uint8Array(rows);
  markFilter(f, mark, 0, rows);
  const marked = [...mark.keys()].filter((i) => mark[i]);
  expect(narrowed).toEqual(listed);
  expect(marked).toEqual(listed);
  return listed;
}

const COLUMNS: [string, (r: () => number, i: number) => number][] = [
  ['uniform with gaps', (r) => (r() < 0.1 ? NaN : r() * 1000)],
  ['heavy ties', (r) => (r() < 0.05 ? NaN : Math.floor(-Math.log(1 - r()) * 3))],
  ['constant', () => 42],
  ['all missing', () => NaN],
  ['date-times', (r) => 19000 + Math.floor(r() * 900) + Math.floor(r() * 24) / 24],
  ['signed, zeros and infinities', (r) => [0, -0, Infinity, -Infinity, -5.5, 3][Math.floor(r() * 6)] + (r() < 0.3 ? r() : 0)],
  ['ascending', (_r, i) => i],
  ['cents (two decimals)', (r) => (r() < 0.05 ? NaN : Math.round((r() - 0.3) * 1_000_000) / 100)],
  ['tenths, few values', (r) => Math.round(r() * 50) / 10],
  ['wide whole numbers', (r) => Math.floor(r() * 1e7) - 5e6],
];

describe("a process's first count", () => {
  it('tests the values themselves (no codes built yet), NOT taking in missing values, then codes once warmed up', () => {
    const values = Float64Array.from([5, NaN, 12.5, -1, 7, 7, NaN, 30]);
    const f = rangeFilter(values, 5, 12.5);
    expect(f.kind).toBe('range');
    expect(passing(f, values.length, 3)).toEqual([0, 2, 4, 5]);
    expect(passing(negatedFilter(f) as Filter, values.length, 3)).toEqual([1, 3, 6, 7]);
    expect(mergeFilters(f, missingFilter(values), 'or')).toBeNull();
    warmUp();
    const g = rangeFilter(values, 5, 12.5);
    expect(g.kind).toBe('span');
    expect(passing(g, values.length, 3)).toEqual([0, 2, 4, 5]);
    // A column whose codes exist is read by its codes even in a first count.
    expect(rangeFilter(values, 0, 1).kind).toBe('span');
  });
});

describe('number sketches test ranges exactly', () => {
  beforeAll(warmUp);
  for (const [name, gen] of COLUMNS) {
    it(name, () => {
      const r = mulberry32(7);
      for (const rows of [0, 1, 300, 6_000]) {
        const values = Float64Array.from({ length: rows }, (_, i) => gen(r, i));
        const present = [...values].filter((x) => x === x);
        const probes = [...present.slice(0, 20), ...(present.length ? [Math.min(...present), Math.max(...present)] : []), 0, -1, 500, Infinity, -Infinity];
        for (let t = 0; t < 25; t++) {
          const a = probes[Math.floor(r() * probes.length)];
          const b = probes[Math.floor(r() * probes.length)];
          const [lo0, hi0] = a <= b ? [a, b] : [b, a];
          // Bounds exactly on values, and one step inside (strict comparisons become these).
          for (const [lo, hi] of [[lo0, hi0], [nextUp(lo0), hi0], [lo0, nextDown(hi0)], [lo0, lo0]]) {
            const expected = [...values.keys()].filter((i) => values[i] >= lo && values[i] <= hi);
            const f = rangeFilter(values, lo, hi);
            expect(passing(f, rows, 37), `[${lo}, ${hi}] over ${rows} rows`).toEqual(expected);
            // NOT: every other row, the missing ones included.
            const not = negatedFilter(f) as Filter;
            expect(passing(not, rows, 64)).toEqual([...values.keys()].filter((i) => !(values[i] >= lo && values[i] <= hi)));
            expect(samplePassRate(f, rows)).toBeGreaterThanOrEqual(0);
          }
        }
        expect(passing(missingFilter(values), rows, 50)).toEqual([...values.keys()].filter((i) => values[i] !== values[i]));
        for (const x of probes.slice(0, 8)) expect(passing(otherThanFilter(values, x), rows, 77)).toEqual([...values.keys()].filter((i) => values[i] === values[i] && values[i] !== x));
        // Built once per column array.
        expect(sketchOf(values)).toBe(sketchOf(values));
      }
    });
  }

  it('whole numbers within a span of 65,534 become offset codes; others are binned', () => {
    const days = Float64Array.from({ length: 1000 }, (_, i) => (i % 9 ? 18_000 + ((i * 37) % 3000) : NaN));
    const o = offsetCodesOf(days);
    expect(o?.codes).toBeInstanceOf(Uint16Array);
    expect(o?.min).toBe(Math.min(...[...days].filter((x) => x === x)));
    expect(Array.from(o?.codes ?? [], (c) => (c ? (o?.min ?? 0) + c - 1 : NaN))).toEqual(Array.from(days));
    expect(offsetCodesOf(Float64Array.from([18, 70, NaN]))?.codes).toBeInstanceOf(Uint8Array);
    expect(rangeFilter(days, 18_100, 18_200.5).kind).toBe('lut16');
    expect(offsetCodesOf(Float64Array.from([0, 65_533]))).not.toBeNull();
    expect(offsetCodesOf(Float64Array.from([0, 65_534]))).toBeNull();
    expect(offsetCodesOf(Float64Array.from([1, 2.5]))).toBeNull();
    expect(offsetCodesOf(Float64Array.from([NaN, NaN]))).toBeNull();
    // Amounts with up to two decimals, or whole numbers too wide for 16 bits: one comparison on whole units.
    const cents = Float64Array.from([19.99, 0.1, 0.29, NaN, 1234.5, -3.07]);
    expect(scaledCodesOf(cents)?.scale).toBe(100);
    expect(rangeFilter(cents, 0.1, 19.99).kind).toBe('span');
    expect(passing(rangeFilter(cents, 0.1, 19.99), cents.length, 4)).toEqual([0, 1, 2]);
    expect(passing(rangeFilter(cents, nextUp(0.1), nextDown(19.99)), cents.length, 4)).toEqual([2]);
    expect(passing(rangeFilter(cents, 0.285, 0.295), cents.length, 4)).toEqual([2]);
    expect(passing(negatedFilter(rangeFilter(cents, -5, 1)) as Filter, cents.length, 4)).toEqual([0, 3, 4]);
    expect(passing(missingFilter(cents), cents.length, 4)).toEqual([3]);
    expect(scaledCodesOf(Float64Array.from([1, 70_000]))?.scale).toBe(1);
    expect(scaledCodesOf(Float64Array.from([0.001]))).toBeNull();
    expect(scaledCodesOf(Float64Array.from([0, 3e9]))).toBeNull();
  });

  it('bins are mostly whole: a range cuts through at most two bins of a large column', () => {
    const r = mulberry32(3);
    const values = Float64Array.from({ length: 100_000 }, () => r() * 1000 + 1e-9);
    const f = rangeFilter(values, 250, 750);
    expect(f.kind).toBe('binned');
    if (f.kind === 'binned') {
      expect(f.lut.filter((x) => x === 2).length).toBeLessThanOrEqual(2);
      expect(f.lut.filter((x) => x === 1).length).toBeGreaterThan(100);
    }
  });
});

describe('filters on one column merged', () => {
  it('give the rows the two filters give, for AND and OR, cut bins or not', () => {
    const r = mulberry32(11);
    const values = Float64Array.from({ length: 5_000 }, () => (r() < 0.1 ? NaN : Math.floor(r() * 400) / 3));
    const other = Float64Array.from(values);
    const filters: Filter[] = [missingFilter(values), rangeFilter(values, 10, 40.25), rangeFilter(values, 30, Infinity), rangeFilter(values, -Infinity, Infinity)];
    filters.push(...filters.map((f) => negatedFilter(f) as Filter));
    let mergedSome = 0;
    for (const a of filters) {
      const inA = new Set(passing(a, values.length, 4096));
      for (const b of filters) {
        const inB = new Set(passing(b, values.length, 4096));
        for (const op of ['and', 'or'] as const) {
          const m = mergeFilters(a, b, op);
          if (!m) continue;
          mergedSome++;
          const expected = [...values.keys()].filter((i) => (op === 'and' ? inA.has(i) && inB.has(i) : inA.has(i) || inB.has(i)));
          expect(passing(m, values.length, 333)).toEqual(expected);
        }
      }
      // A filter on another column is never merged.
      expect(mergeFilters(a, rangeFilter(other, 0, 50), 'or')).toBeNull();
    }
    expect(mergedSome).toBeGreaterThan(30);
  });
});

describe('text codes narrowed for lookups', () => {
  it('keeps every code, missing as 0, in the smallest type the dictionary allows', () => {
    for (const [size, type] of [[3, Uint8Array], [254, Uint8Array], [255, Uint16Array], [65_534, Uint16Array]] as const) {
      const codes = Int32Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? -1 : (i * 7919) % size));
      const narrow = narrowCodes(codes, size);
      expect(narrow).toBeInstanceOf(type);
      expect(Array.from(narrow ?? [])).toEqual(Array.from(codes, (c) => c + 1));
    }
    expect(narrowCodes(new Int32Array(10), 65_535)).toBeNull();
  });
});
