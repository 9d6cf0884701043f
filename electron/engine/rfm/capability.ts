import type { Capability } from '../capability';
import { rfmHandlers } from './handlers';
import { eraseRfmScores } from './erasure';

/** The `rfm` namespace's implementation. */
export const rfmCapability = {
  handlers: rfmHandlers,
  erasers: { 'rfm scores': eraseRfmScores },
} satisfies Capability<'rfm'>;
