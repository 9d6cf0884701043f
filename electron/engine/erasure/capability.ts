import type { Capability } from '../capability';
import { erasureHandlers } from './handlers';

/** The `erasure` namespace in the engine: its handlers. */
export const erasureCapability = {
  handlers: erasureHandlers,
} satisfies Capability<'erasure'>;
