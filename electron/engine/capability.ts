import type { z } from 'zod';
import type { Contract, Handlers, Jobs, Namespace } from '../../shared/contract/api';
import type { NamespaceJobs } from '../../shared/contract/define';
import type { JobKind } from '../../shared/contract/jobs';
import type { EngineContext } from './context';
import type { Eraser } from './erasure/registry';
import type { AfterImport } from './import/hooks';
import type { JobContext } from './jobs/runner';
import type { WorkspaceChange } from '../../shared/contract/events';
import type { Workspace } from './workspace/workspace';

/** How the engine runs one declared job kind (declared with `job(params, result)` in its namespace). */
export interface JobImpl<K extends JobKind> {
  /** Human label for the jobs tray. */
  label(params: z.output<Jobs[K]['params']>): string;
  /** Jobs of the same group cancel each other (latest wins); e.g. clustering of one dataset. */
  group?(params: z.output<Jobs[K]['params']>): string | undefined;
  run(params: z.output<Jobs[K]['params']>, ctx: EngineContext, job: JobContext): Promise<z.input<Jobs[K]['result']>>;
}

/** One implementation per job the namespace declares. */
export type JobImpls<N extends Namespace> = { [K in keyof NamespaceJobs<Contract[N]> & JobKind]: JobImpl<K> };

/**
 * Everything the engine asks of one capability folder (`electron/engine/<folder>/capability.ts`), for the
 * contract namespace it implements. A namespace that declares jobs must implement each of them.
 */
export type Capability<N extends Namespace> = {
  /** One handler per method of the namespace. */
  handlers: Handlers<EngineContext>[N];
  /**
   * Erasure steps for what the capability keeps about customers beyond registered ID tables, by a stable
   * name; each runs inside the erasure transaction (erasure/erase.ts).
   */
  erasers?: Record<string, Eraser>;
  /** Runs after every committed import of a new dataset version (import/hooks.ts). */
  afterImport?: AfterImport;
  /**
   * Runs after every write that announces a workspace change (the engine's emit of a `workspace` event),
   * before hosts and views hear of it; for what is derived from the others' results (the customer view).
   */
  afterChange?: (ws: Workspace | null, change: WorkspaceChange) => void;
} & (keyof NamespaceJobs<Contract[N]> extends never ? { jobs?: never } : { jobs: JobImpls<N> });

/** The engine's capabilities: one per contract namespace, so a missing one is a compile error. */
export type Capabilities = { [N in Namespace]: Capability<N> };
