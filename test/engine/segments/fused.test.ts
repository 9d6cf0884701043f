import { describe, expect, it } from 'vitest';
import { applyFilter, firstFilter, rangeFilter, warmUp, type Filter } from '../../../electron/engine/segments/mirror-filter';
import { applyPair, firstPair, fusable } from '../../../electron/engine/segments/fused';
import { mulberry32 } from '../../../electron/engine/random';

// One filter of each kind the fused loops handle (all but cut bins), over 3,000 rows with missing values.
function filters(): Filter[] {
  const r = mulberry32(17);
  const n = 3_000;
  const small = Float64Array.from({ length: n }, () => (r() < 0.1 ? NaN : Math.floor(r() * 80)));
  const days = Float64Array.from({ length: n }, () => (r() < 0.1 ? NaN : 18_000 + Math.floor(r() * 4000)));
  const cents = Float64Array.from({ length: n }, () => (r() < 0.1 ? NaN : Math.round(r() * 1e6) / 100));
  const codes = Int32Array.from({ length: n }, () => (r() < 0.1 ? -1 : Math.floor(r() * 70_000)));
  const lut = Uint8Array.from({ length: 70_001 }, () => +(r() < 0.6));
  // The values themselves, as a process's first count reads them.
  const cold = rangeFilter(Float64Array.from(cents), 2000, 9000);
  warmUp();
  return [cold, rangeFilter(small, 10, 60), rangeFilter(days, 18_500, 21_000), rangeFilter(cents, 1000, 8000), { kind: 'lut', codes, lut }];
}

describe('two filters fused into one pass', () => {
  it('keep what the two passes keep, for every pair of kinds, over rows and over candidates', () => {
    const fs = filters();
    expect(fs.map((f) => f.kind)).toEqual(['range', 'lut8', 'lut16', 'span', 'lut']);
    const rows = 3_000;
    for (const f of fs) {
      for (const g of fs) {
        if (!fusable(f) || !fusable(g)) throw new Error('all five kinds fuse');
        const first = firstPair(f, g);
        const apply = applyPair(f, g);
        expect(first && apply).toBeTruthy();
        if (!first || !apply) continue;
        for (const [lo, hi] of [[0, rows], [17, 2_049]]) {
          const a = new Uint32Array(rows);
          const n = applyFilter(g, a, firstFilter(f, a, lo, hi));
          const b = new Uint32Array(rows);
          expect(Array.from(b.subarray(0, first(f, g, b, lo, hi))), `${f.kind} & ${g.kind}`).toEqual(Array.from(a.subarray(0, n)));
          // Over candidates (every third row).
          const c = Uint32Array.from({ length: Math.ceil((hi - lo) / 3) }, (_, j) => lo + 3 * j);
          const d = Uint32Array.from(c);
          const m = applyFilter(g, c, applyFilter(f, c, c.length));
          expect(Array.from(d.subarray(0, apply(f, g, d, d.length)))).toEqual(Array.from(c.subarray(0, m)));
        }
      }
    }
  });
});
