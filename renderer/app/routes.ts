import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { FeatureId } from '../store/navigation';
import type { MessageId } from '../../shared/i18n/catalogue';

export interface FeatureRoute {
  id: FeatureId;
  /** The view's name (a message: shown with t()). */
  label: MessageId;
  /** Alt+<key> switches to the feature. */
  key: string;
  /** The shell shows "Import a dataset first" instead of the view while the workspace has no dataset. */
  needsData: boolean;
  /** The feature's view (default export of its module), or null until the feature lands. */
  view: LazyExoticComponent<ComponentType> | null;
}

/**
 * The registration point for features. To add yours: create renderer/features/<id>/<Name>View.tsx with a
 * default-exported component and set `view: lazy(() => import('../features/<id>/<Name>View'))` on its entry.
 */
export const ROUTES: readonly FeatureRoute[] = [
  { id: 'data', label: 'app.route.data', key: '1', needsData: false, view: lazy(() => import('../features/data/DataView')) },
  { id: 'clusters', label: 'app.route.clusters', key: '2', needsData: true, view: lazy(() => import('../features/clusters/ClustersView')) },
  { id: 'segments', label: 'app.route.segments', key: '3', needsData: true, view: lazy(() => import('../features/segments/SegmentsView')) },
  { id: 'responsible', label: 'app.route.responsible', key: '4', needsData: true, view: lazy(() => import('../features/responsible/ResponsibleView')) },
  { id: 'outcomes', label: 'app.route.outcomes', key: '5', needsData: true, view: lazy(() => import('../features/outcomes/OutcomesView')) },
  { id: 'reports', label: 'app.route.reports', key: '6', needsData: true, view: lazy(() => import('../features/reports/ReportsView')) },
];
