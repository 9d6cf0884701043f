import type { Capability } from '../capability';
import { exportsHandlers } from './handlers';
import { exportJob } from './job';

/** The `exports` namespace in the engine: its handlers and the `export` job. */
export const exportsCapability = {
  handlers: exportsHandlers,
  jobs: { export: exportJob },
} satisfies Capability<'exports'>;
