import { z } from 'zod';
import { method } from '../define';
import { WorkspaceInfoSchema } from './workspace';

export const demo = {
  /**
   * Create a workspace at `path` (must not exist) filled with the bundled synthetic demo data
   * (customers + their orders, linked) and make it the open workspace.
   */
  create: method(z.object({ path: z.string().min(1) }), WorkspaceInfoSchema),
} as const;
