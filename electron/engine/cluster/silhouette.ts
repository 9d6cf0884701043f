import { Rng, sampleIndices } from './rng';
import type { Space } from './space';
import { asShared, sharedInt32, splitRows } from './parallel';
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
 * `tick` lets a job report progress and check for cancellation between row blocks.
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
  const kmax = Math.max(...ks);
  const q = labs.length;
  // Flat, shared inputs so every core can take a block of rows (kernels.ts, the O(m²) hot loop).
  const data = asShared(sub.num.data);
  const flat = sharedInt32(q * m);
  labs.forEach((l, p) => flat.set(l, p * m));
  const sizeFlat = new Float64Array(q * kmax);
  sizes.forEach((sz, p) => sizeFlat.set(sz, p * kmax));
  const totals = new Float64Array(q);
  const cat = sub.cat ? asSharedInt(sub.cat) : null;
  // Blocks keep each slice short enough for a job to stay responsive and cancellable.
  const block = Math.max(64, Math.ceil(2_000_000 / Math.max(1, m)) * 4);
  for (let lo = 0; lo < m; lo += block) {
    const hi = Math.min(m, lo + block);
    const parts = await splitRows('kSilhouette', hi - lo, (hi - lo) * m * (sub.num.d + q), (a, b) => [data, sub.num.d, m, cat, sub.dc, sub.gamma, flat, q, kmax, sizeFlat, lo + a, lo + b]);
    for (const part of parts) for (let p = 0; p < q; p++) totals[p] += part[p];
    if (opts.tick) await opts.tick(hi, m);
  }
  return { values: Array.from(totals, (t) => (m > 0 ? t / m : 0)), rows: m, sampled };
}

function asSharedInt(a: Int32Array): Int32Array {
  const s = sharedInt32(a.length);
  s.set(a);
  return s;
}
