import type { Capability } from '../capability';
import { reportsHandlers } from './handlers';

/** The `reports` namespace in the engine: its handlers. */
export const reportsCapability = {
  handlers: reportsHandlers,
} satisfies Capability<'reports'>;
