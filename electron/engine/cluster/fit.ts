import { fitKMeans, restartsFor } from './kmeans';
import { fitKPrototypes } from './kprototypes';
import type { Space } from './space';

export interface Fit {
  labels: Int32Array;
  inertia: number;
  iterations: number;
  algorithm: 'k-means (Hamerly)' | 'k-prototypes' | 'mini-batch k-means';
}

export interface FitOptions {
  seed: number;
  /** k-means++ restarts, or 'auto' (kmeans.ts restartsFor; 3 for k-prototypes). */
  restarts: number | 'auto';
  /** Number of values per category feature (k-prototypes). */
  cardinalities: number[];
  onIteration?: (restart: number, iteration: number, restarts: number) => void | Promise<void>;
}

/** k-prototypes runs every restart on all rows with a full mode pass per iteration: 3 keeps it affordable. */
const KPROTOTYPES_AUTO_RESTARTS = 3;

/** Full fit in the prepared space: k-means when all features are numeric, k-prototypes when categories take part. */
export async function fitSpace(space: Space, k: number, opts: FitOptions): Promise<Fit> {
  if (space.cat && space.dc > 0) {
    const restarts = opts.restarts === 'auto' ? KPROTOTYPES_AUTO_RESTARTS : opts.restarts;
    const r = await fitKPrototypes(space, k, { seed: opts.seed, restarts, cardinalities: opts.cardinalities, onIteration: (r2, it) => opts.onIteration?.(r2, it, restarts) });
    return { labels: r.labels, inertia: r.inertia, iterations: r.iterations, algorithm: 'k-prototypes' };
  }
  const restarts = restartsFor(opts.restarts, space.num.n);
  const r = await fitKMeans(space.num, k, { seed: opts.seed, restarts, onIteration: (r2, it) => opts.onIteration?.(r2, it, restarts) });
  return { labels: r.labels, inertia: r.inertia, iterations: r.iterations, algorithm: 'k-means (Hamerly)' };
}
