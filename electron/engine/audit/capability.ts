import type { Capability } from '../capability';
import { auditHandlers } from './handlers';

/** The `audit` namespace in the engine: its handlers. */
export const auditCapability = {
  handlers: auditHandlers,
} satisfies Capability<'audit'>;
