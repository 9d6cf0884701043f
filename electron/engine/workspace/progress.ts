import type { WorkspaceProgress } from '../../../shared/contract/ns/workspace';
import type { Workspace } from './workspace';

/** Steps of the guided path that leave nothing else in the workspace to see them by, kept as meta flags. */
export type MarkedStep = 'profile' | 'audit' | 'response';

const KEY: Record<MarkedStep, string> = { profile: 'guide_profile', audit: 'guide_audit', response: 'guide_response' };

/**
 * Notes that the user looked at a step's result. Never fails the call it rides on: a read-only (damaged)
 * workspace simply keeps its progress as it was.
 */
export function markStep(ws: Workspace, step: MarkedStep): void {
  try {
    if (ws.meta(KEY[step]) === null) ws.setMeta(KEY[step], new Date().toISOString());
  } catch {
    /* read-only workspace: progress is a convenience, not worth an error */
  }
}

const has = (ws: Workspace, sql: string): boolean => ws.db.prepare(sql).pluck().get() !== undefined;

/** What the guided path shows as done, derived from what the workspace holds. */
export function readProgress(ws: Workspace): WorkspaceProgress {
  return {
    data: has(ws, 'SELECT 1 FROM datasets LIMIT 1'),
    profile: ws.meta(KEY.profile) !== null,
    clusters: has(ws, 'SELECT 1 FROM cluster_runs LIMIT 1'),
    segment: has(ws, 'SELECT 1 FROM segments LIMIT 1'),
    audit: ws.meta(KEY.audit) !== null,
    response: ws.meta(KEY.response) !== null,
    report: has(ws, "SELECT 1 FROM audit_log WHERE action = 'report' LIMIT 1"),
  };
}
