import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, bestJaccard } from '../../../electron/engine/cluster/agreement';
import { assignAll, assignAllParallel, fitKMeans, hamerly, lloyd } from '../../../electron/engine/cluster/kmeans';
import { asShared, MIN_WORK, sharedInt32 } from '../../../electron/engine/cluster/parallel';
import { kmeansPlusPlus } from '../../../electron/engine/cluster/kmeanspp';
import { fitKPrototypes } from '../../../electron/engine/cluster/kprototypes';
import { matrix, meanVariance } from '../../../electron/engine/cluster/matrix';
import { fitMiniBatch } from '../../../electron/engine/cluster/minibatch';
import { pca2 } from '../../../electron/engine/cluster/pca';
import { Rng, sampleIndices } from '../../../electron/engine/cluster/rng';
import { silhouettes } from '../../../electron/engine/cluster/silhouette';
import { sweepK } from '../../../electron/engine/cluster/sweep';

/** Gaussian blobs with known membership. */
function blobs(n: number, centers: number[][], sd: number, seed: number) {
  const rng = new Rng(seed);
  const d = centers[0].length;
  const data = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = rng.int(centers.length);
    truth[i] = c;
    for (let t = 0; t < d; t++) data[i * d + t] = centers[c][t] + rng.normal() * sd;
  }
  return { x: matrix(n, d, data), truth };
}

const FOUR = [
  [0, 0, 0],
  [8, 0, 0],
  [0, 8, 0],
  [0, 0, 8],
];

describe('adjusted Rand index', () => {
  it('matches known values', () => {
    // Values from scikit-learn's adjusted_rand_score documentation.
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBeCloseTo(1, 10);
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.5714285714, 8);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBeCloseTo(0, 10);
  });
  it('is near zero for independent labellings', () => {
    const rng = new Rng(3);
    const a = Int32Array.from({ length: 5000 }, () => rng.int(4));
    const b = Int32Array.from({ length: 5000 }, () => rng.int(4));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.01);
  });
  it('best Jaccard finds a relabelled cluster', () => {
    expect(bestJaccard([0, 0, 1, 1, 2], [2, 2, 0, 0, 0], 3)).toEqual([1, 2 / 3, 1 / 3]);
  });
});

describe('k-means', () => {
  it('recovers known groups far better than chance', async () => {
    const { x, truth } = blobs(4000, FOUR, 1.2, 7);
    const r = await fitKMeans(x, 4, { seed: 1 });
    expect(adjustedRandIndex(truth, r.labels)).toBeGreaterThan(0.97);
    expect(r.converged).toBe(true);
  });

  it('Hamerly reaches the same centres and inertia as Lloyd from the same seeds', async () => {
    const { x } = blobs(5000, [...FOUR, [4, 4, 4], [8, 8, 0]], 2.5, 11);
    const init = await kmeansPlusPlus(x, 6, new Rng(5));
    const tol = 1e-4 * meanVariance(x);
    const a = await hamerly(x, init, { maxIter: 300, tol });
    const b = await lloyd(x, init, { maxIter: 300, tol });
    expect(a.inertia).toBeCloseTo(b.inertia, 6);
    expect(adjustedRandIndex(a.labels, b.labels)).toBe(1);
  });

  it('is deterministic for a seed and reports every iteration', async () => {
    const { x } = blobs(3000, FOUR, 3, 2);
    let calls = 0;
    const a = await fitKMeans(x, 5, { seed: 42, restarts: 3, onIteration: () => void calls++ });
    const b = await fitKMeans(x, 5, { seed: 42, restarts: 3 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBe(b.inertia);
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it('stops when onIteration throws (cancellation)', async () => {
    const { x } = blobs(2000, FOUR, 3, 2);
    await expect(
      fitKMeans(x, 4, {
        seed: 1,
        onIteration: () => {
          throw new Error('cancelled');
        },
      }),
    ).rejects.toThrow('cancelled');
  });

  it('the multi-core assignment pass agrees with the single-thread one exactly', async () => {
    const { x } = blobs(400_000, FOUR, 2, 21);
    const k = 4;
    expect(x.n * k * x.d).toBeGreaterThan(MIN_WORK); // large enough to be split across threads
    const centers = Float64Array.from([0, 0, 0, 8, 0, 0, 0, 8, 0, 0, 0, 8]);
    const single = new Int32Array(x.n);
    const inertia = assignAll(x, centers, k, single);
    const shared = sharedInt32(x.n);
    const par = await assignAllParallel({ ...x, data: asShared(x.data) }, centers, k, shared);
    let differ = 0;
    for (let i = 0; i < x.n; i++) if (shared[i] !== single[i]) differ++;
    expect(differ).toBe(0);
    expect(par.inertia).toBeCloseTo(inertia, 3);
    expect(par.counts.reduce((a, b) => a + b)).toBe(x.n);
  });

  it('mini-batch lands within a few percent of the full fit', async () => {
    const { x } = blobs(20_000, FOUR, 1.5, 9);
    const full = await fitKMeans(x, 4, { seed: 1 });
    const mb = await fitMiniBatch(x, 4, { seed: 1, batchSize: 1024, steps: 60 });
    expect(mb.inertia / full.inertia).toBeLessThan(1.03);
  });
});

describe('k-prototypes', () => {
  it('clusters mixed numeric and category codes', async () => {
    const rng = new Rng(8);
    const n = 3000;
    const num = new Float64Array(n);
    const cat = new Int32Array(n * 2);
    const truth = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const g = rng.int(3);
      truth[i] = g;
      num[i] = [0, 0, 3][g] + rng.normal() * 0.5;
      // Groups 0 and 1 differ only in their categories.
      cat[i * 2] = rng.next() < 0.9 ? g : rng.int(3);
      cat[i * 2 + 1] = rng.next() < 0.85 ? [0, 1, 1][g] : rng.int(2);
    }
    const r = await fitKPrototypes({ num: matrix(n, 1, num), cat, dc: 2, gamma: 0.5 }, 3, { seed: 3, restarts: 3, cardinalities: [3, 2] });
    expect(adjustedRandIndex(truth, r.labels)).toBeGreaterThan(0.7);
  });
});

describe('silhouette, sweep, PCA', () => {
  it('exact silhouette of a hand-checked example', async () => {
    // Points 0,1 | 10,11 on a line: a(i)=1, b(i)=10 (or 9, 11 averaged) → s ≈ 0.9.
    const x = matrix(4, 1, Float64Array.from([0, 1, 10, 11]));
    const r = await silhouettes({ num: x, cat: null, dc: 0, gamma: 0 }, [Int32Array.from([0, 0, 1, 1])], { seed: 1 });
    const expected = [(10.5 - 1) / 10.5, (9.5 - 1) / 9.5, (9.5 - 1) / 9.5, (10.5 - 1) / 10.5].reduce((a, b) => a + b) / 4;
    expect(r.values[0]).toBeCloseTo(expected, 10);
    expect(r.sampled).toBe(false);
  });

  it('samples above 10,000 rows, seeded', async () => {
    const { x, truth } = blobs(12_000, FOUR, 1, 4);
    const space = { num: x, cat: null, dc: 0, gamma: 0 };
    const a = await silhouettes(space, [truth], { seed: 5, maxRows: 2000 });
    const b = await silhouettes(space, [truth], { seed: 5, maxRows: 2000 });
    expect(a.sampled).toBe(true);
    expect(a.rows).toBe(2000);
    expect(a.values).toEqual(b.values);
  });

  it('sweep recommends the generating k with a reason', async () => {
    const { x } = blobs(3000, [...FOUR, [8, 8, 8]], 1, 12);
    const s = await sweepK({ num: x, cat: null, dc: 0, gamma: 0 }, 2, 8, { seed: 1, restarts: 2, cardinalities: [] });
    expect(s.recommended).toBe(5);
    expect(s.kScores.map((q) => q.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(s.reason).toMatch(/^5 groups: customers are most clearly separated into 5 groups/);
  });

  it('PCA finds the axis of largest variance', () => {
    const rng = new Rng(1);
    const n = 2000;
    const data = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      const a = rng.normal() * 10;
      data[i * 3] = a;
      data[i * 3 + 1] = a + rng.normal() * 0.1;
      data[i * 3 + 2] = rng.normal();
    }
    const p = pca2(matrix(n, 3, data));
    expect(Math.abs(p.axes[0])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(p.axes[1])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(p.explained[0]).toBeGreaterThan(0.98);
  });

  it('sampleIndices is distinct, sorted and seeded', () => {
    const a = sampleIndices(1_000_000, 500, new Rng(9));
    expect(new Set(a).size).toBe(500);
    expect(Array.from(a)).toEqual(Array.from(a).sort((p, q) => p - q));
    expect(Array.from(sampleIndices(1_000_000, 500, new Rng(9)))).toEqual(Array.from(a));
  });
});
