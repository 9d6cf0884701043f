import type { Fit } from './fit';
import { msg } from '../../../shared/i18n/current';
import { fitSpace } from './fit';
import { chooseK, type ReasonFacts } from './choose-k';
import { fitMiniBatch } from './minibatch';
import { silhouettes } from './silhouette';
import type { Space } from './space';
import { spaceRows } from './space';

/** Above this many rows the sweep fits each k with mini-batch k-means (the final k is refitted in full). */
export const MINIBATCH_MIN_ROWS = 200_000;

export interface KScore {
  k: number;
  inertia: number;
  silhouette: number;
}

export interface Sweep {
  kScores: KScore[];
  recommended: number;
  reason: string;
  reasonFacts: ReasonFacts;
  elbow: number | null;
  silhouetteRows: number;
  silhouetteSampled: boolean;
  method: 'full' | 'mini-batch';
  /** The fit per k, so the final fit can be reused when the sweep already ran it in full. */
  fits: Map<number, Fit>;
}

export interface SweepHooks {
  progress?: (phase: string, done: number, total: number) => void;
  checkpoint?: () => Promise<void>;
}

/** Fits every k in [lo, hi], scores inertia and silhouette, and recommends a k (choose-k.ts says how). */
export async function sweepK(space: Space, lo: number, hi: number, opts: { seed: number; restarts: number | 'auto'; cardinalities: number[] }, hooks: SweepHooks = {}): Promise<Sweep> {
  const n = spaceRows(space);
  const top = Math.min(hi, n - 1);
  if (top < lo) throw new Error(`a k range of ${lo}–${hi} needs more than ${lo} rows (have ${n})`);
  const ks: number[] = [];
  for (let k = lo; k <= top; k++) ks.push(k);
  const mini = n > MINIBATCH_MIN_ROWS && !space.cat;
  const fits = new Map<number, Fit>();
  const inertias: number[] = [];
  for (const [i, k] of ks.entries()) {
    hooks.progress?.(msg('clusters.phase.tryingK', { k }), i, ks.length + 1);
    const fit: Fit = mini
      ? { ...(await fitMiniBatch(space.num, k, { seed: opts.seed + k, onStep: hooks.checkpoint })), algorithm: 'mini-batch k-means' }
      : await fitSpace(space, k, { ...opts, onIteration: hooks.checkpoint });
    fits.set(k, fit);
    inertias.push(fit.inertia);
    await hooks.checkpoint?.();
  }
  hooks.progress?.(msg('clusters.phase.silhouette'), ks.length, ks.length + 1);
  const sil = await silhouettes(
    space,
    ks.map((k) => (fits.get(k) as Fit).labels),
    { seed: opts.seed, tick: hooks.checkpoint },
  );
  const kScores = ks.map((k, i) => ({ k, inertia: inertias[i], silhouette: round(sil.values[i]) }));
  const choice = chooseK(
    kScores.map((s) => ({ ...s, smallestShare: smallestShare((fits.get(s.k) as Fit).labels, s.k) })),
    sil.sampled ? sil.rows : null,
  );
  return {
    kScores,
    recommended: choice.k,
    reason: choice.reason,
    reasonFacts: choice.facts,
    elbow: choice.elbow,
    silhouetteRows: sil.rows,
    silhouetteSampled: sil.sampled,
    method: mini ? 'mini-batch' : 'full',
    fits,
  };
}

/** Share of the rows in the smallest of the k clusters. */
function smallestShare(labels: Int32Array, k: number): number {
  const counts = new Float64Array(k);
  for (const l of labels) counts[l]++;
  return labels.length ? Math.min(...counts) / labels.length : 0;
}

const round = (x: number) => Math.round(x * 10000) / 10000;
