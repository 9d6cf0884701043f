import type { Capability } from '../capability';
import { auditHandlers } from './handlers';

/** The `audit` namespace's implementation. */
export const auditCapability = {
  handlers: auditHandlers,
} satisfies Capability<'audit'>;
