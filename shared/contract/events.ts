import { z } from 'zod';
import { JobStatusSchema } from './ns/jobs';
import { HostEventSchema } from './ns/host';

/**
 * What changed in the open workspace. Renderer slices declare which of these they depend on and refetch
 * only then; `opened`/`closed` reset every view; `external` means another process (the CLI, a second app)
 * wrote to the workspace, so every view refetches.
 */
export const WORKSPACE_CHANGES = ['opened', 'closed', 'datasets', 'segments', 'clusters', 'rfm', 'clv', 'erasure', 'asOf', 'external'] as const;
export const WorkspaceChangeSchema = z.enum(WORKSPACE_CHANGES);
export type WorkspaceChange = z.infer<typeof WorkspaceChangeSchema>;

/** Everything the engine pushes to a host without being asked. */
export const EngineEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: JobStatusSchema }),
  /** Something in the open workspace changed (datasets, segments, runs): views refetch what they show. */
  z.object({ type: z.literal('workspace'), change: WorkspaceChangeSchema, path: z.string().nullable() }),
]);
export type EngineEvent = z.infer<typeof EngineEventSchema>;

/** Everything a host pushes to the renderer: engine events plus native-menu commands. The renderer validates with it. */
export const AppEventSchema = z.union([EngineEventSchema, HostEventSchema]);
export type AppEvent = z.infer<typeof AppEventSchema>;

// Channel names live in a schema-free module so the preload and the web shim can use them without bundling zod.
export { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';
