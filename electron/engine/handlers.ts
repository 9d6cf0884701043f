import type { Handlers } from '../../shared/contract/api';
import type { EngineContext } from './context';
import { workspaceHandlers } from './workspace/handlers';
import { jobsHandlers } from './jobs/handlers';
import { datasetsHandlers } from './import/handlers';
import { profileHandlers } from './profile/handlers';
import { demoHandlers } from './demo/handlers';
import { auditHandlers } from './audit/handlers';
import { fairnessHandlers } from './fairness/handlers';
import { erasureHandlers } from './erasure/handlers';
import { exportsHandlers } from './export/handlers';
import { reportsHandlers } from './report/handlers';
import { segmentsHandlers } from './segments/handlers';
import { rfmHandlers } from './rfm/handlers';
import { outcomesHandlers } from './outcomes/handlers';
import { clustersHandlers } from './cluster/handlers';

/** Every method of the contract; a namespace or method without a handler fails to compile. */
export const handlers = {
  workspace: workspaceHandlers,
  jobs: jobsHandlers,
  datasets: datasetsHandlers,
  profile: profileHandlers,
  demo: demoHandlers,
  audit: auditHandlers,
  fairness: fairnessHandlers,
  erasure: erasureHandlers,
  exports: exportsHandlers,
  reports: reportsHandlers,
  segments: segmentsHandlers,
  rfm: rfmHandlers,
  outcomes: outcomesHandlers,
  clusters: clustersHandlers,
} satisfies Handlers<EngineContext>;
