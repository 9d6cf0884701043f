import fs from 'node:fs';
import path from 'node:path';
import { defaultWorkspaceDir } from './suggest';

export const WORKSPACE_EXT = '.sdw';

/**
 * The absolute file a workspace path names, for create and open alike (the engine's handlers and the CLI).
 * - An absolute path is used as given.
 * - A relative one ("my shop", "shops/north.sdw") resolves against `base` when the caller has a folder
 *   that the user meant (the CLI's working folder); otherwise against the user's documents folder, where
 *   the demo's suggested path goes too: the engine never writes into whatever folder its host runs in.
 * A name without an extension gets `.sdw`, unless a file of exactly that name already exists (a workspace
 * saved without one still opens).
 */
export function workspacePath(given: string, base?: string, home?: string): string {
  const dir = base ?? defaultWorkspaceDir(home);
  // The default folder (Documents/SegmentDesk) is ours to make; a folder the user named must exist.
  if (base === undefined && !fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });
  const abs = path.resolve(dir, given);
  if (path.extname(abs) !== '' || fs.existsSync(abs)) return abs;
  return abs + WORKSPACE_EXT;
}
