import { SKEWNESS_ESTIMATOR, type Alert, type ColumnProfile, type Profile } from '../../../shared/contract/ns/profile';
import { quoteIdent } from '../db/open';
import { datasetAsOf } from '../orders/as-of';
import { getDataset, versionTable } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';
import { columnAlerts, contactAlerts, contactCheck, correlationAlerts } from './alerts';
import { columnProfile, latestYear } from './column-stats';
import { staleQuery } from './stale';
import { activityFromHistory } from './stale-history';
import { streamTally, tallyOfIds, tallyOfValues, type Tally } from './tally';
import { readOnOwnThread, readOnThread, type ReadTask } from './read-thread';
import { mirrorRowids } from '../mirror/cells';
import { getMirror, preload, type MirrorColumn } from '../mirror';
import { LazyColumns } from '../mirror/lazy';
import { dataStamp, distinctKey, remember } from '../mirror/store';
import type { ColumnInfo } from '../../../shared/types/columns';
import { msg } from '../../../shared/i18n/current';
import { mCount } from './message-values';
import { rareCategoryAlert, valueAlerts } from './values';

/** Profile of one dataset version: per-column statistics and quality alerts. Cached per version and settings. */
export function buildProfile(ws: Workspace, dataset: string, version: number | undefined, staleMonths: number, bins: number): Promise<Profile> {
  const db = ws.db;
  const info = getDataset(db, dataset);
  const v = version ?? info.version;
  const table = versionTable(db, dataset, v);
  // A text ID column is tallied from the IDs and customer keys the copy keeps, not as a dictionary.
  const isTextId = (c: ColumnInfo) => c.name === info.idColumn && (c.type === 'text' || c.type === 'category');
  // Ages and staleness count back from the data's own latest date, not the clock: an export from
  // 2011 opened today is not "all stale".
  const at = datasetAsOf(ws, dataset);
  const key = `profile:${dataset}:${v}:${staleMonths}:${bins}:${at.asOf}`;
  const made = ws.cache(key, async () => {
    const rows = (db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(table)}`).get() as { n: number }).n;
    const errors = new Map(
      (db.prepare('SELECT column_name, count(*) AS n FROM cell_errors WHERE dataset = ? AND version = ? GROUP BY column_name').all(dataset, v) as { column_name: string; n: number }[]).map(
        (r) => [r.column_name, r.n],
      ),
    );
    // Columns of the requested version: the catalogue describes the latest, older versions may lack some.
    const present = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]));
    const cols = info.columns.filter((c) => present.has(c.name));
    // Every column from the columnar copy; text the copy does not hold (the import keeps typed columns)
    // is tallied from one plucked read, and the rest not stored yet is read in one pass (mirror/lazy.ts).
    const m = getMirror(ws, dataset, v);
    const plainText = (c: ColumnInfo) => c.type === 'text' && !isTextId(c);
    const unstored = new Set(m.columns instanceof LazyColumns ? m.columns.loadStored(cols.filter(plainText).map((c) => c.name)) : []);
    preload(m, cols.filter((c) => !isTextId(c) && !unstored.has(c.name)).map((c) => c.name));
    // Free text not in the copy: a PII column (its values are never shown) is read in chunks without keeping its
    // strings; any other keeps them for its top values.
    // PII text goes to a second thread when there is one (profile/read-thread.ts), while this one reads the rest.
    const streamed = cols.filter((c) => !isTextId(c) && unstored.has(c.name) && c.pii);
    const rowids = streamed.length ? Float64Array.from(mirrorRowids(db, m)) : new Float64Array(0);
    const staleQ = staleQuery(db, info, table, cols, at.asOf, staleMonths, at.source, activityFromHistory(ws, m));
    // The stale count goes with them only when there is no PII text: otherwise it keeps this thread as busy as the other.
    const staleThere = staleQ !== null && streamed.length === 0;
    const tasks: ReadTask[] = [
      ...(staleThere ? [{ kind: 'get' as const, file: ws.file, ...staleQ.read }] : []),
      ...streamed.map((column) => ({ kind: 'tally' as const, file: ws.file, table, column, rowids })),
    ];
    const here = (t: ReadTask): unknown => (t.kind === 'get' ? db.prepare(t.sql).get(...t.params) : streamTally(db, table, t.column.name, t.rowids, contactCheck(t.column)?.valid ?? null));
    const onThread = readOnOwnThread(ws.file) ? readOnThread(tasks, here) : null;
    const profileOf = (c: ColumnInfo, data: MirrorColumn | Tally) => ({ col: c, ...columnProfile(c, data, rows, bins, errors.get(c.name) ?? 0, c.name === info.idColumn) });
    const later = new Set(streamed.map((c) => c.name));
    const early = cols.map((c) =>
      later.has(c.name)
        ? null
        : profileOf(
            c,
            isTextId(c)
              ? tallyOfIds(ws, m)
              : unstored.has(c.name)
                ? tallyOfValues(db.prepare(`SELECT ${quoteIdent(c.name)} FROM ${quoteIdent(table)} ORDER BY rowid`).pluck().all() as (string | null)[])
                : (m.columns.get(c.name) as MirrorColumn),
          ),
    );
    const staleHere = staleQ !== null && !staleThere ? here({ kind: 'get', file: ws.file, ...staleQ.read }) : null;
    const results = onThread ? await onThread : tasks.map(here);
    const tallies = results.slice(staleThere ? 1 : 0) as Tally[];
    const stats = cols.map((c, i) => early[i] ?? profileOf(c, tallies[streamed.indexOf(c)]));
    const columns = stats.map((s) => s.profile);
    // Text the copy does not hold: its count of distinct values is kept, so the fairness audit and segment profiles can
    // tell an e-mail column (a value per row, never a proxy or a feature) without reading it (mirror/lazy.ts knownDistinct).
    if (v === info.version) for (const s of stats) if (unstored.has(s.col.name)) remember(db, distinctKey(dataset, v, s.col.name), dataStamp(db, dataset), s.profile.distinct);
    // A column with a different value on every row already proves that no two rows are the same.
    const someUnique = columns.some((c) => c.count === rows && c.distinct === rows);
    const all = cols.map((c) => quoteIdent(c.name)).join(', ');
    const duplicateRows =
      rows > 0 && all && !someUnique ? rows - (db.prepare(`SELECT count(*) AS n FROM (SELECT DISTINCT ${all} FROM ${quoteIdent(table)})`).get() as { n: number }).n : 0;
    const stale = staleQ ? staleQ.alert((staleThere ? results[0] : staleHere) as { n: number; stale: number | null }) : null;
    return assembleProfile({ dataset, version: v, rows, kind: info.kind, idColumn: info.idColumn, asOf: at.asOf, stats, duplicateRows, correlated: correlationAlerts(db, table, cols, rows), stale });
  });
  // A failed profile is not kept: the next call tries again.
  made.catch(() => ws.invalidate(key));
  return made;
}

/** What a profile is made of, read from the data; the alerts follow from it. */
export interface ProfileParts {
  dataset: string;
  version: number;
  rows: number;
  kind: string;
  idColumn: string | null;
  asOf: string;
  stats: { col: ColumnInfo; profile: ColumnProfile; numeric: Float64Array | null; tally: Tally | null }[];
  /** Rows that repeat an earlier row in every column. */
  duplicateRows: number;
  correlated: Alert[];
  stale: Alert | null;
}

export function assembleProfile(x: ProfileParts): Profile {
  const { rows, stats, idColumn } = x;
  const columns = stats.map((s) => s.profile);
  const refYear = latestYear(columns, x.asOf);
  const alerts: Alert[] = stats.flatMap(({ profile: p, numeric, tally }) => [
    ...columnAlerts(p, rows, p.name === idColumn),
    ...valueAlerts(p, numeric, refYear),
    ...[rareCategoryAlert(p, tally)].filter((a): a is Alert => a !== null),
  ]);
  const idProfile = x.kind === 'customers' ? columns.find((c) => c.name === idColumn) : undefined;
  if (idProfile) {
    const d = idProfile.count - idProfile.distinct;
    if (d > 0) alerts.push({ column: idColumn, kind: 'duplicate_ids', detail: msg('data.alert.duplicateIds', { count: d, n: mCount(d) }), value: d });
  }
  const dup = x.duplicateRows;
  if (dup > 0) alerts.push({ column: null, kind: 'duplicates', detail: msg('data.alert.duplicates', { count: dup, n: mCount(dup) }), value: dup });
  alerts.push(...x.correlated);
  alerts.push(...contactAlerts(stats));
  if (x.stale) alerts.push(x.stale);
  return { dataset: x.dataset, version: x.version, rows, columns, alerts, skewnessEstimator: SKEWNESS_ESTIMATOR };
}
