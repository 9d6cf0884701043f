import type { Capability } from '../capability';
import { jobsHandlers } from './handlers';

/** The `jobs` namespace in the engine: its handlers. */
export const jobsCapability = {
  handlers: jobsHandlers,
} satisfies Capability<'jobs'>;
