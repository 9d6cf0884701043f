import type { Capability } from '../capability';
import { clustersHandlers } from './handlers';
import { clusterJob } from './job';
import { eraseClusterMemberships } from './erasure';

/** The `clusters` namespace's implementation: its handlers and jobs. */
export const clustersCapability = {
  handlers: clustersHandlers,
  jobs: { cluster: clusterJob },
  erasers: { 'cluster memberships': eraseClusterMemberships },
} satisfies Capability<'clusters'>;
