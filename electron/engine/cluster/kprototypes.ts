import type { KMeansResult } from './kmeans';
import { Rng } from './rng';
import type { Space } from './space';
import { spaceRows } from './space';

export interface KPrototypesResult extends KMeansResult {
  /** Mode code per cluster × category feature (k × dc). */
  modes: Int32Array;
}

/**
 * k-prototypes (Huang 1998) for mixed data: means for numeric columns, modes for category
 * columns, distance = squared Euclidean + gamma × mismatches. Keeps categories as codes so a
 * column with 40 values costs one comparison, not 40 one-hot dimensions.
 */
export async function fitKPrototypes(
  s: Space,
  k: number,
  opts: { seed: number; restarts?: number; maxIter?: number; cardinalities: number[]; onIteration?: (restart: number, it: number) => void | Promise<void> },
): Promise<KPrototypesResult> {
  const n = spaceRows(s);
  if (k < 1 || k > n) throw new Error(`k = ${k} needs at least ${k} points (have ${n})`);
  const rng = new Rng(opts.seed);
  let best: KPrototypesResult | null = null;
  for (let r = 0; r < Math.max(1, opts.restarts ?? 1); r++) {
    const res = await runOnce(s, k, rng.fork(r), opts.maxIter ?? 100, opts.cardinalities, (it) => opts.onIteration?.(r, it));
    if (!best || res.inertia < best.inertia) best = res;
  }
  return best as KPrototypesResult;
}

async function runOnce(
  s: Space,
  k: number,
  rng: Rng,
  maxIter: number,
  cards: number[],
  onIteration: (it: number) => void | Promise<void>,
): Promise<KPrototypesResult> {
  const n = spaceRows(s);
  const { d, data } = s.num;
  const dc = s.dc;
  const cat = s.cat ?? new Int32Array(0);
  const centers = new Float64Array(k * d);
  const modes = new Int32Array(k * dc);
  const labels = new Int32Array(n).fill(-1);

  // D²-sampling seeds under the mixed distance (k-means++ style).
  const setSeed = (c: number, i: number) => {
    centers.set(data.subarray(i * d, i * d + d), c * d);
    modes.set(cat.subarray(i * dc, i * dc + dc), c * dc);
  };
  const distTo = (i: number, c: number): number => {
    let sum = 0;
    for (let t = 0; t < d; t++) {
      const v = data[i * d + t] - centers[c * d + t];
      sum += v * v;
    }
    let mis = 0;
    for (let t = 0; t < dc; t++) if (cat[i * dc + t] !== modes[c * dc + t]) mis++;
    return sum + s.gamma * mis;
  };
  setSeed(0, rng.int(n));
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = distTo(i, 0);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += closest[i];
    let pick = rng.int(n);
    if (total > 0) {
      let target = rng.next() * total;
      for (let i = 0; i < n; i++) {
        target -= closest[i];
        if (target < 0) {
          pick = i;
          break;
        }
      }
    }
    setSeed(c, pick);
    for (let i = 0; i < n; i++) {
      const v = distTo(i, c);
      if (v < closest[i]) closest[i] = v;
    }
  }

  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const catOffsets: number[] = [];
  let catTotal = 0;
  for (const card of cards) {
    catOffsets.push(catTotal);
    catTotal += card;
  }
  const catCounts = new Float64Array(k * catTotal);
  let it = 0;
  let converged = false;
  let inertia = 0;
  while (it < maxIter) {
    it++;
    let changed = 0;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let b = Infinity;
      let bj = 0;
      for (let c = 0; c < k; c++) {
        const v = distTo(i, c);
        if (v < b) {
          b = v;
          bj = c;
        }
      }
      inertia += b;
      if (labels[i] !== bj) {
        labels[i] = bj;
        changed++;
      }
    }
    if (changed === 0) {
      converged = true;
      break;
    }
    sums.fill(0);
    counts.fill(0);
    catCounts.fill(0);
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      counts[l]++;
      for (let t = 0; t < d; t++) sums[l * d + t] += data[i * d + t];
      for (let t = 0; t < dc; t++) catCounts[l * catTotal + catOffsets[t] + cat[i * dc + t]]++;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue; // an empty prototype keeps its place; it may win points back
      for (let t = 0; t < d; t++) centers[c * d + t] = sums[c * d + t] / counts[c];
      for (let t = 0; t < dc; t++) {
        let bestCode = 0;
        let bestCount = -1;
        for (let v = 0; v < cards[t]; v++) {
          const cnt = catCounts[c * catTotal + catOffsets[t] + v];
          if (cnt > bestCount) {
            bestCount = cnt;
            bestCode = v;
          }
        }
        modes[c * dc + t] = bestCode;
      }
    }
    await onIteration(it);
  }
  // Inertia for the final prototypes (the loop's value belongs to the assignment before the last update).
  inertia = 0;
  for (let i = 0; i < n; i++) {
    let b = Infinity;
    let bj = 0;
    for (let c = 0; c < k; c++) {
      const v = distTo(i, c);
      if (v < b) {
        b = v;
        bj = c;
      }
    }
    labels[i] = bj;
    inertia += b;
  }
  return { centers, modes, labels, inertia, iterations: it, converged };
}
