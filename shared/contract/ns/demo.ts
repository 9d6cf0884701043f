import { z } from 'zod';
import { job, method } from '../define';
import { WorkspaceInfoSchema } from './workspace';

export const demo = {
  /**
   * Create a workspace at `path` (must not exist) filled with the bundled synthetic demo data
   * (customers + their orders, linked) and make it the open workspace.
   */
  create: method(z.object({ path: z.string().min(1) }), WorkspaceInfoSchema),
  jobs: {
    /** Count to `steps` with a pause of `ms` each; exists to prove progress and cancel end to end. */
    demo: job(
      z.object({ steps: z.number().int().min(1).max(10_000).default(50), ms: z.number().int().min(0).max(10_000).default(100) }),
      z.object({ steps: z.number().int() }),
    ),
  },
} as const;
