import type { Capability } from '../capability';
import { segmentsHandlers } from './handlers';
import { eraseSegmentSnapshots } from './erasure';
import { refreshAfterImport } from './after-import';

/** The `segments` namespace's implementation. */
export const segmentsCapability = {
  handlers: segmentsHandlers,
  erasers: { 'segment snapshots': eraseSegmentSnapshots },
  afterImport: refreshAfterImport,
} satisfies Capability<'segments'>;
