import type { Capability } from '../capability';
import { workspaceHandlers } from './handlers';

/** The `workspace` namespace in the engine: its handlers. */
export const workspaceCapability = {
  handlers: workspaceHandlers,
} satisfies Capability<'workspace'>;
