import type { WorkspaceProgress } from '../../shared/contract/ns/workspace';
import type { FeatureId } from '../store/navigation';
import type { MessageId } from '../../shared/i18n/catalogue';

/** One step of the guided path: where it happens and what the workspace holds once it is done. */
export interface GuideStep {
  id: 'import' | 'quality' | 'groups' | 'segment' | 'fairness' | 'response' | 'handover';
  /** The action, as the next-step button says it (a message). */
  label: MessageId;
  route: FeatureId;
  /** What to do on that view, in one sentence, for someone who has not done it before. */
  todo: MessageId;
  done(p: WorkspaceProgress): boolean;
}

/** The guided path, in order: each step is also reachable directly from the rail. */
export const GUIDE_STEPS: readonly GuideStep[] = [
  { id: 'import', label: 'app.step.import.label', route: 'data', todo: 'app.step.import.todo', done: (p) => p.data },
  { id: 'quality', label: 'app.step.quality.label', route: 'data', todo: 'app.step.quality.todo', done: (p) => p.profile },
  { id: 'groups', label: 'app.step.groups.label', route: 'clusters', todo: 'app.step.groups.todo', done: (p) => p.clusters },
  { id: 'segment', label: 'app.step.segment.label', route: 'segments', todo: 'app.step.segment.todo', done: (p) => p.segment },
  { id: 'fairness', label: 'app.step.fairness.label', route: 'responsible', todo: 'app.step.fairness.todo', done: (p) => p.audit },
  { id: 'response', label: 'app.step.response.label', route: 'outcomes', todo: 'app.step.response.todo', done: (p) => p.response },
  { id: 'handover', label: 'app.step.handover.label', route: 'reports', todo: 'app.step.handover.todo', done: (p) => p.report },
];

/** The step a view belongs to; on the Data view it is the import until a dataset exists, then the quality check. */
export function stepOfView(route: FeatureId, p: WorkspaceProgress | null): number {
  if (route === 'data') return p?.data ? 1 : 0;
  return GUIDE_STEPS.findIndex((s) => s.route === route);
}
