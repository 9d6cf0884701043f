import type { Workspace } from '../workspace/workspace';

export interface ImportedVersion {
  dataset: string;
  version: number;
}

export type AfterImport = (ws: Workspace, imported: ImportedVersion) => void;

const hooks = new Set<AfterImport>();

/**
 * Capabilities that keep state per dataset version (segment snapshots, mirrors) list an `afterImport`
 * hook (electron/engine/capability.ts), which the engine registers here once; each runs after a new
 * version is committed. A failing hook is reported on stderr and does not
 * undo the import, which is already committed.
 */
export function onAfterImport(fn: AfterImport): void {
  hooks.add(fn);
}

export function runAfterImport(ws: Workspace, imported: ImportedVersion): void {
  for (const fn of hooks) {
    try {
      fn(ws, imported);
    } catch (err) {
      process.stderr.write(`after-import hook failed for ${imported.dataset} v${imported.version}: ${String(err)}\n`);
    }
  }
}
