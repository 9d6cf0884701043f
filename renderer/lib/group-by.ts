import type { ColumnRole, ColumnType } from '../../shared/types/columns';
import { MAX_VALUE_GROUPS } from '../../shared/contract/ns/outcomes';

export interface GroupableColumn {
  name: string;
  type: ColumnType;
  role: ColumnRole;
  pii: boolean;
  /** Marked sensitive (gender, age, ethnicity, …). Optional: columns not saying so are taken as not sensitive. */
  sensitive?: boolean;
}

export interface GroupByChoices {
  /** Columns offered under "Group by column", best candidates first. */
  columns: string[];
  /** The subset that makes a sensible default: category and yes/no columns that are not IDs, personal data or sensitive. */
  suggested: string[];
}

/**
 * Lower is a better default: categories and yes/no columns (import makes a text column a category only
 * when it has few distinct values), then other text, which usually has too many values to compare;
 * then sensitive columns (gender, ethnicity, …): still offered, but comparing customers by them is the
 * user's deliberate choice, never the default; other personal data (names: about one group per customer) last.
 */
function rank(c: GroupableColumn): number {
  if (c.pii) return 3;
  if (c.sensitive) return 2;
  return c.type === 'category' || c.type === 'boolean' ? 0 : 1;
}

/**
 * The columns a response comparison can group by (category, boolean, text), ordered so that the
 * low-cardinality ones come first. Identifiers and contact details (e-mail, phone) are not offered: they
 * have about one value per customer, which cannot be compared (the engine refuses more than 100 groups).
 */
export function groupByChoices(columns: readonly GroupableColumn[]): GroupByChoices {
  const usable = columns.filter((c) => (c.type === 'category' || c.type === 'text' || c.type === 'boolean') && c.role !== 'id' && c.role !== 'contact');
  const ordered = usable.map((c, i) => ({ c, r: rank(c), i })).sort((a, b) => a.r - b.r || a.i - b.i);
  return { columns: ordered.map((x) => x.c.name), suggested: ordered.filter((x) => x.r === 0).map((x) => x.c.name) };
}

/**
 * The default "Group by column": the best suggested column other than the outcome itself; '' when there is none
 * (the user picks; a sensitive column is offered but never preselected).
 */
export function defaultGroupBy(choices: GroupByChoices, outcome: string): string {
  return choices.suggested.find((c) => c !== outcome) ?? '';
}

export interface RevenueColumn extends GroupableColumn {
  /** One value in every row (e.g. the marketing file's Z_Revenue = 11): says nothing about a customer. */
  constant?: boolean;
}

/** Names that read as money spent (MntWines, total_spend, revenue, order_value, …). */
const MONEY_NAME = /mnt|spend|spent|revenue|amount|sales|value|total|price|monetary|turnover|basket|paid|clv/i;

/**
 * The columns offered as "revenue" of a response comparison: numbers that describe what a customer did
 * (behavioural or unclassified): the money-like names when there are any, else all of them. Never an identifier, contact, demographic (birth year,
 * number of children), geographic, consent, personal, sensitive (income) or constant column.
 */
export function revenueChoices(columns: readonly RevenueColumn[]): string[] {
  const fit = columns.filter((c) => (c.type === 'number' || c.type === 'integer') && (c.role === 'behavioural' || c.role === 'other') && !c.pii && !c.sensitive && !c.constant);
  // Where some names read as money, only those: recency or visit counts are not a revenue.
  const money = fit.filter((c) => MONEY_NAME.test(c.name));
  return (money.length ? money : fit).map((c) => c.name);
}

/** A field of the customer view (or a number column) offered under "Group by", with where it comes from. */
export interface ViewFieldChoice {
  name: string;
  /** `customers` (a column), `orders:<dataset>`, `rfm`, `clv` or `cluster:<run>`, as the builder's picker groups them. */
  source: string;
  /** The linked customers dataset it belongs to, when the outcome dataset is a responses file linked to one. */
  linked: string | null;
  /** A number (can be cut into bands when asked). */
  numeric: boolean;
  /** A number with more values than are compared one by one: the engine compares it in bands. */
  banded: boolean;
}

export interface GroupableField {
  name: string;
  type: ColumnType;
  role: ColumnRole;
  distinct: number;
  source?: string;
}

/** Text with more values than this cannot be compared (the engine refuses more than 100 groups). */
const MAX_TEXT_GROUPS = 100;

/**
 * Further "Group by" choices beyond the category columns: numbers (compared in bands when they have many
 * values) and the customer-view fields (order history, RFM, lifetime value, clusters). Dates, identifiers
 * and contact details are not offered, nor text with too many values to compare, nor what `skip` holds
 * (the columns already listed and the outcome itself).
 */
export function viewFieldChoices(fields: readonly GroupableField[], skip: ReadonlySet<string>, linked: string | null = null): ViewFieldChoice[] {
  return fields
    .filter((f) => !skip.has(f.name) && f.type !== 'date' && f.type !== 'datetime' && f.role !== 'id' && f.role !== 'contact')
    .filter((f) => f.type === 'number' || f.type === 'integer' || f.distinct <= MAX_TEXT_GROUPS)
    .map((f) => {
      const numeric = f.type === 'number' || f.type === 'integer';
      return { name: f.name, source: f.source ?? 'customers', linked, numeric, banded: numeric && f.distinct > MAX_VALUE_GROUPS };
    });
}
