import { AppError } from '../../../shared/contract/result';
import type { ExportSource } from '../../../shared/contract/ns/exports';
import type { Workspace } from '../workspace/workspace';

/**
 * The rowids (of the dataset's current version) an export source stands for, or null for
 * "every row". Segment and cluster membership come from their capabilities' engine functions.
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

// Replaced by calls into the segments and clustering capabilities as soon as they land.
function segmentMembers(_ws: Workspace, dataset: string, name: string): number[] {
  throw new AppError('NOT_FOUND', `no segment named "${name}" in dataset "${dataset}" (segments are not available in this build yet)`, { dataset, segment: name });
}

function clusterMembers(_ws: Workspace, dataset: string, run: string, cluster: number): number[] {
  throw new AppError('NOT_FOUND', `no clustering run "${run}" (cluster ${cluster}) for dataset "${dataset}" (clustering is not available in this build yet)`, { dataset, run });
}
