import { z } from 'zod';
import { JobStatusSchema } from './jobs';

/** Everything the engine pushes to a host without being asked. */
export const EngineEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: JobStatusSchema }),
  /** Something in the open workspace changed (datasets, segments, runs): views refetch what they show. */
  z.object({ type: z.literal('workspace'), change: z.string(), path: z.string().nullable() }),
]);
export type EngineEvent = z.infer<typeof EngineEventSchema>;

// Channel names live in a schema-free module so the preload and the web shim can use them without bundling zod.
export { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';
