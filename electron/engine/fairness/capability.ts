import type { Capability } from '../capability';
import { fairnessHandlers } from './handlers';

/** The `fairness` namespace in the engine: its handlers. */
export const fairnessCapability = {
  handlers: fairnessHandlers,
} satisfies Capability<'fairness'>;
