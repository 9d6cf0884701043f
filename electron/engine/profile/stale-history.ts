import { currentOrderStats } from '../customer-view/plan';
import { quoteIdent } from '../db/open';
import { customerKeys } from '../mirror/customers';
import type { Mirror } from '../mirror';
import { rfmColumns } from '../rfm/compute';
import type { Workspace } from '../workspace/workspace';
import type { LinkedActivity } from './stale';

/**
 * Staleness of linked customers from the customer view's order history (one row per customer with the
 * latest day of any of their lines, `any_last`), instead of grouping every order line again: the
 * same numbers (test/engine/profile/columnar.test.ts), in one read of a table with a row per customer.
 * Only when that history is current and was built from the same customer and date columns.
 */
export function activityFromHistory(ws: Workspace, m: Mirror): LinkedActivity {
  return (transactions, customerColumn, dateColumn, cutoff) => {
    const stats = currentOrderStats(ws, transactions);
    if (!stats) return null;
    let cols;
    try {
      cols = rfmColumns(ws, transactions, {});
    } catch {
      return null;
    }
    if (cols.customer !== customerColumn || cols.date !== dateColumn) return null;
    // The customers active since the cut-off, as one column of text: a fifth of the time of reading
    // (id, date) rows into a map at 1M customers (better-sqlite3 builds no row arrays for a plucked column).
    const active = new Set(ws.db.prepare(`SELECT id FROM ${quoteIdent(stats.table)} WHERE any_last >= ?`).pluck().all(cutoff) as string[]);
    const ids = m.ids;
    const keys = customerKeys(ws, m);
    const isStale = (id: string) => (active.has(id) ? 0 : 1);
    let stale = 0;
    if (!keys.codes) {
      for (let i = 0; i < ids.length; i++) stale += isStale(ids[i]);
      return { n: ids.length, stale };
    }
    // Each customer once, at their first row.
    const seen = new Uint8Array(keys.distinct);
    for (let i = 0; i < ids.length; i++) {
      const c = keys.codes[i];
      if (c < 0 || seen[c]) continue;
      seen[c] = 1;
      stale += isStale(ids[i]);
    }
    return { n: keys.distinct, stale };
  };
}
