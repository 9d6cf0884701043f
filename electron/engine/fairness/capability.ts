import type { Capability } from '../capability';
import { fairnessHandlers } from './handlers';

/** The `fairness` namespace's implementation. */
export const fairnessCapability = {
  handlers: fairnessHandlers,
} satisfies Capability<'fairness'>;
