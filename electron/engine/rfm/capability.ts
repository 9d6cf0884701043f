import type { Capability } from '../capability';
import { rfmHandlers } from './handlers';
import { eraseRfmScores } from './erasure';

/** The `rfm` namespace in the engine: its handlers and its erasure step. */
export const rfmCapability = {
  handlers: rfmHandlers,
  erasers: { 'rfm scores': eraseRfmScores },
} satisfies Capability<'rfm'>;
