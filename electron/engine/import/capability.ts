import type { Capability } from '../capability';
import { datasetsHandlers } from './handlers';
import { importJob } from './job';

/** The `datasets` namespace in the engine: its handlers and the `import` job. */
export const datasetsCapability = {
  handlers: datasetsHandlers,
  jobs: { import: importJob },
} satisfies Capability<'datasets'>;
