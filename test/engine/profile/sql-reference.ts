import type { ColumnProfile } from '../../../shared/contract/ns/profile';
import type { ColumnInfo } from '../../../shared/types/columns';
import { quoteIdent, type Db } from '../../../electron/engine/db/open';
import { adjustedSkewness, daysToIso, histogram, numericFormat, quantile, QUANTILES, TOP } from '../../../electron/engine/profile/column-stats';
import { staleAlert } from '../../../electron/engine/profile/stale';
import { correlationAlerts } from '../../../electron/engine/profile/alerts';
import type { ProfileParts } from '../../../electron/engine/profile/build-profile';
import type { Tally } from '../../../electron/engine/profile/tally';
import { getDataset, versionTable } from '../../../electron/engine/workspace/catalog';
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import { datasetAsOf } from '../../../electron/engine/orders/as-of';

/**
 * A profile computed by SQL over the version table, as the profile was computed before it read the
 * columnar copy: a SELECT per column, count(DISTINCT), GROUP BY for top and rare values, every
 * e-mail and phone read as a row, stale customers by grouping every order line. The engine's profile
 * must equal it field for field (columnar.test.ts). Only the number crunching on the values read
 * (quantiles, moments, histograms) and the alerts drawn from them are the engine's own, shared.
 */
function columnBySql(db: Db, table: string, col: ColumnInfo, rows: number, bins: number, cellErrors: number, isId: boolean): { col: ColumnInfo; profile: ColumnProfile; numeric: Float64Array | null; tally: Tally | null } {
  const q = quoteIdent(col.name);
  const t = quoteIdent(table);
  const base = { name: col.name, type: col.type, role: col.role, pii: col.pii, sensitive: col.sensitive, cellErrors };
  const distinct = (db.prepare(`SELECT count(DISTINCT ${q}) AS n FROM ${t}`).get() as { n: number }).n;
  const top = () => db.prepare(`SELECT ${q} AS value, count(*) AS count FROM ${t} WHERE ${q} IS NOT NULL GROUP BY ${q} ORDER BY count DESC, value LIMIT ${TOP}`).all() as { value: string | number; count: number }[];
  const dateType = col.type === 'date' || col.type === 'datetime';
  if (col.type === 'integer' || col.type === 'number' || col.type === 'boolean' || dateType) {
    const raw = db.prepare(`SELECT ${q} FROM ${t} WHERE ${q} IS NOT NULL`).pluck().all() as (number | string)[];
    const all = raw.map((v) => (dateType ? Date.parse(String(v).length === 10 ? `${v}T00:00:00Z` : `${v}Z`) / 86_400_000 : Number(v))).filter((x) => !Number.isNaN(x));
    const sorted = Float64Array.from(all).sort();
    const count = sorted.length;
    const mean = count ? sorted.reduce((a, b) => a + b, 0) / count : null;
    let m2 = 0;
    let m3 = 0;
    for (const x of sorted) {
      const d = x - (mean ?? 0);
      m2 += d * d;
      m3 += d * d * d;
    }
    const show = (x: number) => (dateType ? daysToIso(x, col.type === 'datetime') : x);
    const format = numericFormat(col, isId, sorted);
    const profile: ColumnProfile = {
      ...base,
      format: dateType ? 'as_is' : format,
      count,
      missing: rows - count,
      missingShare: rows ? (rows - count) / rows : 0,
      distinct,
      min: count && !col.pii ? show(sorted[0]) : null,
      max: count && !col.pii ? show(sorted[count - 1]) : null,
      mean: dateType ? null : mean,
      std: dateType || count < 2 ? null : Math.sqrt(m2 / (count - 1)),
      median: count ? show(quantile(sorted, 0.5)) : null,
      quantiles: count ? QUANTILES.map((p) => ({ p, value: show(quantile(sorted, p)) })) : [],
      skewness: dateType || format === 'yes_no' || distinct <= 2 ? null : adjustedSkewness(count, m2, m3),
      zeros: dateType ? 0 : sorted.filter((x) => x === 0).length,
      histogram: col.type === 'boolean' ? [] : histogram(sorted, bins, col.type === 'integer' || dateType),
      top: col.pii || col.type !== 'boolean' ? [] : top(),
    };
    return { col, profile, numeric: dateType ? null : sorted, tally: null };
  }
  const count = (db.prepare(`SELECT count(${q}) AS n FROM ${t}`).get() as { n: number }).n;
  // Every value with its rows, by GROUP BY: what the alerts on text (rare values, e-mails, phones) read.
  const groups = db.prepare(`SELECT ${q} AS value, count(*) AS n FROM ${t} WHERE ${q} IS NOT NULL GROUP BY ${q}`).raw(true).all() as [string, number][];
  const tally: Tally = { count, distinct, each: (f) => groups.forEach(([v, n]) => f(v, n)) };
  const profile: ColumnProfile = {
    ...base,
    format: isId || col.role === 'id' ? 'id' : 'as_is',
    count,
    missing: rows - count,
    missingShare: rows ? (rows - count) / rows : 0,
    distinct,
    min: null,
    max: null,
    mean: null,
    std: null,
    median: null,
    quantiles: [],
    skewness: null,
    zeros: 0,
    histogram: [],
    top: col.pii ? [] : top(),
  };
  return { col, profile, numeric: null, tally };
}

export function sqlProfileParts(ws: Workspace, dataset: string, version?: number, staleMonths = 12, bins = 20): ProfileParts {
  const db = ws.db;
  const info = getDataset(db, dataset);
  const v = version ?? info.version;
  const table = versionTable(db, dataset, v);
  const t = quoteIdent(table);
  const rows = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const errors = new Map((db.prepare('SELECT column_name AS c, count(*) AS n FROM cell_errors WHERE dataset = ? AND version = ? GROUP BY 1').all(dataset, v) as { c: string; n: number }[]).map((r) => [r.c, r.n]));
  const present = new Set(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]);
  const cols = info.columns.filter((c) => present.has(c.name));
  const stats = cols.map((c) => columnBySql(db, table, c, rows, bins, errors.get(c.name) ?? 0, c.name === info.idColumn));
  const distinctRows = (db.prepare(`SELECT count(*) AS n FROM (SELECT DISTINCT ${cols.map((c) => quoteIdent(c.name)).join(', ')} FROM ${t})`).get() as { n: number }).n;
  const at = datasetAsOf(ws, dataset);
  return {
    dataset,
    version: v,
    rows,
    kind: info.kind,
    idColumn: info.idColumn,
    asOf: at.asOf,
    stats,
    duplicateRows: rows - distinctRows,
    correlated: correlationAlerts(db, table, cols, rows),
    // No history reader: staleness by grouping every order line in SQL.
    stale: staleAlert(db, info, table, cols, at.asOf, staleMonths, at.source),
  };
}
