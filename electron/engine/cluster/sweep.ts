import type { Fit } from './fit';
import { fitSpace } from './fit';
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

/** Fits every k in [lo, hi], scores inertia and silhouette, and recommends the k with the best silhouette. */
export async function sweepK(space: Space, lo: number, hi: number, opts: { seed: number; restarts: number; cardinalities: number[] }, hooks: SweepHooks = {}): Promise<Sweep> {
  const n = spaceRows(space);
  const top = Math.min(hi, n - 1);
  if (top < lo) throw new Error(`a k range of ${lo}–${hi} needs more than ${lo} rows (have ${n})`);
  const ks: number[] = [];
  for (let k = lo; k <= top; k++) ks.push(k);
  const mini = n > MINIBATCH_MIN_ROWS && !space.cat;
  const fits = new Map<number, Fit>();
  const inertias: number[] = [];
  for (const [i, k] of ks.entries()) {
    hooks.progress?.(`trying k = ${k}`, i, ks.length + 1);
    const fit: Fit = mini
      ? { ...(await fitMiniBatch(space.num, k, { seed: opts.seed + k, onStep: hooks.checkpoint })), algorithm: 'mini-batch k-means' }
      : await fitSpace(space, k, { ...opts, onIteration: hooks.checkpoint });
    fits.set(k, fit);
    inertias.push(fit.inertia);
    await hooks.checkpoint?.();
  }
  hooks.progress?.('silhouette', ks.length, ks.length + 1);
  const sil = await silhouettes(
    space,
    ks.map((k) => (fits.get(k) as Fit).labels),
    { seed: opts.seed, tick: hooks.checkpoint },
  );
  const kScores = ks.map((k, i) => ({ k, inertia: inertias[i], silhouette: round(sil.values[i]) }));
  let best = kScores[0];
  for (const s of kScores) if (s.silhouette > best.silhouette) best = s;
  const elbow = elbowOf(kScores);
  const on = sil.sampled ? ` (silhouette on a seeded sample of ${sil.rows.toLocaleString('en-US')} rows)` : '';
  const reason =
    `k = ${best.k} has the highest silhouette (${best.silhouette.toFixed(2)}) of k = ${ks[0]}–${ks[ks.length - 1]}${on}` +
    (elbow === null ? '.' : elbow === best.k ? `; the inertia curve bends there too.` : `; the inertia curve bends at k = ${elbow}.`);
  return { kScores, recommended: best.k, reason, elbow, silhouetteRows: sil.rows, silhouetteSampled: sil.sampled, method: mini ? 'mini-batch' : 'full', fits };
}

/** The elbow: the k farthest below the straight line joining the first and last inertia (kneedle). */
function elbowOf(scores: KScore[]): number | null {
  if (scores.length < 3) return null;
  const first = scores[0];
  const last = scores[scores.length - 1];
  const span = first.inertia - last.inertia;
  if (span <= 0) return null;
  let best: number | null = null;
  let bestGap = 0;
  for (const s of scores) {
    const x = (s.k - first.k) / (last.k - first.k);
    const y = (first.inertia - s.inertia) / span;
    if (y - x > bestGap) {
      bestGap = y - x;
      best = s.k;
    }
  }
  return best;
}

const round = (x: number) => Math.round(x * 10000) / 10000;
