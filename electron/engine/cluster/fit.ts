import { fitKMeans } from './kmeans';
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
  restarts: number;
  /** Number of values per category feature (k-prototypes). */
  cardinalities: number[];
  onIteration?: (restart: number, iteration: number) => void | Promise<void>;
}

/** Full fit in the prepared space: k-means when all features are numeric, k-prototypes when categories take part. */
export async function fitSpace(space: Space, k: number, opts: FitOptions): Promise<Fit> {
  if (space.cat && space.dc > 0) {
    const r = await fitKPrototypes(space, k, { seed: opts.seed, restarts: opts.restarts, cardinalities: opts.cardinalities, onIteration: opts.onIteration });
    return { labels: r.labels, inertia: r.inertia, iterations: r.iterations, algorithm: 'k-prototypes' };
  }
  const r = await fitKMeans(space.num, k, { seed: opts.seed, restarts: opts.restarts, onIteration: opts.onIteration });
  return { labels: r.labels, inertia: r.inertia, iterations: r.iterations, algorithm: 'k-means (Hamerly)' };
}
