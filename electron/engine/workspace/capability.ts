import type { Capability } from '../capability';
import { workspaceHandlers } from './handlers';

/** The `workspace` namespace's implementation. */
export const workspaceCapability = {
  handlers: workspaceHandlers,
} satisfies Capability<'workspace'>;
