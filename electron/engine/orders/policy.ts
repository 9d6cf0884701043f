import { RETURNS_POLICY_TEXT, type OrderPolicyReport, type ReturnsPolicy } from '../../../shared/contract/orders';
import type { ColumnInfo } from '../../../shared/types/columns';
import type { SqlDialect } from '../../../shared/rules';
import { quoteIdent, type Db } from '../db/open';
import { normaliseName } from '../import/roles';
import { columnsOf, versionTable } from '../workspace/catalog';
import { dataStamp, memo } from '../mirror/store';

/** The columns of an orders file an analysis reads (amount, or quantity × price; order null = one order per row). */
export interface OrderColumns {
  order: string | null;
  customer: string;
  date: string;
  amount: string | null;
  quantity: string | null;
  price: string | null;
}

/** Line kinds: what a row of an orders file is, before any policy. */
export const PURCHASE = 0;
export const RETURN = 1;
export const CANCELLATION = 2;

/**
 * SQL over one dataset version, one row per line with a customer: `id` (customer as text), `day`
 * (yyyy-mm-dd or NULL), `ord` (order key), `value` (NULL when the file has no amounts) and `kind`.
 */
export interface OrderLines {
  sql: string;
  /**
   * The same lines of a range of the table's rows: two parameters, the first and last rowid (the workspace's
   * own reading only). Read chunk by chunk with .all(), where .iterate() crosses into SQLite once per line.
   */
  rangeSql?: string;
  /** The name rangeSql reads the rowid by (one no column of the file shadows). */
  rangeRowid?: string;
  /** The line's `kind` as an expression over the version table's own columns (the workspace's own reading only). */
  kindSql?: string;
  /**
   * Nothing but the sign of the amount, the quantity or quantity × price makes a line other than a purchase (no "C"
   * order numbers, no status column): a line whose values are read as columns then gets its kind without SQL.
   */
  bySign?: boolean;
  /** How cancellations and returns were recognised, in words. */
  detectedBy: string[];
  /** Rows without a customer ID (not in `sql`). */
  withoutCustomer: number;
}

/** Status columns: "status", "order_status", "cancelled", "is_returned", "refund", "storno", … */
const STATUS_NAME = /(^|_)(status|order_status|cancel\w*|return\w*|refund\w*|storno\w*|zwrot\w*|anul\w*|annul\w*)(_|$)/;
const CANCEL_WORDS = ['cancel', 'void', 'annul', 'anul', 'storn'];
const RETURN_WORDS = ['return', 'refund', 'zwrot', 'retour', 'rembours', 'devol'];
/** C-prefixed order numbers count as cancellations only when nearly all their lines are negative (Online Retail's convention). */
const C_NEGATIVE_SHARE = 0.9;

function likeAny(expr: string, words: string[]): string {
  return `(${words.map((w) => `lower(${expr}) LIKE '%${w}%'`).join(' OR ')})`;
}

function statusColumn(cols: ColumnInfo[]): ColumnInfo | null {
  return cols.find((c) => (c.type === 'text' || c.type === 'category' || c.type === 'boolean') && STATUS_NAME.test(normaliseName(c.name))) ?? null;
}

/** Where the lines are read: the workspace (sqlite, the default), or the client's warehouse holding the same orders as `table` (quoted). */
export interface LinesTarget {
  dialect: SqlDialect;
  table: string;
}

/** A text expression matching a regular expression, in the target's words (SQLite's own reading uses GLOB). */
function matches(expr: string, re: string, dialect: SqlDialect): string {
  return dialect === 'postgres' ? `(${expr} ~ '${re}')` : `regexp_matches(${expr}, '${re}')`;
}

/**
 * Recognise cancellations and returns from the dataset's own columns: order numbers with a "C"
 * prefix (when the file also has other order numbers and those lines are negative), a status column
 * (cancelled/void/storno; returned/refund), and negative lines (quantity or amount below zero).
 * What is recognised is always decided on the workspace's copy; `more.target` writes the same
 * reading for a warehouse's table of the same orders (segmentdesk sql --dialect).
 */
export function orderLines(db: Db, dataset: string, cols: OrderColumns, more: { select?: string[]; filter?: string; target?: LinesTarget } = {}): OrderLines {
  // The plain reading is kept in the store (memo): its two scans (the "C" order numbers, the lines without a
  // customer) cost every fresh process about 2 s at 10M order lines.
  if (!more.select && !more.filter && !more.target) return memo(db, `order-lines:4:${dataset}:${JSON.stringify(cols)}`, dataStamp(db, dataset), () => readLines(db, dataset, cols, more));
  return readLines(db, dataset, cols, more);
}

function readLines(db: Db, dataset: string, cols: OrderColumns, more: { select?: string[]; filter?: string; target?: LinesTarget }): OrderLines {
  const table = quoteIdent(versionTable(db, dataset));
  const dialect = more.target?.dialect ?? 'sqlite';
  const local = dialect === 'sqlite';
  const no = local ? '0' : 'FALSE';
  const id = `CAST(${quoteIdent(cols.customer)} AS TEXT)`;
  const hasCustomer = `${quoteIdent(cols.customer)} IS NOT NULL AND ${id} <> ''`;
  const value = cols.amount ? quoteIdent(cols.amount) : cols.quantity && cols.price ? `(${quoteIdent(cols.quantity)} * ${quoteIdent(cols.price)})` : null;
  const negative = [cols.amount ? `${quoteIdent(cols.amount)} < 0` : null, cols.quantity ? `${quoteIdent(cols.quantity)} < 0` : null, value && !cols.amount ? `${value} < 0` : null].filter(
    (x): x is string => x !== null,
  );
  const cancel: string[] = [];
  const ret: string[] = [];
  const detectedBy: string[] = [];
  if (cols.order) {
    const o = `CAST(${quoteIdent(cols.order)} AS TEXT)`;
    const isC = `${o} GLOB '[Cc][0-9]*'`;
    const neg = negative.length ? `(${negative.join(' OR ')})` : '0';
    const r = db.prepare(`SELECT count(*) AS n, coalesce(sum(${isC}), 0) AS c, coalesce(sum(${isC} AND ${neg}), 0) AS cneg FROM ${table} WHERE ${quoteIdent(cols.order)} IS NOT NULL`).get() as {
      n: number;
      c: number;
      cneg: number;
    };
    if (r.c > 0 && r.c < r.n && (negative.length === 0 || r.cneg >= C_NEGATIVE_SHARE * r.c)) {
      cancel.push(local ? isC : matches(o, '^[Cc][0-9]', dialect));
      detectedBy.push(`order numbers starting with "C" in ${cols.order} are cancellations`);
    }
  }
  const status = statusColumn(columnsOf(db, dataset));
  if (status) {
    const s = quoteIdent(status.name);
    const name = normaliseName(status.name);
    // A warehouse may hold yes/no as BOOLEAN, 0/1 or words; read as text, all agree.
    const yes = local ? `${s} = 1` : `lower(CAST(${s} AS TEXT)) IN ('1', 'true', 't', 'yes', 'y')`;
    if (status.type === 'boolean') {
      if (/cancel|storn|annul|anul/.test(name)) cancel.push(yes);
      else if (/return|refund|zwrot/.test(name)) ret.push(yes);
    } else {
      cancel.push(likeAny(`CAST(${s} AS TEXT)`, CANCEL_WORDS));
      ret.push(likeAny(`CAST(${s} AS TEXT)`, RETURN_WORDS));
    }
    detectedBy.push(`the status column ${status.name} (cancelled/void/storno; returned/refund)`);
  }
  if (negative.length) {
    ret.push(...negative);
    detectedBy.push(`negative lines (${cols.amount ?? [cols.quantity, cols.price].filter((x) => x).join(' × ')} below zero) are returns unless cancelled`);
  }
  const kind = `CASE WHEN ${cancel.length ? `(${cancel.join(' OR ')})` : no} THEN ${CANCELLATION} WHEN ${ret.length ? `(${ret.join(' OR ')})` : no} THEN ${RETURN} ELSE ${PURCHASE} END`;
  // Without an order column every line is an order of its own: the row's own identity names it.
  const rowKey = dialect === 'postgres' ? 'CAST(ctid AS TEXT)' : 'CAST(rowid AS TEXT)';
  const ord = cols.order ? `CAST(${quoteIdent(cols.order)} AS TEXT)` : rowKey;
  // A warehouse may type the date column DATE or TIMESTAMP; as text either reads yyyy-mm-dd first.
  const d = local ? quoteIdent(cols.date) : `CAST(${quoteIdent(cols.date)} AS TEXT)`;
  const dated = local ? `${d} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'` : matches(d, '^[0-9]{4}-[0-9]{2}-[0-9]{2}', dialect);
  const day = `CASE WHEN ${dated} THEN substr(${d}, 1, 10) END`;
  // `more`: further columns of the version table's rows and a condition on them (order-history conditions select lines by their own columns).
  const extra = (more.select ?? []).map((x) => `, ${x}`).join('');
  const from = more.target?.table ?? table;
  // LIMIT -1 OFFSET 0 keeps SQLite from flattening the lines into the query that reads them: flattened, every
  // mention of `kind` (a CASE over GLOB and LIKE) is evaluated again per line, and the customer view's order
  // history, which mentions it ten times, took 48 s at 10M lines; read once per line as a co-routine, 17 s.
  const barrier = local ? ' LIMIT -1 OFFSET 0' : '';
  const head = `SELECT ${id} AS id, ${day} AS day, ${ord} AS ord, ${value ?? 'NULL'} AS value, ${kind} AS kind${extra} FROM ${from} WHERE ${hasCustomer}${more.filter ? ` AND (${more.filter})` : ''}`;
  const sql = `${head}${barrier}`;
  // The implicit rowid under a name no column of the file shadows.
  const names = new Set(columnsOf(db, dataset).map((c) => c.name));
  const rid = ['rowid', '_rowid_', 'oid'].find((n) => !names.has(n));
  const rangeSql = local && rid ? `${head} AND ${rid} BETWEEN ? AND ?${barrier}` : undefined;
  const withoutCustomer = db.prepare(`SELECT count(*) FROM ${table} WHERE NOT (${hasCustomer})`).pluck().get() as number;
  const bySign = cancel.length === 0 && ret.length === negative.length;
  return { sql, ...(rangeSql ? { rangeSql, rangeRowid: rid } : {}), ...(local ? { kindSql: kind } : {}), bySign, detectedBy, withoutCustomer };
}

/** SQL conditions on a line's `kind` under a policy: counted as a purchase, subtracted from spend. */
export function policySql(policy: ReturnsPolicy, dialect: SqlDialect = 'sqlite'): { purchase: string; netted: string } {
  const netted = policy === 'exclude-cancelled' ? `kind = ${RETURN}` : policy === 'net-all' ? `kind IN (${RETURN}, ${CANCELLATION})` : dialect === 'sqlite' ? '0' : 'FALSE';
  return { purchase: `kind = ${PURCHASE}`, netted };
}

/** The line kinds a policy nets off spend (policySql's `netted`, for code that reads lines column-wise). */
export function nettedKinds(policy: ReturnsPolicy): number[] {
  return policy === 'exclude-cancelled' ? [RETURN] : policy === 'net-all' ? [RETURN, CANCELLATION] : [];
}

/**
 * A netted line takes its value off the customer's spend; a line marked returned or cancelled by its
 * status but recorded with a positive value is the order that did not stand, so it adds nothing.
 */
export const NETTED_VALUE = 'min(coalesce(value, 0), 0)';

/** First and last line date (any kind) of the lines. */
export function lineDates(db: Db, lines: OrderLines): { start: string | null; end: string | null } {
  return db.prepare(`SELECT min(day) AS start, max(day) AS end FROM (${lines.sql})`).get() as { start: string | null; end: string | null };
}

/**
 * policyReport read from the customer view's order-history table (customer-view/plan.ts) built under the same
 * lines, policy and as-of date: sums over one row per customer instead of a scan of every order line (13 s at
 * 10M lines). Cancelled orders come as each customer's order numbers, so an order shared by customers counts once.
 */
export function policyReportFromStats(db: Db, table: string, lines: OrderLines, policy: ReturnsPolicy, scored: number): OrderPolicyReport {
  const t = quoteIdent(table);
  const r = db
    .prepare(
      `SELECT coalesce(sum(undated), 0) AS undated, coalesce(sum(after_as_of), 0) AS after, coalesce(sum(cancelled_lines), 0) AS cancelledLines,
         coalesce(sum(return_lines), 0) AS returnLines, coalesce(sum(excluded), 0) AS excluded, coalesce(sum(netted), 0) AS netted,
         coalesce(sum(netted_amount), 0) AS nettedAmount, coalesce(sum(seen), 0) AS seen FROM ${t}`,
    )
    .get() as { undated: number; after: number; cancelledLines: number; returnLines: number; excluded: number; netted: number; nettedAmount: number; seen: number };
  // Each customer's cancelled lines' order numbers (repeats included: a DISTINCT per customer cost the table's build more).
  const cancelledOrders = db.prepare(`SELECT count(DISTINCT j.value) FROM ${t} AS s, json_each(s.cancelled_orders) AS j WHERE s.cancelled_lines > 0`).pluck().get() as number;
  return {
    policy,
    description: RETURNS_POLICY_TEXT[policy],
    detectedBy: lines.detectedBy,
    cancelledOrders,
    cancelledLines: r.cancelledLines,
    returnLines: r.returnLines,
    excludedLines: r.excluded,
    nettedLines: r.netted,
    nettedAmount: r.nettedAmount,
    customersWithoutPurchase: r.seen - scored,
    linesAfterAsOf: r.after,
    undatedLines: r.undated,
  };
}

/** First and last line date (any kind) from the same table: the least and greatest of each customer's. */
export function statsLineDates(db: Db, table: string): { start: string | null; end: string | null } {
  return db.prepare(`SELECT min(any_first) AS start, max(any_last) AS end FROM ${quoteIdent(table)}`).get() as { start: string | null; end: string | null };
}

/** What the policy did up to the as-of date; `scored` = customers left with a purchase. */
/**
 * `seen`: customers with a line up to the as-of date when the caller already counted them (its GROUP BY
 * did): the DISTINCT over every line's customer ID is the costliest part of this scan (about 10 of 16 s
 * on 10M order lines).
 */
export function policyReport(db: Db, lines: OrderLines, policy: ReturnsPolicy, asOf: string, scored: number, seen?: number): OrderPolicyReport {
  const p = policySql(policy);
  const r = db
    .prepare(
      `SELECT
         coalesce(sum(day IS NULL), 0) AS undated,
         coalesce(sum(day > @asOf), 0) AS after,
         coalesce(sum(day <= @asOf AND kind = ${CANCELLATION}), 0) AS cancelledLines,
         count(DISTINCT CASE WHEN day <= @asOf AND kind = ${CANCELLATION} THEN ord END) AS cancelledOrders,
         coalesce(sum(day <= @asOf AND kind = ${RETURN}), 0) AS returnLines,
         coalesce(sum(day <= @asOf AND NOT (${p.purchase}) AND NOT (${p.netted})), 0) AS excluded,
         coalesce(sum(day <= @asOf AND ${p.netted}), 0) AS netted,
         coalesce(sum(CASE WHEN day <= @asOf AND ${p.netted} THEN ${NETTED_VALUE} END), 0) AS nettedAmount,
         ${seen === undefined ? 'count(DISTINCT CASE WHEN day <= @asOf THEN id END)' : '0'} AS seen
       FROM (${lines.sql})`,
    )
    .get({ asOf }) as { undated: number; after: number; cancelledLines: number; cancelledOrders: number; returnLines: number; excluded: number; netted: number; nettedAmount: number; seen: number };
  return {
    policy,
    description: RETURNS_POLICY_TEXT[policy],
    detectedBy: lines.detectedBy,
    cancelledOrders: r.cancelledOrders,
    cancelledLines: r.cancelledLines,
    returnLines: r.returnLines,
    excludedLines: r.excluded,
    nettedLines: r.netted,
    nettedAmount: r.nettedAmount,
    customersWithoutPurchase: (seen ?? r.seen) - scored,
    linesAfterAsOf: r.after,
    undatedLines: r.undated,
  };
}
