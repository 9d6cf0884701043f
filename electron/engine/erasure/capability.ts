import type { Capability } from '../capability';
import { erasureHandlers } from './handlers';

/** The `erasure` namespace's implementation. */
export const erasureCapability = {
  handlers: erasureHandlers,
} satisfies Capability<'erasure'>;
