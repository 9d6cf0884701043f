import { AppError } from '../../../shared/contract/result';
import type { ExportSource } from '../../../shared/contract/ns/exports';
import { getMirror } from '../mirror';
import { mirrorRowids } from '../mirror/cells';
import type { Workspace } from '../workspace/workspace';
import { ruleMask, segmentMask } from '../segments/live';
import { segmentByName } from '../segments/snapshot';
import { clusterMemberRowids } from '../cluster/store';

/**
 * The rowids (of the dataset's current version) an export source stands for, or null for
 * "every row". Segment and RFM-segment membership are rules evaluated live (segments capability);
 * cluster membership is the run's stored assignment (clustering capability).
 */
export function memberRowids(ws: Workspace, dataset: string, source: ExportSource): number[] | null {
  switch (source.kind) {
    case 'dataset':
      return null;
    case 'segment':
      return segmentMembers(ws, dataset, source.name);
    case 'cluster':
      return clusterMembers(ws, dataset, source.run, source.cluster);
    case 'rfm':
      return maskRowids(ws, dataset, ruleMask(ws, dataset, { rfm: source.segment }).mask);
  }
}

function segmentMembers(ws: Workspace, dataset: string, name: string): number[] {
  const seg = segmentByName(ws, name);
  if (seg.dataset !== dataset) throw new AppError('BAD_INPUT', `segment "${name}" belongs to dataset "${seg.dataset}", not "${dataset}"`, { segment: name, dataset });
  return maskRowids(ws, dataset, segmentMask(ws, name).mask);
}

/** The mirror holds the current version in rowid order, so mask position i is the i-th rowid. */
function maskRowids(ws: Workspace, dataset: string, mask: Uint8Array): number[] {
  const rowids = mirrorRowids(ws.db, getMirror(ws, dataset));
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(rowids[i]);
  return out;
}

function clusterMembers(ws: Workspace, dataset: string, run: string, cluster: number): number[] {
  // The run's stored assignment (1-based clusters); refused when the dataset was re-imported since the run.
  return clusterMemberRowids(ws, dataset, run, cluster);
}
