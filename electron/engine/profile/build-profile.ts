import { SKEWNESS_ESTIMATOR, type Alert, type Profile } from '../../../shared/contract/ns/profile';
import { quoteIdent } from '../db/open';
import { datasetAsOf } from '../orders/as-of';
import { getDataset, versionTable } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';
import { columnAlerts, contactAlerts, correlationAlerts } from './alerts';
import { columnProfile, latestYear } from './column-stats';
import { staleAlert } from './stale';
import { msg } from '../../../shared/i18n/current';
import { mCount } from './message-values';
import { rareCategoryAlert, valueAlerts } from './values';

/** Profile of one dataset version: per-column statistics and quality alerts. Cached per version and settings. */
export function buildProfile(ws: Workspace, dataset: string, version: number | undefined, staleMonths: number, bins: number): Profile {
  const db = ws.db;
  const info = getDataset(db, dataset);
  const v = version ?? info.version;
  const table = versionTable(db, dataset, v);
  // Ages and staleness count back from the data's own latest date, not the clock: an export from
  // 2011 opened today is not "all stale".
  const at = datasetAsOf(ws, dataset);
  return ws.cache(`profile:${dataset}:${v}:${staleMonths}:${bins}:${at.asOf}`, () => {
    const rows = (db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(table)}`).get() as { n: number }).n;
    const errors = new Map(
      (db.prepare('SELECT column_name, count(*) AS n FROM cell_errors WHERE dataset = ? AND version = ? GROUP BY column_name').all(dataset, v) as { column_name: string; n: number }[]).map(
        (r) => [r.column_name, r.n],
      ),
    );
    // Columns of the requested version: the catalogue describes the latest, older versions may lack some.
    const present = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]));
    const cols = info.columns.filter((c) => present.has(c.name));
    const stats = cols.map((c) => columnProfile(db, table, c, rows, bins, errors.get(c.name) ?? 0, c.name === info.idColumn));
    const columns = stats.map((s) => s.profile);
    const refYear = latestYear(columns, at.asOf);
    const alerts: Alert[] = stats.flatMap(({ profile: p, numeric }) => [
      ...columnAlerts(p, rows, p.name === info.idColumn),
      ...valueAlerts(p, numeric, refYear),
      ...[rareCategoryAlert(db, table, p)].filter((a): a is Alert => a !== null),
    ]);
    if (info.idColumn && info.kind === 'customers' && present.has(info.idColumn)) {
      const q = quoteIdent(info.idColumn);
      const d = (db.prepare(`SELECT count(${q}) - count(DISTINCT ${q}) AS d FROM ${quoteIdent(table)}`).get() as { d: number }).d;
      if (d > 0) alerts.push({ column: info.idColumn, kind: 'duplicate_ids', detail: msg('data.alert.duplicateIds', { count: d, n: mCount(d) }), value: d });
    }
    const all = cols.map((c) => quoteIdent(c.name)).join(', ');
    if (rows > 0 && all) {
      const distinctRows = (db.prepare(`SELECT count(*) AS n FROM (SELECT DISTINCT ${all} FROM ${quoteIdent(table)})`).get() as { n: number }).n;
      if (distinctRows < rows) alerts.push({ column: null, kind: 'duplicates', detail: msg('data.alert.duplicates', { count: rows - distinctRows, n: mCount(rows - distinctRows) }), value: rows - distinctRows });
    }
    alerts.push(...correlationAlerts(db, table, cols, rows));
    alerts.push(...contactAlerts(db, table, cols));
    const stale = staleAlert(db, info, table, cols, at.asOf, staleMonths, at.source);
    if (stale) alerts.push(stale);
    return { dataset, version: v, rows, columns, alerts, skewnessEstimator: SKEWNESS_ESTIMATOR };
  });
}
