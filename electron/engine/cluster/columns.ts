import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';
import type { ColumnInfo } from '../../../shared/types/columns';
import { BOOL_MISSING, getMirror, isoToDayNumber, type Mirror, type MirrorColumn } from '../mirror';
import { derivedColumnInfos, withDerivedColumns } from '../customer-view/mirror-fields';
import { columnsOf } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';
import type { RawColumn } from './prepare';

/** More distinct values than this and a text column is not a usable category feature. */
export const MAX_CATEGORY_VALUES = 50;

/** Why a column cannot be a clustering feature, or null when it can. */
export function unusableReason(col: ColumnInfo, distinct: number | null): string | null {
  if (col.role === 'id') return msg('clusters.unusable.id');
  if (col.role === 'contact') return msg('clusters.unusable.contact');
  if ((col.type === 'text' || col.type === 'category') && distinct !== null && distinct > MAX_CATEGORY_VALUES)
    return msg('clusters.unusable.tooMany', { count: distinct, max: MAX_CATEGORY_VALUES });
  return null;
}

/** Roles whose numbers and dates are pre-ticked in the picker. */
const SUGGESTED_NUMERIC_ROLES = new Set<string>(['behavioural', 'psychographic', 'other']);
/** Roles whose low-cardinality categories are pre-ticked (how customers buy and live, not who they are or where). */
const SUGGESTED_CATEGORY_ROLES = new Set<string>(['behavioural', 'psychographic']);
/** A category is pre-ticked only with 2..this many values (a few broad groups, not a fine-grained label). */
export const MAX_SUGGESTED_CATEGORY_VALUES = 12;
/** At most this many categories are pre-ticked (fewest values first): numbers should still drive the clustering. */
export const MAX_SUGGESTED_CATEGORIES = 2;

/**
 * Customer-view fields pre-ticked for clustering: how a customer buys, as rates that do not grow with how
 * long they have been a customer (basket size, expected purchases a year). Totals, counts and dates mostly
 * measure tenure and would outvote these; RFM scores restate them in quintiles and predicted CLV is their
 * product. P(alive) is offered, not pre-ticked: expected purchases already fold it in, and it is near 1 for
 * most customers and near 0 for lapsed frequent buyers, so as a feature of its own it carves the lapsed off
 * as "the" clearest split and the k choice stops at two groups (seen on the demo: k = 2, ARI 0.00 against
 * its personas, against k = 5, ARI 0.69 without it). Without a lifetime-value fit the order count stands in
 * for the purchase rate. Matched with the `_<orders file>` suffix that several linked orders files add.
 */
export const SUGGESTED_DERIVED = ['avg_order_value', 'expected_purchases_365d'] as const;
const SUGGESTED_DERIVED_WITHOUT_CLV = ['avg_order_value', 'orders_count'] as const;

const isField = (name: string, base: string) => name === base || name.startsWith(`${base}_`);

/**
 * The columns clustering can read for a dataset: its own, then its customer view's order history, RFM and
 * lifetime-value fields (as behavioural columns, `source` set). Clusters of other runs are left out: a
 * clustering of clusterings would only restate them.
 */
export function clusterCatalog(ws: Workspace, dataset: string): (ColumnInfo & { source?: string })[] {
  return [...columnsOf(ws.db, dataset), ...derivedColumnInfos(ws, dataset).filter((c) => !c.source.startsWith('cluster:'))];
}

/** The dataset's mirror with the customer-view fields among `features` added as columns (aligned by customer ID). */
export function clusterMirror(ws: Workspace, dataset: string, features: string[], version?: number): Mirror {
  return withDerivedColumns(ws, getMirror(ws, dataset, version), features);
}

/** Which customer-view fields are pre-ticked among those offered (`names`). */
function suggestedDerived(names: string[]): Set<string> {
  const has = (base: string) => names.some((n) => isField(n, base));
  const bases: readonly string[] = has('expected_purchases_365d') ? SUGGESTED_DERIVED : SUGGESTED_DERIVED_WITHOUT_CLV;
  return new Set(names.filter((n) => bases.some((b) => isField(n, b))));
}

/**
 * Which usable columns the picker pre-ticks: behavioural (and psychographic/other) numbers and dates, plus
 * at most two behavioural/psychographic categories with few values. Never identifiers, contact details, PII or
 * sensitive columns (income, age, gender, …): those need a deliberate tick; never a constant column. Returns the suggested names.
 */
export function suggestFeatures(cols: { col: ColumnInfo & { source?: string }; distinct: number | null; unusable: string | null; constant?: boolean }[]): Set<string> {
  const derived = cols.filter(({ col }) => col.source !== undefined);
  if (derived.length) {
    // With order history, how customers buy is what sets them apart; the file's own columns are offered, not pre-ticked.
    const picked = suggestedDerived(derived.filter(({ unusable, constant }) => !unusable && !constant).map(({ col }) => col.name));
    if (picked.size) return picked;
  }
  // A column with one value (Z_CostContact, Z_Revenue of the marketing file) cannot tell customers apart.
  const ok = cols.filter(({ col, unusable, constant }) => !unusable && !constant && !col.pii && !col.sensitive && col.source === undefined);
  const numeric = ok.filter(({ col }) => ['number', 'integer', 'date', 'datetime'].includes(col.type) && SUGGESTED_NUMERIC_ROLES.has(col.role));
  const categories = ok
    .filter(({ col, distinct }) => (col.type === 'text' || col.type === 'category') && SUGGESTED_CATEGORY_ROLES.has(col.role) && distinct !== null && distinct >= 2 && distinct <= MAX_SUGGESTED_CATEGORY_VALUES)
    .map((c, i) => ({ ...c, i }))
    .sort((a, b) => (a.distinct as number) - (b.distinct as number) || a.i - b.i)
    .slice(0, MAX_SUGGESTED_CATEGORIES);
  return new Set([...numeric, ...categories].map(({ col }) => col.name));
}

/** True when a column holds at most one distinct value besides missing ones. */
export function isConstant(col: MirrorColumn): boolean {
  if (col.kind === 'text') return col.counts.filter((n) => n > 0).length <= 1;
  let first: number | undefined;
  for (const v of col.values) {
    if (Number.isNaN(v) || (col.kind === 'boolean' && v === BOOL_MISSING)) continue;
    if (first === undefined) first = v;
    else if (v !== first) return false;
  }
  return true;
}

/**
 * The requested columns as clustering reads them, straight from the columnar mirror:
 * numbers and booleans as Float64Array (NaN = missing), dates as days before the as-of
 * date, text/category columns as dictionary codes.
 */
export function featureColumns(m: Mirror, catalog: ColumnInfo[], names: string[], asOf: string): RawColumn[] {
  const info = new Map(catalog.map((c) => [c.name, c]));
  const asOfDay = isoToDayNumber(asOf);
  const seen = new Set<string>();
  return names.map((name): RawColumn => {
    if (seen.has(name)) throw new AppError('BAD_INPUT', msg('clusters.errors.twice', { column: name }), { column: name });
    seen.add(name);
    const c = info.get(name);
    const col = m.columns.get(name);
    if (!c || !col) throw new AppError('BAD_INPUT', msg('clusters.errors.noColumn', { dataset: m.dataset, column: name }), { dataset: m.dataset, column: name });
    const why = unusableReason(c, col.kind === 'text' ? col.dictionary.length : null);
    if (why) throw new AppError('BAD_INPUT', msg('clusters.errors.notFeature', { dataset: m.dataset, column: name, why }), { dataset: m.dataset, column: name });
    const base = { name, type: c.type, role: c.role, sensitive: c.sensitive, pii: c.pii };
    switch (col.kind) {
      case 'number':
        return { ...base, kind: 'numeric', values: col.values };
      case 'date': {
        const v = new Float64Array(col.values.length);
        for (let i = 0; i < v.length; i++) v[i] = asOfDay - col.values[i];
        return { ...base, kind: 'numeric', values: v };
      }
      case 'boolean': {
        const v = new Float64Array(col.values.length);
        for (let i = 0; i < v.length; i++) v[i] = col.values[i] === BOOL_MISSING ? NaN : col.values[i];
        return { ...base, kind: 'numeric', values: v };
      }
      case 'text':
        return { ...base, kind: 'category', codes: col.codes, labels: col.dictionary };
    }
  });
}
