import { z } from 'zod';
import { JobStatusSchema } from './jobs';

/** Everything the engine pushes to a host without being asked. */
export const EngineEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: JobStatusSchema }),
  /** Something in the open workspace changed (datasets, segments, runs): views refetch what they show. */
  z.object({ type: z.literal('workspace'), change: z.string(), path: z.string().nullable() }),
]);
export type EngineEvent = z.infer<typeof EngineEventSchema>;

/** The event channel name used by every host (IPC channel, SSE event name). */
export const EVENT_CHANNEL = 'segmentdesk:event';
/** The request channel name used by the Electron IPC host. */
export const INVOKE_CHANNEL = 'segmentdesk:invoke';
