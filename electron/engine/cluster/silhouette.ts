import { Rng, sampleIndices } from './rng';
import type { Space } from './space';
import { spaceDist2, spaceRows, takeSpace } from './space';

/** Silhouette is exact up to this many rows and computed on a seeded sample of this size above. */
export const SILHOUETTE_EXACT_MAX = 10_000;

export interface SilhouetteResult {
  /** Mean silhouette per labelling, in the order given. */
  values: number[];
  /** Rows the silhouette was computed on (n when exact). */
  rows: number;
  sampled: boolean;
}

/**
 * Mean silhouette for several labellings of the same rows at once: each pairwise distance
 * is computed once and shared by every k of a sweep (the O(n²) part dominates).
 * `yieldEvery` lets a job check for cancellation between row blocks.
 */
export async function silhouettes(
  s: Space,
  labelings: Int32Array[],
  opts: { seed: number; maxRows?: number; tick?: (done: number, total: number) => void | Promise<void> },
): Promise<SilhouetteResult> {
  const n = spaceRows(s);
  const maxRows = opts.maxRows ?? SILHOUETTE_EXACT_MAX;
  const sampled = n > maxRows;
  const idx = sampleIndices(n, Math.min(n, maxRows), new Rng(opts.seed));
  const sub = sampled ? takeSpace(s, idx) : s;
  const m = idx.length;
  const labs = labelings.map((l) => (sampled ? Int32Array.from(idx, (i) => l[i]) : l));
  const ks = labs.map((l) => l.reduce((a, v) => Math.max(a, v), 0) + 1);
  const sizes = labs.map((l, q) => {
    const c = new Float64Array(ks[q]);
    for (const v of l) c[v]++;
    return c;
  });
  const totals = new Float64Array(labs.length);
  const dist = new Float64Array(m);
  const acc = labs.map((_, q) => new Float64Array(ks[q]));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) dist[j] = i === j ? 0 : Math.sqrt(spaceDist2(sub, i, j));
    for (let q = 0; q < labs.length; q++) {
      const a = acc[q];
      const l = labs[q];
      a.fill(0);
      for (let j = 0; j < m; j++) a[l[j]] += dist[j];
      const own = l[i];
      if (sizes[q][own] <= 1) continue; // silhouette of a singleton is 0 by convention
      const ai = a[own] / (sizes[q][own] - 1);
      let bi = Infinity;
      for (let c = 0; c < ks[q]; c++) if (c !== own && sizes[q][c] > 0) bi = Math.min(bi, a[c] / sizes[q][c]);
      if (bi === Infinity) continue;
      const den = Math.max(ai, bi);
      totals[q] += den > 0 ? (bi - ai) / den : 0;
    }
    if (opts.tick && i % 256 === 255) await opts.tick(i + 1, m);
  }
  return { values: Array.from(totals, (t) => (m > 0 ? t / m : 0)), rows: m, sampled };
}
