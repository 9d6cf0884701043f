import type { Handlers } from '../../shared/contract/api';
import type { JobKind } from '../../shared/contract/jobs';
import type { Capabilities, JobImpl } from './capability';
import type { EngineContext } from './context';
import { registerEraser } from './erasure/registry';
import { onAfterImport } from './import/hooks';
import { workspaceCapability } from './workspace/capability';
import { jobsCapability } from './jobs/capability';
import { datasetsCapability } from './import/capability';
import { profileCapability } from './profile/capability';
import { demoCapability } from './demo/capability';
import { auditCapability } from './audit/capability';
import { fairnessCapability } from './fairness/capability';
import { erasureCapability } from './erasure/capability';
import { exportsCapability } from './export/capability';
import { reportsCapability } from './report/capability';
import { segmentsCapability } from './segments/capability';
import { rfmCapability } from './rfm/capability';
import { clustersCapability } from './cluster/capability';
import { outcomesCapability } from './outcomes/capability';
import { customerViewCapability } from './customer-view/capability';
import { i18nCapability } from './i18n/capability';
import type { WorkspaceChange } from '../../shared/contract/events';
import type { Workspace } from './workspace/workspace';

/**
 * Every capability of the engine, one per contract namespace (the type makes a missing namespace, method
 * or job implementation a compile error). Adding a capability: its folder with a capability.ts, and one line here.
 * Erasure steps run in this order.
 */
export const CAPABILITIES = {
  workspace: workspaceCapability,
  jobs: jobsCapability,
  datasets: datasetsCapability,
  profile: profileCapability,
  demo: demoCapability,
  audit: auditCapability,
  fairness: fairnessCapability,
  erasure: erasureCapability,
  exports: exportsCapability,
  reports: reportsCapability,
  segments: segmentsCapability,
  rfm: rfmCapability,
  clusters: clustersCapability,
  outcomes: outcomesCapability,
  customerView: customerViewCapability,
  i18n: i18nCapability,
} satisfies Capabilities;

const all = Object.values(CAPABILITIES) as Capabilities[keyof Capabilities][];

/** Every method's handler, by namespace. */
export const HANDLERS = Object.fromEntries(Object.entries(CAPABILITIES).map(([ns, c]) => [ns, c.handlers])) as unknown as Handlers<EngineContext>;

/** Every declared job's implementation, by kind (the Capability type requires each namespace's jobs). */
export const JOB_IMPLS = Object.assign({}, ...all.map((c) => c.jobs ?? {})) as { [K in JobKind]: JobImpl<K> };

/** The capabilities' after-change hooks, in capability order (the engine runs them on every workspace event). */
export const AFTER_CHANGE: ((ws: Workspace | null, change: WorkspaceChange) => void)[] = all.flatMap((c) => (c.afterChange ? [c.afterChange] : []));

let hooksRegistered = false;

/** Registers the capabilities' erasure steps and after-import hooks (once per process; engines share them). */
export function registerCapabilityHooks(): void {
  if (hooksRegistered) return;
  hooksRegistered = true;
  for (const c of all) {
    for (const [name, step] of Object.entries(c.erasers ?? {})) registerEraser(name, step);
    if (c.afterImport) onAfterImport(c.afterImport);
  }
}
