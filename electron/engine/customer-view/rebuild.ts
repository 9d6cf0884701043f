import type { WorkspaceChange } from '../../../shared/contract/events';
import { quoteIdent } from '../db/open';
import type { Workspace } from '../workspace/workspace';
import { dropStaleClvExtras, ensureClvExtra, forgetSavedSummaries } from './clv-extra';
import { ensureOrderStats, dropStaleOrderStats, orderStatsTable } from './order-stats';
import { planView, VIEW_PREFIX, viewDatasets, type ViewPlan } from './plan';

/**
 * Changes after which a view may read something else: a new or removed dataset version or link, a
 * new RFM/CLV/cluster run, an erasure, a new as-of date; `opened` creates views a workspace made by an
 * earlier release lacks. The CLI's own writes rebuild in the CLI's engine, so `external` needs nothing.
 */
export const REBUILD_ON: ReadonlySet<WorkspaceChange> = new Set(['opened', 'datasets', 'clusters', 'rfm', 'clv', 'erasure', 'asOf']);

/** Caches of what is read from the customer views (segments' derived fields): dropped on every change that may alter a view. */
export const VIEW_CACHE_PREFIX = 'c360:';

/**
 * Bring every customer view in line with the workspace: (re)create those whose definition changed
 * and drop those of datasets that no longer have one. A view whose SQL is unchanged is left alone,
 * so a change that touches nothing it reads costs a few catalogue queries and no write.
 */
export function rebuildCustomerViews(ws: Workspace): { built: string[]; dropped: string[]; plans: ViewPlan[] } {
  const db = ws.db;
  dropStaleClvExtras(ws);
  const plans: ViewPlan[] = [];
  const datasetNames = new Set(viewDatasets(ws));
  for (const name of datasetNames) {
    let p: ViewPlan | null;
    try {
      p = planView(ws, name);
    } catch {
      // One dataset that cannot be planned (describe reports why) leaves the others current; its old view goes.
      p = null;
    }
    // A dataset literally named c360_<other> owns that name as its own view: it is not replaced.
    if (p && !datasetNames.has(p.view)) plans.push(p);
  }
  try {
    for (const p of plans) if (p.clvFrom) ensureClvExtra(ws, p.clvFrom);
  } finally {
    forgetSavedSummaries(ws);
  }
  const stats = new Map(plans.flatMap((p) => p.orderStats).map((s) => [orderStatsTable(s.transactions), s]));
  for (const s of stats.values()) ensureOrderStats(ws, s);
  const existing = new Map(
    (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'view' AND substr(name, 1, 5) = ?").all(VIEW_PREFIX) as { name: string; sql: string }[]).map((r) => [r.name, r.sql]),
  );
  const wanted = new Set(plans.map((p) => p.view));
  const built: string[] = [];
  const dropped: string[] = [];
  db.transaction(() => {
    // The cluster_<run> columns look customers up by run and ID (the clusters capability keys members by row).
    if (plans.some((p) => p.columns.some((c) => c.source.startsWith('cluster:'))))
      db.exec('CREATE INDEX IF NOT EXISTS customer_view_cluster_members_by_id ON cluster_members(run_id, id, row_index)');
    for (const name of existing.keys()) {
      if (wanted.has(name) || datasetNames.has(name)) continue;
      db.exec(`DROP VIEW IF EXISTS ${quoteIdent(name)}`);
      dropped.push(name);
    }
    for (const p of plans) {
      if (existing.get(p.view) === p.create) continue;
      db.exec(`DROP VIEW IF EXISTS ${quoteIdent(p.view)}`);
      db.exec(p.create);
      built.push(p.view);
    }
  })();
  dropStaleOrderStats(ws, new Set(stats.keys()));
  return { built, dropped, plans };
}

/** After a workspace change: rebuild when it may matter; a workspace that cannot be written (damaged, read-only) keeps its views. */
export function afterWorkspaceChange(ws: Workspace | null, change: WorkspaceChange): void {
  if (!ws || !REBUILD_ON.has(change)) return;
  ws.invalidate(VIEW_CACHE_PREFIX);
  if (!ws.db.open || ws.db.readonly) return;
  // Opening (every CLI command does) only fills in what is missing: a workspace from an earlier release.
  if (change === 'opened' && !missingViews(ws)) return;
  rebuildCustomerViews(ws);
}

/** Whether some dataset lacks its view (cheap: catalogue only; a dataset without one is planned again, which is rare). */
function missingViews(ws: Workspace): boolean {
  return (
    ws.db
      .prepare(
        `SELECT 1 FROM datasets d WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'view' AND m.name = ${"'c360_' || d.name"})
           AND (d.kind = 'transactions' AND (d.linked_to IS NULL OR NOT EXISTS (SELECT 1 FROM datasets p WHERE p.name = d.linked_to AND p.kind = 'customers' AND p.id_column IS NOT NULL))
                OR d.kind = 'customers' AND d.id_column IS NOT NULL) LIMIT 1`,
      )
      .get() !== undefined
  );
}
