import type { Capability } from '../capability';
import { customerViewHandlers } from './handlers';
import { afterWorkspaceChange } from './rebuild';

/**
 * The `customerView` namespace: the views c360_<dataset> (one row per customer, with order history,
 * RFM, lifetime value and cluster names), rebuilt after every change that can alter what they read.
 * Erasure needs no step of its own: the views read the tables erasure cleans, and the one table
 * kept here (clv-extra.ts) is registered as a table of customer IDs.
 */
export const customerViewCapability = {
  handlers: customerViewHandlers,
  afterChange: afterWorkspaceChange,
} satisfies Capability<'customerView'>;
