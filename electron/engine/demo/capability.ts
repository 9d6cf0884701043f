import type { Capability } from '../capability';
import { demoHandlers } from './handlers';
import { demoJob } from './job';

/** The `demo` namespace's implementation: its handlers and jobs. */
export const demoCapability = {
  handlers: demoHandlers,
  jobs: { demo: demoJob },
} satisfies Capability<'demo'>;
