import type { Capability } from '../capability';
import { datasetsHandlers } from './handlers';
import { importJob } from './job';

/** The `datasets` namespace's implementation: its handlers and jobs. */
export const datasetsCapability = {
  handlers: datasetsHandlers,
  jobs: { import: importJob },
} satisfies Capability<'datasets'>;
