import type { Capability } from '../capability';
import { jobsHandlers } from './handlers';

/** The `jobs` namespace's implementation. */
export const jobsCapability = {
  handlers: jobsHandlers,
} satisfies Capability<'jobs'>;
