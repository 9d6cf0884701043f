import type { Capability } from '../capability';
import { segmentsHandlers } from './handlers';
import { eraseSegmentSnapshots } from './erasure';
import { refreshAfterImport } from './after-import';

/** The `segments` namespace in the engine: its handlers, its erasure step and its after-import hook. */
export const segmentsCapability = {
  handlers: segmentsHandlers,
  erasers: { 'segment snapshots': eraseSegmentSnapshots },
  afterImport: refreshAfterImport,
} satisfies Capability<'segments'>;
