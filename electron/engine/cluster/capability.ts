import type { Capability } from '../capability';
import { clustersHandlers } from './handlers';
import { clusterJob } from './job';
import { eraseClusterMemberships } from './erasure';

/** The `clusters` namespace in the engine: its handlers, the `cluster` job and its erasure step. */
export const clustersCapability = {
  handlers: clustersHandlers,
  jobs: { cluster: clusterJob },
  erasers: { 'cluster memberships': eraseClusterMemberships },
} satisfies Capability<'clusters'>;
