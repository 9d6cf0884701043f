import { adjustedRandIndex, bestJaccard } from './agreement';
import { fitSpace } from './fit';
import { Rng, sampleIndices } from './rng';
import type { Space } from './space';
import { spaceRows, takeSpace } from './space';

/** Below this mean Jaccard a cluster is flagged unstable (Hennig's rule of thumb: < 0.6 is doubtful). */
export const UNSTABLE_BELOW = 0.6;

export interface Stability {
  /** Mean adjusted Rand index between the run and its re-runs on subsamples. */
  ari: number;
  /** Mean best-match Jaccard per cluster. */
  jaccard: number[];
  unstable: number[];
  rounds: number;
  rows: number;
}

/**
 * Re-clusters seeded subsamples (80% of rows, at most `maxRows`) with new seeds and compares
 * them with the run on the same rows: how much of the structure is real, how much is chance.
 */
export async function stabilityOf(
  space: Space,
  labels: Int32Array,
  k: number,
  opts: { seed: number; cardinalities: number[]; rounds?: number; maxRows?: number },
  checkpoint?: (round: number) => Promise<void>,
): Promise<Stability> {
  const n = spaceRows(space);
  const rounds = opts.rounds ?? 5;
  const m = Math.max(k + 1, Math.min(Math.floor(0.8 * n), opts.maxRows ?? 20_000));
  const rng = new Rng(opts.seed ^ 0x5bd1e995);
  const sums = new Float64Array(k);
  let ariSum = 0;
  for (let r = 0; r < rounds; r++) {
    const idx = sampleIndices(n, Math.min(n, m), rng.fork(r));
    const sub = takeSpace(space, idx);
    const fit = await fitSpace(sub, k, { seed: opts.seed + 1000 + r, restarts: 1, cardinalities: opts.cardinalities, onIteration: () => checkpoint?.(r) });
    const orig = Int32Array.from(idx, (i) => labels[i]);
    ariSum += adjustedRandIndex(orig, fit.labels);
    bestJaccard(orig, fit.labels, k).forEach((j, c) => (sums[c] += j));
    await checkpoint?.(r + 1);
  }
  const jaccard = Array.from(sums, (s) => Math.round((s / rounds) * 1000) / 1000);
  return {
    ari: Math.round((ariSum / rounds) * 1000) / 1000,
    jaccard,
    unstable: jaccard.flatMap((j, c) => (j < UNSTABLE_BELOW ? [c] : [])),
    rounds,
    rows: Math.min(n, m),
  };
}
