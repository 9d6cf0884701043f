import type { Workspace } from '../workspace/workspace';

/**
 * The columns a clustering run used as features, so proxy warnings can point at them.
 * Read from the clusters capability's run table when it records them; an empty set otherwise.
 */
export function runFeatures(ws: Workspace, run: string): Set<string> {
  const table = ws.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('cluster_runs', 'clustering_runs') ORDER BY name").pluck().get() as string | undefined;
  if (!table) return new Set();
  const cols = new Set(ws.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]);
  const featureCol = ['features_json', 'features', 'columns_json'].find((c) => cols.has(c));
  const idCol = ['id', 'run_id', 'run'].find((c) => cols.has(c));
  if (!featureCol || !idCol) return new Set();
  const raw = ws.db.prepare(`SELECT "${featureCol}" FROM "${table}" WHERE CAST("${idCol}" AS TEXT) = ?`).pluck().get(run) as string | undefined;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) return new Set(parsed.map((f) => (typeof f === 'string' ? f : typeof f === 'object' && f && 'name' in f ? String((f as { name: unknown }).name) : '')).filter(Boolean));
  } catch {
    /* not JSON: no features known */
  }
  return new Set();
}
