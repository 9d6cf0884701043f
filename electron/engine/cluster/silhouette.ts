import { Rng, sampleIndices } from './rng';
import type { Space } from './space';
import { spaceRows, takeSpace } from './space';

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
    distancesFrom(sub, i, dist);
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

/**
 * Distances from row i to every row, into `out`. The O(n²) hot loop of the silhouette:
 * hand-written with the numeric and category parts inlined (no per-pair function call).
 */
function distancesFrom(s: Space, i: number, out: Float64Array): void {
  const { data, d, n } = s.num;
  const rows = d > 0 ? n : out.length;
  const io = i * d;
  if (d === 2) {
    const x0 = data[io];
    const x1 = data[io + 1];
    for (let j = 0; j < rows; j++) {
      const a = data[2 * j] - x0;
      const b = data[2 * j + 1] - x1;
      out[j] = a * a + b * b;
    }
  } else {
    for (let j = 0; j < rows; j++) {
      const jo = j * d;
      let sum = 0;
      for (let t = 0; t < d; t++) {
        const v = data[jo + t] - data[io + t];
        sum += v * v;
      }
      out[j] = sum;
    }
  }
  if (s.cat) {
    const cat = s.cat;
    const dc = s.dc;
    const g = s.gamma;
    const ic = i * dc;
    for (let j = 0; j < rows; j++) {
      let mis = 0;
      for (let t = 0; t < dc; t++) if (cat[j * dc + t] !== cat[ic + t]) mis++;
      out[j] += g * mis;
    }
  }
  for (let j = 0; j < rows; j++) out[j] = Math.sqrt(out[j]);
}
