import type { Capability } from '../capability';
import { exportsHandlers } from './handlers';
import { exportJob } from './job';

/** The `exports` namespace's implementation: its handlers and jobs. */
export const exportsCapability = {
  handlers: exportsHandlers,
  jobs: { export: exportJob },
} satisfies Capability<'exports'>;
