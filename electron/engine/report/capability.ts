import type { Capability } from '../capability';
import { reportsHandlers } from './handlers';

/** The `reports` namespace's implementation. */
export const reportsCapability = {
  handlers: reportsHandlers,
} satisfies Capability<'reports'>;
