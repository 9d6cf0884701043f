import { msg } from '../../../shared/i18n/current';
import { speaker } from '../../../shared/rules/speak';
import type { AsOfInfo } from '../../../shared/contract/orders';
import { AppError } from '../../../shared/contract/result';
import { isoToDays } from '../../../shared/rules';
import type { ColumnInfo } from '../../../shared/types/columns';
import { quoteIdent } from '../db/open';
import type { Workspace } from '../workspace/workspace';
import { dataStamp, memo } from '../mirror/store';
import { columnsOf, getDataset, versionTable } from '../workspace/catalog';

/** A chosen date this many days or more before the data ends gets a warning (most of the data is left out). */
export const FAR_BEFORE_DAYS = 183;

export interface DataRange {
  start: string | null;
  end: string | null;
  /** The data in words, for the source ("the last order in online_retail"). */
  what: string;
}

/**
 * The as-of date of one analysis: the date given for it, else the workspace's as-of date when the user
 * set one, else the last date of the data it reads — never the clock. A chosen date after the data
 * ends, or long before, comes with a warning; one before the data starts is refused, as nothing
 * would be left to measure.
 */
export function resolveAsOf(ws: Workspace, given: string | undefined, range: DataRange): AsOfInfo {
  const set = ws.meta('as_of');
  const asOf = given ?? set ?? range.end;
  if (asOf === null) throw new AppError('BAD_INPUT', msg('segments.asOf.noDates', { what: range.what }), { cli: 'give --as-of YYYY-MM-DD' });
  const day = isoToDays(asOf);
  if (day === null) throw new AppError('BAD_INPUT', msg('segments.asOf.notDate', { asOf }));
  const source = given !== undefined ? msg('segments.asOf.chosenForAnalysis') : set !== null ? msg('segments.asOf.workspace') : range.what;
  const warnings: string[] = [];
  if (range.start !== null && range.end !== null && asOf !== range.end) {
    const start = isoToDays(range.start) as number;
    const end = isoToDays(range.end) as number;
    if (day < start) throw new AppError('BAD_INPUT', msg('segments.asOf.beforeStart', { asOf: speaker().date(asOf), source, start: speaker().date(range.start) }), { asOf, dataStart: range.start });
    if (day > end)
      warnings.push(msg('segments.asOf.afterEnd', { asOf: speaker().date(asOf), count: day - end, n: speaker().num(day - end), end: speaker().date(range.end) }));
    else if (end - day >= FAR_BEFORE_DAYS) warnings.push(msg('segments.asOf.farBefore', { asOf: speaker().date(asOf), count: end - day, n: speaker().num(end - day), end: speaker().date(range.end) }));
  }
  return { asOf, source, dataStart: range.start, dataEnd: range.end, warnings };
}

/**
 * The as-of date of a dataset's own analyses (ages in the fairness audit): the workspace's as-of date
 * when the user set one; else, for a transactions dataset, its last order; for a customers file, the
 * latest date in its own date columns (birth dates aside), else the last order of a transactions
 * dataset linked to it. Only a dataset with no dates at all falls back to today, and says so.
 */
export function datasetAsOf(ws: Workspace, dataset: string): { asOf: string; source: string } {
  const set = ws.meta('as_of');
  if (set !== null) return { asOf: set, source: msg('segments.asOf.workspace') };
  // Live counts ask for this on every keystroke and the scan reads whole date columns, so it is
  // cached; an import, a link change or an erasure clears every cache (ws.invalidate()).
  // Kept in the workspace too (memo), stamped with the dataset's and its linked orders' state.
  return ws.cache(`as-of:${dataset}`, () => {
    const linked = ws.db.prepare('SELECT name FROM datasets WHERE linked_to = ? ORDER BY name').pluck().all(dataset) as string[];
    const stamp = JSON.stringify([dataStamp(ws.db, dataset), ...linked.map((t) => dataStamp(ws.db, t))]);
    return memo(ws.db, `as-of:${dataset}`, stamp, () => dataAsOf(ws, dataset));
  });
}

function dataAsOf(ws: Workspace, dataset: string): { asOf: string; source: string } {
  const today = new Date().toISOString().slice(0, 10);
  const latest = (name: string, cols: ColumnInfo[]): { date: string; column: string } | null => {
    let best: { date: string; column: string } | null = null;
    const table = quoteIdent(versionTable(ws.db, name));
    for (const c of cols) {
      const q = quoteIdent(c.name);
      // Dates after today (renewals, typos such as 2201) are not activity the data has seen.
      const d = ws.db
        .prepare(`SELECT max(substr(${q}, 1, 10)) FROM ${table} WHERE ${q} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND substr(${q}, 1, 10) <= ?`)
        .pluck()
        .get(today) as string | null;
      if (d !== null && (best === null || d > best.date)) best = { date: d, column: c.name };
    }
    return best;
  };
  const info = getDataset(ws.db, dataset);
  const tx = ws.db.prepare('SELECT date_column FROM dataset_transaction_columns WHERE dataset = ?').pluck().get(dataset) as string | null | undefined;
  if (info.kind === 'transactions' && tx) {
    const l = latest(dataset, info.columns.filter((c) => c.name === tx));
    if (l) return { asOf: l.date, source: msg('segments.asOf.lastOrder', { dataset }) };
  }
  // Birth dates are not activity, and neither are consent dates (an opt-out years after the export).
  const own = latest(dataset, info.columns.filter((c) => (c.type === 'date' || c.type === 'datetime') && c.sensitiveCategory !== 'age' && c.role !== 'consent'));
  if (own) return { asOf: own.date, source: msg('segments.asOf.latestDate', { dataset, column: own.column }) };
  const linked = ws.db
    .prepare("SELECT d.name, t.date_column FROM datasets d JOIN dataset_transaction_columns t ON t.dataset = d.name WHERE d.linked_to = ? AND d.kind = 'transactions' AND t.date_column IS NOT NULL")
    .get(dataset) as { name: string; date_column: string } | undefined;
  if (linked) {
    const l = latest(linked.name, columnsOf(ws.db, linked.name).filter((c) => c.name === linked.date_column));
    if (l) return { asOf: l.date, source: msg('segments.asOf.lastOrder', { dataset: linked.name }) };
  }
  return { asOf: today, source: msg('segments.asOf.today', { dataset }) };
}
