import type { Workspace } from '../workspace/workspace';
import { msg } from '../../../shared/i18n/current';
import { AppError } from '../../../shared/contract/result';
import { buildMirror } from './build';
import type { Mirror } from './types';

export type { Mirror, MirrorColumn, NumberColumn, DateColumn, BooleanColumn, TextColumn } from './types';
export { BOOL_MISSING } from './types';
export { columnFrom, isoToDayNumber } from './build';
export { mirrorWith, preload } from './lazy';
export { dropStored } from './store';

function currentVersion(ws: Workspace, dataset: string): number {
  const row = ws.db.prepare('SELECT current_version FROM datasets WHERE name = ?').get(dataset) as { current_version: number } | undefined;
  if (!row) throw new AppError('NOT_FOUND', msg('data.dataset.notFound', { name: dataset }));
  return row.current_version;
}

/**
 * The columnar in-memory mirror of a dataset version (default: the current one), built on
 * first use and cached on the workspace. Mirrors of older versions of the same dataset are
 * dropped when the current one is built, so a re-import frees the previous arrays.
 */
export function getMirror(ws: Workspace, dataset: string, version?: number): Mirror {
  const current = currentVersion(ws, dataset);
  const v = version ?? current;
  // Remember which version was current when mirrors were last built; a change means a re-import.
  const seen = ws.cache(`mirror-current:${dataset}`, () => ({ version: current }));
  if (seen.version !== current) {
    invalidateMirror(ws, dataset);
    seen.version = current;
  }
  // Only the current version is kept in the stored columnar copy (store.ts).
  return ws.cache(`mirror:${dataset}:${v}`, () => buildMirror(ws.db, dataset, v, v === current));
}

/** Row index of each id (built once per mirror, for joining cluster/RFM memberships onto rows). */
export function rowIndex(ws: Workspace, m: Mirror): Map<string, number> {
  return ws.cache(`mirror-rowindex:${m.dataset}:${m.version}`, () => {
    const map = new Map<string, number>();
    m.ids.forEach((id, i) => map.set(id, i));
    return map;
  });
}

/** Forget every mirror of a dataset (called when it gets a new version or is deleted). */
export function invalidateMirror(ws: Workspace, dataset: string): void {
  ws.invalidate(`mirror:${dataset}:`);
  ws.invalidate(`mirror-rowindex:${dataset}:`);
  ws.invalidate(`mirror-customers:${dataset}:`);
  ws.invalidate(`mirror-ref:${dataset}:`);
}
