import type { KMeansResult } from './kmeans';
import { assignAllParallel } from './kmeans';
import { asShared, sharedInt32 } from './parallel';
import { kmeansPlusPlus } from './kmeanspp';
import type { Matrix } from './matrix';
import { takeRows } from './matrix';
import { Rng, sampleIndices } from './rng';

/**
 * Mini-batch k-means (Sculley 2010) for very large n: seeds with k-means++ on a sample,
 * then moves centres with per-centre learning rates over random batches. Used for the
 * k sweep over a million rows, where a full fit per k would be wasted work; the final
 * fit of the chosen k runs full k-means. Labels and inertia come from one exact pass.
 */
export async function fitMiniBatch(
  x: Matrix,
  k: number,
  opts: { seed: number; batchSize?: number; steps?: number; initSample?: number; onStep?: (step: number) => void | Promise<void> },
): Promise<KMeansResult> {
  const { n, d, data } = x;
  const rng = new Rng(opts.seed);
  const seedRows = takeRows(x, sampleIndices(n, Math.min(n, opts.initSample ?? Math.max(20 * k * 100, 10_000)), rng.fork(1)));
  const centers = await kmeansPlusPlus(seedRows, k, rng.fork(2));
  const counts = new Float64Array(k);
  const batch = Math.min(n, opts.batchSize ?? 4096);
  const steps = opts.steps ?? 100;
  const batchLabels = new Int32Array(batch);
  const idx = new Int32Array(batch);
  for (let step = 1; step <= steps; step++) {
    for (let b = 0; b < batch; b++) {
      const i = rng.int(n);
      idx[b] = i;
      let best = Infinity;
      let bj = 0;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) {
          const v = data[i * d + t] - centers[j * d + t];
          s += v * v;
        }
        if (s < best) {
          best = s;
          bj = j;
        }
      }
      batchLabels[b] = bj;
    }
    for (let b = 0; b < batch; b++) {
      const j = batchLabels[b];
      counts[j]++;
      const eta = 1 / counts[j];
      const i = idx[b];
      for (let t = 0; t < d; t++) centers[j * d + t] += eta * (data[i * d + t] - centers[j * d + t]);
    }
    if (step % 10 === 0) await opts.onStep?.(step);
  }
  const labels = sharedInt32(n);
  const { inertia } = await assignAllParallel({ ...x, data: asShared(x.data) }, centers, k, labels);
  return { centers, labels, inertia, iterations: steps, converged: true };
}
