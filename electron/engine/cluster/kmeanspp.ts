import type { Matrix } from './matrix';
import { sharedFloat64, splitRows } from './parallel';
import type { Rng } from './rng';

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii, with the 2 + ln k local trials
 * scikit-learn uses): each new centre is the best of a few D²-sampled candidates.
 * The distance passes run on all cores (kernels.ts); `x.data` should be shared memory for that.
 */
export async function kmeansPlusPlus(x: Matrix, k: number, rng: Rng): Promise<Float64Array> {
  const { n, d, data } = x;
  if (k > n) throw new Error(`cannot seed ${k} clusters from ${n} points`);
  const centers = new Float64Array(k * d);
  const closest = sharedFloat64(n);
  const cumsum = new Float64Array(n);
  const trials = 2 + Math.floor(Math.log(k));
  const sum = (parts: number[]) => parts.reduce((a, b) => a + b, 0);

  const first = rng.int(n);
  centers.set(data.subarray(first * d, first * d + d), 0);
  let pot = sum(await splitRows('kApplyCenter', n, n * d, (lo, hi) => [data, d, lo, hi, first, closest, 1]));

  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i];
      cumsum[i] = acc;
    }
    const cands = new Int32Array(trials);
    for (let t = 0; t < trials; t++) cands[t] = pot > 0 ? searchSorted(cumsum, rng.next() * acc) : rng.int(n);
    const parts = await splitRows('kTrialPots', n, n * d * trials, (lo, hi) => [data, d, lo, hi, cands, closest]);
    let best = 0;
    let bestPot = Infinity;
    for (let t = 0; t < trials; t++) {
      let p = 0;
      for (const part of parts) p += part[t];
      if (p < bestPot) {
        bestPot = p;
        best = cands[t];
      }
    }
    centers.set(data.subarray(best * d, best * d + d), c * d);
    pot = sum(await splitRows('kApplyCenter', n, n * d, (lo, hi) => [data, d, lo, hi, best, closest, 0]));
  }
  return centers;
}

/** First index whose cumulative value exceeds v. */
function searchSorted(cumsum: Float64Array, v: number): number {
  let lo = 0;
  let hi = cumsum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumsum[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
