import type { ClusterParams } from '../../../shared/contract/ns/clusters';
import type { Workspace } from '../workspace/workspace';
import type { Fit } from './fit';

/**
 * The fits of a run's k sweep, kept in memory (the latest sweep per dataset) so that picking another k from
 * the sweep (`cluster` with `fromRun`) reuses that fit instead of fitting again. A fit for a fixed k with the
 * same seed, restarts and prepared data is the same fit, so after the workspace is reopened (or for a sweep
 * that used mini-batch k-means) picking simply fits again and gets the same result, only slower.
 */
interface KeptSweep {
  run: number;
  signature: string;
  fits: Map<number, Fit>;
}

const kept = (ws: Workspace) => ws.cache('cluster:kept-sweeps', () => new Map<string, KeptSweep>());

/** Everything a fit depends on besides k: a kept fit is only reused when all of it matches. */
export function fitSignature(p: Required<Omit<ClusterParams, 'fromRun'>>, version: number, asOf: string): string {
  return JSON.stringify([p.dataset, version, asOf, p.features, p.seed, p.scale, p.transform, p.restarts, p.includeSensitive]);
}

export function keepSweep(ws: Workspace, dataset: string, run: number, signature: string, fits: Map<number, Fit>): void {
  kept(ws).set(dataset, { run, signature, fits });
}

/** The sweep fit for k of run `fromRun`, when it is still kept and was made from the very same data and settings. */
export function keptFit(ws: Workspace, dataset: string, fromRun: number, signature: string, k: number): Fit | null {
  const s = kept(ws).get(dataset);
  if (!s || s.run !== fromRun || s.signature !== signature) return null;
  return s.fits.get(k) ?? null;
}
