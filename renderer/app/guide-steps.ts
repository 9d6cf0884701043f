import type { WorkspaceProgress } from '../../shared/contract/ns/workspace';
import type { FeatureId } from '../store/navigation';

/** One step of the guided path: where it happens and what the workspace holds once it is done. */
export interface GuideStep {
  id: 'import' | 'quality' | 'groups' | 'segment' | 'fairness' | 'response' | 'handover';
  /** The action, as the next-step button says it. */
  label: string;
  route: FeatureId;
  /** What to do on that view, in one sentence, for someone who has not done it before. */
  todo: string;
  done(p: WorkspaceProgress): boolean;
}

/** The guided path, in order: each step is also reachable directly from the rail. */
export const GUIDE_STEPS: readonly GuideStep[] = [
  { id: 'import', label: 'Import your file', route: 'data', todo: 'Drop or choose a customer or orders file.', done: (p) => p.data },
  { id: 'quality', label: 'Check data quality', route: 'data', todo: 'Look at the Profile tab: missing values, odd values and columns to leave out.', done: (p) => p.profile },
  { id: 'groups', label: 'Find groups', route: 'clusters', todo: 'Pick a few columns that describe customers and let SegmentDesk find groups of similar customers.', done: (p) => p.clusters },
  { id: 'segment', label: 'Build a segment', route: 'segments', todo: 'Describe the customers you want to reach with a few conditions, watch the count, and save it.', done: (p) => p.segment },
  { id: 'fairness', label: 'Check fairness', route: 'responsible', todo: 'Run the audit to see whether the segment treats groups such as gender or age very differently.', done: (p) => p.audit },
  { id: 'response', label: 'Measure response', route: 'outcomes', todo: 'Compare how segments responded to a campaign, or estimate what customers are worth.', done: (p) => p.response },
  { id: 'handover', label: 'Hand over', route: 'reports', todo: 'Save a report to share, or export the segment’s customers for a campaign.', done: (p) => p.report },
];

/** The step a view belongs to; on the Data view it is the import until a dataset exists, then the quality check. */
export function stepOfView(route: FeatureId, p: WorkspaceProgress | null): number {
  if (route === 'data') return p?.data ? 1 : 0;
  return GUIDE_STEPS.findIndex((s) => s.route === route);
}
