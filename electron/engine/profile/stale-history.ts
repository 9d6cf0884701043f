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
 * same numbers (test/engine/profile/columnar.test.ts), by one lookup per customer in a table with a row each.
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
    // SQL over the history's unique index on id: at 10M customers, a set of the active IDs' strings took 12.7 s
    // and gigabytes; at 1M both ways take about 0.6 s. Customers are distinct IDs: DISTINCT only when IDs repeat.
    if (!m.idColumn) return null;
    const q = quoteIdent(m.idColumn);
    const distinct = customerKeys(ws, m).unique ? '' : 'DISTINCT ';
    return {
      sql:
        `SELECT count(*) AS n, coalesce(sum(NOT EXISTS (SELECT 1 FROM ${quoteIdent(stats.table)} s WHERE s.id = c.id AND s.any_last >= ?)), 0) AS stale ` +
        `FROM (SELECT ${distinct}CAST(${q} AS TEXT) AS id FROM ${quoteIdent(m.table)} WHERE ${q} IS NOT NULL) c`,
      params: [cutoff],
    };
  };
}
