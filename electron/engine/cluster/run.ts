import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';
import type { Explanation } from './explain';
import { explainClusters } from './explain';
import type { Fit } from './fit';
import { fitSpace } from './fit';
import type { Pca2 } from './pca';
import { PCA_SAMPLE, spacePca } from './pca';
import type { Prepared, RawColumn, Scale, TransformMode } from './prepare';
import { prepareFeatures } from './prepare';
import { Rng, sampleIndices } from './rng';
import { silhouettes } from './silhouette';
import type { Stability } from './stability';
import { stabilityOf } from './stability';
import type { KScore } from './sweep';
import type { ReasonFacts } from './choose-k';
import { sweepK } from './sweep';

export interface RunSettings {
  k: number | 'auto';
  kRange: [number, number];
  seed: number;
  scale: Scale;
  transform: TransformMode;
  restarts: number | 'auto';
  includeSensitive: boolean;
  stabilityRounds: number;
}

export interface RunHooks {
  report(phase: string, done: number, total: number): void;
  /** Yields and throws when the run was cancelled. */
  checkpoint(): Promise<void>;
}

export interface ComputedRun {
  k: number;
  fit: Fit;
  silhouette: number | null;
  silhouetteRows: number;
  silhouetteSampled: boolean;
  fitMs: number;
  kScores: KScore[];
  recommendedK: number | null;
  reason: string | null;
  reasonFacts: ReasonFacts | null;
  stability: Stability | null;
  explanation: Explanation;
  prepared: Prepared;
  pca: Pca2;
  /** Every k's fit from a full (not mini-batch) sweep, so another k can be picked without fitting again. */
  sweepFits: Map<number, Fit> | null;
}

/**
 * The whole clustering pipeline over already-loaded columns: prepare, choose k, fit, explain, check stability.
 * `asOf` is the date the date columns were counted back from (featureColumns): explanations then show dates.
 */
export async function computeRun(cols: RawColumn[], s: RunSettings, hooks: RunHooks, asOf?: string, reuse?: Fit): Promise<ComputedRun> {
  hooks.report(msg('clusters.phase.preparing'), 0, 0);
  let prepared: Prepared;
  try {
    prepared = prepareFeatures(cols, { scale: s.scale, transform: s.transform, includeSensitive: s.includeSensitive });
  } catch (e) {
    throw new AppError('BAD_INPUT', (e as Error).message);
  }
  const { space } = prepared;
  const cardinalities = prepared.categories.map((c) => c.labels.length);
  const n = prepared.n;
  if (n < 3) throw new AppError('BAD_INPUT', msg('clusters.errors.tooFewRows', { n }));
  await hooks.checkpoint();

  const t0 = performance.now();
  let k: number;
  let kScores: KScore[] = [];
  let recommendedK: number | null = null;
  let reason: string | null = null;
  let reasonFacts: ReasonFacts | null = null;
  let fit: Fit | null = null;
  let sweepFits: Map<number, Fit> | null = null;
  let sil: { value: number; rows: number; sampled: boolean } | null = null;
  if (s.k === 'auto') {
    const sweep = await sweepK(space, s.kRange[0], Math.min(s.kRange[1], n - 1), { seed: s.seed, restarts: s.restarts, cardinalities }, {
      progress: (phase, done, total) => hooks.report(phase, done, total),
      checkpoint: hooks.checkpoint,
    });
    k = sweep.recommended;
    kScores = sweep.kScores;
    recommendedK = sweep.recommended;
    reason = sweep.reason;
    reasonFacts = sweep.reasonFacts;
    const score = sweep.kScores.find((q) => q.k === k);
    if (score) sil = { value: score.silhouette, rows: sweep.silhouetteRows, sampled: sweep.silhouetteSampled };
    // A full-mode sweep already ran the final fit with the same seed and restarts.
    if (sweep.method === 'full') {
      fit = sweep.fits.get(k) ?? null;
      sweepFits = sweep.fits;
    }
  } else {
    if (s.k >= n) throw new AppError('BAD_INPUT', msg('clusters.errors.kTooLarge', { k: s.k, n }));
    k = s.k;
    if (reuse && reuse.labels.length === n) fit = reuse;
  }
  if (!fit) {
    const fixedK = k;
    fit = await fitSpace(space, k, {
      seed: s.seed,
      restarts: s.restarts,
      cardinalities,
      onIteration: async (r, it, of) => {
        // Iterations until convergence are not known in advance: restarts are the measurable part.
        hooks.report(msg('clusters.phase.restart', { k: fixedK, restart: r + 1, of, iteration: it }), r, of);
        await hooks.checkpoint();
      },
    });
  }
  const fitMs = performance.now() - t0;
  if (!sil) {
    hooks.report(msg('clusters.phase.silhouette'), 0, 0);
    const r = await silhouettes(space, [fit.labels], { seed: s.seed, tick: hooks.checkpoint });
    sil = { value: Math.round(r.values[0] * 10000) / 10000, rows: r.rows, sampled: r.sampled };
  }
  if (s.k !== 'auto') kScores = [{ k, inertia: fit.inertia, silhouette: sil.value }];

  hooks.report(msg('clusters.phase.explaining'), 0, 0);
  await hooks.checkpoint();
  const explanation = explainClusters(prepared, fit.labels, k, asOf);
  let stability: Stability | null = null;
  if (s.stabilityRounds > 0) {
    hooks.report(msg('clusters.phase.stability'), 0, s.stabilityRounds);
    stability = await stabilityOf(space, fit.labels, k, { seed: s.seed, cardinalities, rounds: s.stabilityRounds }, async (round) => {
      hooks.report(msg('clusters.phase.stability'), round, s.stabilityRounds);
      await hooks.checkpoint();
    });
  }
  // The map's axes: PCA of the clustering space itself (categories one-hot, weighted as k-prototypes compares them).
  const pca = spacePca(space, n > PCA_SAMPLE ? sampleIndices(n, PCA_SAMPLE, new Rng(s.seed)) : undefined);
  return { k, fit, silhouette: sil.value, silhouetteRows: sil.rows, silhouetteSampled: sil.sampled, fitMs, kScores, recommendedK, reason, reasonFacts, stability, explanation, prepared, pca, sweepFits };
}
