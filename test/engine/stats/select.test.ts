import { describe, expect, it } from 'vitest';
import { medianInPlace, selectInPlace } from '../../../electron/engine/stats/select';
import { mulberry32 } from '../../../electron/engine/random';

/** Quickselect against a sort, on random, sorted, reversed and heavily tied data of odd and even lengths. */
describe('order statistics without sorting', () => {
  const r = mulberry32(99);
  const shapes: [string, (n: number) => Float64Array][] = [
    ['random', (n) => Float64Array.from({ length: n }, () => r() * 1000 - 500)],
    ['sorted', (n) => Float64Array.from({ length: n }, (_, i) => i)],
    ['reversed', (n) => Float64Array.from({ length: n }, (_, i) => n - i)],
    ['ties', (n) => Float64Array.from({ length: n }, () => Math.floor(r() * 4))],
    ['one value', (n) => new Float64Array(n).fill(7)],
  ];
  for (const [shape, make] of shapes) {
    it(`${shape}: every k, and the median, as a sort gives them`, () => {
      for (const n of [1, 2, 3, 10, 11, 100, 257]) {
        const base = make(n);
        const sorted = base.slice().sort();
        for (let k = 0; k < n; k++) expect(selectInPlace(base.slice(), k), `${shape} n=${n} k=${k}`).toBe(sorted[k]);
        const m = n >> 1;
        expect(medianInPlace(base.slice())).toBe(n % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2);
      }
    });
  }
  it('the median of nothing is NaN; a prefix is read when n is given', () => {
    expect(medianInPlace(new Float64Array(0))).toBeNaN();
    expect(medianInPlace(Float64Array.from([5, 1, 9, 100, 100]), 3)).toBe(5);
  });
});
