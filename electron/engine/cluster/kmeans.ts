import type { Matrix } from './matrix';
import { meanVariance, takeRows } from './matrix';
import { kmeansPlusPlus } from './kmeanspp';
import { asShared, sharedFloat64, sharedInt32, splitRows } from './parallel';
import { Rng, sampleIndices } from './rng';

export interface KMeansResult {
  centers: Float64Array;
  labels: Int32Array;
  /** Sum of squared distances of every point to its centre, in the space of `x`. */
  inertia: number;
  iterations: number;
  converged: boolean;
}

/**
 * Automatic restarts: at least scikit-learn's n_init of 10 (fewer lets an unlucky seed settle in a clearly worse
 * optimum, which also makes the silhouettes that choose k noisy), and more while a restart costs little
 * (`RESTART_ROWS` rows over all restarts), up to `MAX_AUTO_RESTARTS`: on a few hundred or a few thousand rows
 * ten starts still miss the best optimum for one seed in several.
 */
export const DEFAULT_RESTARTS = 10;
export const MAX_AUTO_RESTARTS = 100;
const RESTART_ROWS = 400_000;
/**
 * Above this many rows the restarts compete on a seeded subsample of `RESTART_SAMPLE` rows and only the
 * winner is refined on all rows, so many restarts cost about as much as one full run.
 */
export const RESTART_SAMPLE_MIN_ROWS = 50_000;
export const RESTART_SAMPLE = 20_000;

/** 'auto' (or absent) restarts for `n` rows and `k` clusters; a number is taken as given. */
export function restartsFor(restarts: number | 'auto' | undefined, n: number): number {
  if (typeof restarts === 'number') return Math.max(1, restarts);
  const rows = n > RESTART_SAMPLE_MIN_ROWS ? RESTART_SAMPLE : n;
  return Math.min(MAX_AUTO_RESTARTS, Math.max(DEFAULT_RESTARTS, Math.floor(RESTART_ROWS / rows)));
}

export interface KMeansOptions {
  seed: number;
  /** Independent k-means++ starts (the lowest inertia wins); 'auto' or absent: `restartsFor`. */
  restarts?: number | 'auto';
  maxIter?: number;
  /** Relative to the mean feature variance, as in scikit-learn (1e-4). */
  tol?: number;
  algorithm?: 'hamerly' | 'lloyd';
  /** Called after every iteration (progress, cancellation: it may throw). */
  onIteration?: (restart: number, iteration: number) => void | Promise<void>;
}

/**
 * k-means with greedy k-means++ seeding and restarts; deterministic for a seed.
 * Small data: every restart runs on all rows (as scikit-learn's n_init). Large data: every restart seeds and
 * converges on the same seeded subsample, and the best subsample centres start one run on all rows. A
 * subsample of 20,000 rows locates the basin of the optimum reliably; the full run then only polishes it.
 */
export async function fitKMeans(x: Matrix, k: number, opts: KMeansOptions): Promise<KMeansResult> {
  if (k < 1 || k > x.n) throw new Error(`k = ${k} needs at least ${k} points (have ${x.n})`);
  const rng = new Rng(opts.seed);
  const restarts = restartsFor(opts.restarts, x.n);
  // Shared memory lets the distance passes run on every core without copying the matrix.
  x = { ...x, data: asShared(x.data) };
  const run = opts.algorithm === 'lloyd' ? lloyd : hamerly;
  const maxIter = opts.maxIter ?? 300;
  const relTol = opts.tol ?? 1e-4;
  if (restarts > 1 && x.n > RESTART_SAMPLE_MIN_ROWS && k * 20 <= RESTART_SAMPLE) {
    const sub = takeRows(x, sampleIndices(x.n, RESTART_SAMPLE, rng.fork(-1)));
    sub.data = asShared(sub.data);
    const subTol = relTol * meanVariance(sub);
    let bestSub: KMeansResult | null = null;
    for (let r = 0; r < restarts; r++) {
      const init = await kmeansPlusPlus(sub, k, rng.fork(r));
      const res = await run(sub, init, { maxIter, tol: subTol, onIteration: (it) => opts.onIteration?.(r, it) });
      if (!bestSub || res.inertia < bestSub.inertia) bestSub = res;
    }
    const tol = relTol * meanVariance(x);
    return run(x, (bestSub as KMeansResult).centers, { maxIter, tol, onIteration: (it) => opts.onIteration?.(restarts - 1, it) });
  }
  const tol = relTol * meanVariance(x);
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const init = await kmeansPlusPlus(x, k, rng.fork(r));
    const res = await run(x, init, { maxIter, tol, onIteration: (it) => opts.onIteration?.(r, it) });
    if (!best || res.inertia < best.inertia) best = res;
  }
  return best as KMeansResult;
}

interface RunOpts {
  maxIter: number;
  /** Absolute tolerance on the summed squared centre shift. */
  tol: number;
  onIteration?: (iteration: number) => void | Promise<void>;
}

/**
 * Exact assignment of every point to its nearest centre on all cores; fills `labels` (shared
 * memory when n is large) and returns the inertia with per-cluster sums and counts.
 */
export async function assignAllParallel(x: Matrix, centers: Float64Array, k: number, labels: Int32Array, upper: Float64Array | null = null, lower: Float64Array | null = null) {
  const { n, d, data } = x;
  const parts = await splitRows('kAssign', n, n * k * d, (lo, hi) => [data, d, lo, hi, centers, k, labels, upper, lower]);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let inertia = 0;
  for (const p of parts) {
    inertia += p[0];
    for (let i = 0; i < k * d; i++) sums[i] += p[1 + i];
    for (let j = 0; j < k; j++) counts[j] += p[1 + k * d + j];
  }
  return { inertia, sums, counts };
}

/**
 * Exact assignment of every point to its nearest centre; returns the inertia.
 * The plain O(n·k·d) pass, used to finish a run so labels and inertia match the final centres exactly.
 */
export function assignAll(x: Matrix, centers: Float64Array, k: number, labels: Int32Array): number {
  const { n, d, data } = x;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const io = i * d;
    let best = Infinity;
    let bj = 0;
    for (let j = 0; j < k; j++) {
      const co = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = data[io + t] - centers[co + t];
        s += v * v;
      }
      if (s < best) {
        best = s;
        bj = j;
      }
    }
    labels[i] = bj;
    inertia += best;
  }
  return inertia;
}

/** Plain Lloyd iterations (kept as the reference the accelerated variant is tested against). */
export async function lloyd(x: Matrix, init: Float64Array, opts: RunOpts): Promise<KMeansResult> {
  const { n, d } = x;
  const k = init.length / d;
  const centers = init.slice();
  const labels = sharedInt32(n);
  let it = 0;
  let converged = false;
  while (it < opts.maxIter) {
    it++;
    const { sums, counts } = await assignAllParallel(x, centers, k, labels);
    const shift = moveCenters(x, centers, sums, counts, labels, k);
    await opts.onIteration?.(it);
    if (shift <= opts.tol) {
      converged = true;
      break;
    }
  }
  const { inertia } = await assignAllParallel(x, centers, k, labels);
  return { centers, labels, inertia, iterations: it, converged };
}

/**
 * Hamerly's accelerated k-means: one upper bound (to the own centre) and one lower bound
 * (to the second closest) per point skip most distance computations once clusters settle.
 * Same fixed points as Lloyd; hand-written because it is the benchmarked hot loop.
 */
export async function hamerly(x: Matrix, init: Float64Array, opts: RunOpts): Promise<KMeansResult> {
  const { n, d, data } = x;
  const k = init.length / d;
  const centers = init.slice();
  const labels = sharedInt32(n);
  const upper = sharedFloat64(n);
  const lower = sharedFloat64(n);
  const half = new Float64Array(k);
  const moved = new Float64Array(k);
  const old = new Float64Array(k * d);

  // Initial exact pass (all cores): nearest and second-nearest centre per point.
  const { sums, counts } = await assignAllParallel(x, centers, k, labels, upper, lower);

  let it = 0;
  let converged = false;
  while (it < opts.maxIter) {
    it++;
    old.set(centers);
    moveCenters(x, centers, sums, counts, labels, k, upper, lower);
    let shift = 0;
    let maxMove = 0;
    let maxJ = 0;
    let secondMove = 0;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = centers[j * d + t] - old[j * d + t];
        s += v * v;
      }
      shift += s;
      moved[j] = Math.sqrt(s);
      if (moved[j] > maxMove) {
        secondMove = maxMove;
        maxMove = moved[j];
        maxJ = j;
      } else if (moved[j] > secondMove) secondMove = moved[j];
    }
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      upper[i] += moved[l];
      lower[i] -= l === maxJ ? secondMove : maxMove;
    }
    await opts.onIteration?.(it);
    if (shift <= opts.tol) {
      converged = true;
      break;
    }
    halfGaps(centers, k, d, half);
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const a = labels[i];
      const bound = half[a] > lower[i] ? half[a] : lower[i];
      if (upper[i] <= bound) continue;
      const io = i * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = data[io + t] - centers[a * d + t];
        s += v * v;
      }
      upper[i] = Math.sqrt(s);
      if (upper[i] <= bound) continue;
      let b1 = Infinity;
      let b2 = Infinity;
      let bj = a;
      for (let j = 0; j < k; j++) {
        const co = j * d;
        let s2 = 0;
        for (let t = 0; t < d; t++) {
          const v = data[io + t] - centers[co + t];
          s2 += v * v;
        }
        if (s2 < b1) {
          b2 = b1;
          b1 = s2;
          bj = j;
        } else if (s2 < b2) b2 = s2;
      }
      lower[i] = Math.sqrt(b2);
      if (bj !== a) {
        changed++;
        labels[i] = bj;
        upper[i] = Math.sqrt(b1);
        counts[a]--;
        counts[bj]++;
        for (let t = 0; t < d; t++) {
          const v = data[io + t];
          sums[a * d + t] -= v;
          sums[bj * d + t] += v;
        }
      }
    }
    if (changed === 0) {
      converged = true;
      break;
    }
  }
  // Final exact pass (all cores): the bounds still prove most labels, so only their own distance is needed.
  halfGaps(centers, k, d, half);
  const parts = await splitRows('kFinish', n, n * d * 2, (lo, hi) => [data, d, lo, hi, centers, k, labels, lower, half]);
  const inertia = parts.reduce((a, b) => a + b, 0);
  return { centers, labels, inertia, iterations: it, converged };
}

/** Half the distance from each centre to its nearest other centre (Hamerly's skip radius). */
function halfGaps(centers: Float64Array, k: number, d: number, half: Float64Array): void {
  for (let j = 0; j < k; j++) {
    let m = Infinity;
    for (let j2 = 0; j2 < k; j2++) {
      if (j2 === j) continue;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = centers[j * d + t] - centers[j2 * d + t];
        s += v * v;
      }
      if (s < m) m = s;
    }
    half[j] = k > 1 ? Math.sqrt(m) / 2 : Infinity;
  }
}

/**
 * Centres become the means of their points. An emptied cluster is re-seeded at the point
 * farthest from its centre (as scikit-learn does); Hamerly's bounds for that point are reset.
 * Returns the summed squared centre shift.
 */
function moveCenters(
  x: Matrix,
  centers: Float64Array,
  sums: Float64Array,
  counts: Float64Array,
  labels: Int32Array,
  k: number,
  upper?: Float64Array,
  lower?: Float64Array,
): number {
  const { n, d, data } = x;
  let shift = 0;
  for (let j = 0; j < k; j++) {
    if (counts[j] > 0) {
      for (let t = 0; t < d; t++) {
        const v = sums[j * d + t] / counts[j];
        const dv = v - centers[j * d + t];
        shift += dv * dv;
        centers[j * d + t] = v;
      }
      continue;
    }
    let far = -1;
    let farDist = -1;
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      if (counts[l] <= 1) continue;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = data[i * d + t] - centers[l * d + t];
        s += v * v;
      }
      if (s > farDist) {
        farDist = s;
        far = i;
      }
    }
    if (far < 0) continue;
    const from = labels[far];
    counts[from]--;
    counts[j] = 1;
    for (let t = 0; t < d; t++) {
      const v = data[far * d + t];
      sums[from * d + t] -= v;
      sums[j * d + t] = v;
      const dv = v - centers[j * d + t];
      shift += dv * dv;
      centers[j * d + t] = v;
    }
    labels[far] = j;
    if (upper && lower) {
      upper[far] = 0;
      lower[far] = 0;
    }
  }
  return shift;
}
