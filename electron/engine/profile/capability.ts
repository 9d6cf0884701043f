import type { Capability } from '../capability';
import { profileHandlers } from './handlers';

/** The `profile` namespace in the engine: its handlers. */
export const profileCapability = {
  handlers: profileHandlers,
} satisfies Capability<'profile'>;
