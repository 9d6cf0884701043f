import type { Capability } from '../capability';
import { outcomesHandlers } from './handlers';
import { clvJob } from './job';
import { eraseClvScores } from './erasure';

/** The `outcomes` namespace in the engine: its handlers, the `clv` job and its erasure step. */
export const outcomesCapability = {
  handlers: outcomesHandlers,
  jobs: { clv: clvJob },
  erasers: { 'clv scores': eraseClvScores },
} satisfies Capability<'outcomes'>;
