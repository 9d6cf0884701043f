import { AppError } from '../../../shared/contract/result';
import type { ExportSource } from '../../../shared/contract/ns/exports';
import { quoteIdent } from '../db/open';
import { getDataset, versionTable } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';
import { segmentMask } from '../segments/live';
import { segmentByName } from '../segments/snapshot';

/**
 * The rowids (of the dataset's current version) an export source stands for, or null for
 * "every row". Segment membership is the segment evaluated live (segments capability);
 * cluster membership is the run's stored assignment (clustering capability's tables).
 */
export function memberRowids(ws: Workspace, dataset: string, source: ExportSource): number[] | null {
  switch (source.kind) {
    case 'dataset':
      return null;
    case 'segment':
      return segmentMembers(ws, dataset, source.name);
    case 'cluster':
      return clusterMembers(ws, dataset, source.run, source.cluster);
  }
}

function currentRowids(ws: Workspace, dataset: string): number[] {
  return ws.db.prepare(`SELECT rowid FROM ${quoteIdent(versionTable(ws.db, dataset))} ORDER BY rowid`).pluck().all() as number[];
}

function segmentMembers(ws: Workspace, dataset: string, name: string): number[] {
  const seg = segmentByName(ws, name);
  if (seg.dataset !== dataset) throw new AppError('BAD_INPUT', `segment "${name}" belongs to dataset "${seg.dataset}", not "${dataset}"`, { segment: name, dataset });
  const { mask } = segmentMask(ws, name);
  // The mirror holds the current version in rowid order, so mask position i is the i-th rowid.
  const rowids = currentRowids(ws, dataset);
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(rowids[i]);
  return out;
}

function clusterMembers(ws: Workspace, dataset: string, run: string, cluster: number): number[] {
  const runId = Number(run);
  const r = Number.isInteger(runId)
    ? (ws.db.prepare('SELECT id, dataset, version, k FROM cluster_runs WHERE id = ?').get(runId) as { id: number; dataset: string; version: number; k: number } | undefined)
    : undefined;
  if (!r) throw new AppError('NOT_FOUND', `no clustering run "${run}"`, { run });
  if (r.dataset !== dataset) throw new AppError('BAD_INPUT', `clustering run ${run} was made on dataset "${r.dataset}", not "${dataset}"`, { run, dataset });
  // Cluster numbers are 1-based, as the clustering capability stores and shows them.
  if (cluster < 1 || cluster > r.k) throw new AppError('BAD_INPUT', `clustering run ${run} has clusters 1 to ${r.k}, not ${cluster}`, { run, cluster });
  const ds = getDataset(ws.db, dataset);
  if (r.version === ds.version) {
    return ws.db.prepare('SELECT row_id FROM cluster_members WHERE run_id = ? AND cluster = ? ORDER BY row_id').pluck().all(r.id, cluster) as number[];
  }
  // The run predates a re-import: carry its customers over to the current version by ID.
  if (!ds.idColumn) throw new AppError('BAD_INPUT', `clustering run ${run} was made on version ${r.version} of "${dataset}" and the dataset has no ID column to match customers; run it again`, { run });
  const ids = new Set(ws.db.prepare('SELECT id FROM cluster_members WHERE run_id = ? AND cluster = ?').pluck().all(r.id, cluster) as string[]);
  const stmt = ws.db.prepare(`SELECT rowid, CAST(${quoteIdent(ds.idColumn)} AS TEXT) FROM ${quoteIdent(versionTable(ws.db, dataset))} ORDER BY rowid`).raw();
  const out: number[] = [];
  for (const [rowid, id] of stmt.iterate() as Iterable<[number, string | null]>) if (id !== null && ids.has(id)) out.push(rowid);
  return out;
}
