import type { Capability } from '../capability';
import { demoHandlers } from './handlers';
import { demoJob } from './job';

/** The `demo` namespace in the engine: its handlers and the `demo` job. */
export const demoCapability = {
  handlers: demoHandlers,
  jobs: { demo: demoJob },
} satisfies Capability<'demo'>;
