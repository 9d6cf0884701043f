import type { Capability } from '../capability';
import { profileHandlers } from './handlers';

/** The `profile` namespace's implementation. */
export const profileCapability = {
  handlers: profileHandlers,
} satisfies Capability<'profile'>;
