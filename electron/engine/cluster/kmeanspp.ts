import type { Matrix } from './matrix';
import { sqDist } from './matrix';
import type { Rng } from './rng';

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii, with the 2 + ln k local trials
 * scikit-learn uses): each new centre is the best of a few D²-sampled candidates.
 * Hand-written over Float64Array because it is part of the benchmarked fit.
 */
export function kmeansPlusPlus(x: Matrix, k: number, rng: Rng): Float64Array {
  const { n, d, data } = x;
  if (k > n) throw new Error(`cannot seed ${k} clusters from ${n} points`);
  const centers = new Float64Array(k * d);
  const closest = new Float64Array(n);
  const trialDist = new Float64Array(n);
  const bestDist = new Float64Array(n);
  const cumsum = new Float64Array(n);
  const trials = 2 + Math.floor(Math.log(k));

  const first = rng.int(n);
  centers.set(data.subarray(first * d, first * d + d), 0);
  let pot = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = sqDist(data, i, centers, 0, d);
    pot += closest[i];
  }

  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i];
      cumsum[i] = acc;
    }
    let bestPot = Infinity;
    let bestIdx = -1;
    for (let t = 0; t < trials; t++) {
      const cand = pot > 0 ? searchSorted(cumsum, rng.next() * acc) : rng.int(n);
      let newPot = 0;
      const off = cand * d;
      for (let i = 0; i < n; i++) {
        let s = 0;
        const io = i * d;
        for (let j = 0; j < d; j++) {
          const v = data[io + j] - data[off + j];
          s += v * v;
        }
        const m = s < closest[i] ? s : closest[i];
        trialDist[i] = m;
        newPot += m;
      }
      if (newPot < bestPot) {
        bestPot = newPot;
        bestIdx = cand;
        bestDist.set(trialDist);
      }
    }
    centers.set(data.subarray(bestIdx * d, bestIdx * d + d), c * d);
    closest.set(bestDist);
    pot = bestPot;
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
