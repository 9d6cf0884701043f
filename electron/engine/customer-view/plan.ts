import type { CustomerViewColumn } from '../../../shared/contract/ns/customer-view';
import { dataStamp as storeStamp, memo } from '../mirror/store';
import { DEFAULT_RETURNS_POLICY, type ReturnsPolicy } from '../../../shared/contract/orders';
import type { ColumnType } from '../../../shared/types/columns';
import { quoteIdent } from '../db/open';
import { datasetAsOf } from '../orders/as-of';
import { CANCELLATION, NETTED_VALUE, orderLines, policySql, RETURN } from '../orders/policy';
import { rfmColumns } from '../rfm/compute';
import { columnsOf, versionTable } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';
import { clvExtraTable } from './clv-extra';
import { orderStatsTable, type OrderStatsSpec } from './order-stats';

/** The view of a dataset's customers: `c360_<dataset>` (a public name: SQLite tools read it). */
export const viewOf = (dataset: string) => `c360_${dataset}`;
export const VIEW_PREFIX = 'c360_';

/**
 * The fields each source adds, declared once: public name, type, and the SQL that reads it from the
 * source's table (its alias is given). The column list, the view and the tests all follow from these.
 */
export interface FieldDecl<A extends unknown[]> {
  name: string;
  type: ColumnType;
  sql: (...from: A) => string;
}

/**
 * Order history, per linked transactions dataset (names end with `_<transactions>` when several are
 * linked), from its table `o` (order-stats.ts: id, n, spend, first_day, last_day) and the as-of literal.
 */
export const ORDER_FIELDS: readonly FieldDecl<[o: string, asOf: string]>[] = [
  { name: 'orders_count', type: 'integer', sql: (o) => `coalesce(${o}.n, 0)` },
  { name: 'total_spend', type: 'number', sql: (o) => `coalesce(${o}.spend, 0)` },
  { name: 'avg_order_value', type: 'number', sql: (o) => `CASE WHEN ${o}.n > 0 THEN ${o}.spend / ${o}.n END` },
  { name: 'first_order_date', type: 'date', sql: (o) => `${o}.first_day` },
  { name: 'last_order_date', type: 'date', sql: (o) => `${o}.last_day` },
  { name: 'days_since_last_order', type: 'integer', sql: (o, asOf) => `CAST(julianday(${asOf}) - julianday(${o}.last_day) AS INTEGER)` },
  { name: 'tenure_days', type: 'integer', sql: (o, asOf) => `CAST(julianday(${asOf}) - julianday(${o}.first_day) AS INTEGER)` },
];

/** The latest RFM run, from `rfm_scores` (alias `r`). */
export const RFM_FIELDS: readonly FieldDecl<[r: string]>[] = [
  { name: 'rfm_r', type: 'integer', sql: (r) => `${r}.r` },
  { name: 'rfm_f', type: 'integer', sql: (r) => `${r}.f` },
  { name: 'rfm_m', type: 'integer', sql: (r) => `${r}.m` },
  { name: 'rfm_segment', type: 'category', sql: (r) => `${r}.rfm_segment` },
];

/** The latest lifetime-value fit, from `clv_scores` (alias `v`) and clv-extra.ts's table (alias `x`). */
export const CLV_FIELDS: readonly FieldDecl<[v: string, x: string]>[] = [
  { name: 'p_alive', type: 'number', sql: (v) => `${v}.p_alive` },
  { name: 'expected_purchases_365d', type: 'number', sql: (_v, x) => `${x}.expected_purchases_365d` },
  { name: 'predicted_clv', type: 'number', sql: (v) => `${v}.clv` },
  { name: 'expected_next_order_date', type: 'date', sql: (_v, x) => `${x}.expected_next_order_date` },
];

/** One per saved clustering run: the cluster's (possibly renamed) name. */
export const clusterField = (run: number) => `cluster_${run}`;

/** The order history of the view follows one policy: the default every analysis of orders starts from. */
export const VIEW_RETURNS_POLICY: ReturnsPolicy = DEFAULT_RETURNS_POLICY;

export interface OrdersUsed {
  transactions: string;
  asOf: string;
  asOfSource: string;
  policy: ReturnsPolicy;
  /** What was appended to the order-history names ('' for a single transactions dataset). */
  suffix: string;
}

export interface ViewPlan {
  dataset: string;
  view: string;
  /** The complete CREATE VIEW statement (compared with sqlite_master to skip needless rebuilds). */
  create: string;
  columns: CustomerViewColumn[];
  orders: OrdersUsed[];
  notes: string[];
  /** The transactions dataset whose CLV fit the view reads (its extra table must exist first). */
  clvFrom: string | null;
  /** The order-history tables the view reads (created before the view). */
  orderStats: OrderStatsSpec[];
  /** The view's column holding the customer ID (the key segments join derived fields by). */
  idColumn: string;
}

/** SQL string literal, for DDL only (views cannot bind parameters); values come from the catalogue. */
export function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Base {
  /** FROM item `b` with one row per distinct customer ID, and the columns it offers to the select list. */
  from: string;
  select: { expr: string; name: string; type: ColumnType; source: string }[];
  /** The customer ID as text (how RFM, CLV, clusters and segments key customers). */
  key: string;
  /** The select-list entry that is the customer ID (its name may be changed to file_<name>). */
  idName: string;
}

/**
 * Latest row per ID: the row with the highest rowid among those holding the ID (rows without an ID are
 * no one). When every row has an ID of its own (the usual file) the table is read as it is, which keeps
 * the view as fast as its table; a new version rebuilds the view, so the check stays true.
 */
function customersBase(ws: Workspace, dataset: string, idColumn: string): Base {
  const t = quoteIdent(versionTable(ws.db, dataset));
  const id = quoteIdent(idColumn);
  const text = `CAST(${id} AS TEXT)`;
  // Kept in the store too (memo): the DISTINCT over every ID took 0.26 s of a fresh process's first count at 1M customers.
  const unique = ws.cache(`customer-view:unique:${dataset}:${dataStamp(ws, dataset)}:${idColumn}`, () =>
    memo(ws.db, `customer-view:unique:${dataset}:${idColumn}`, storeStamp(ws.db, dataset), () => {
      const u = ws.db.prepare(`SELECT count(*) AS n, count(DISTINCT ${text}) AS d, coalesce(sum(${id} IS NULL OR ${text} = ''), 0) AS empty FROM ${t}`).get() as { n: number; d: number; empty: number };
      return u.empty === 0 && u.d === u.n;
    }),
  );
  return {
    from: unique ? `${t} AS b` : `(SELECT * FROM ${t} WHERE rowid IN (SELECT max(rowid) FROM ${t} WHERE ${id} IS NOT NULL AND ${text} <> '' GROUP BY ${text})) AS b`,
    select: columnsOf(ws.db, dataset).map((c) => ({ expr: `b.${quoteIdent(c.name)}`, name: c.name, type: c.type, source: 'customers' })),
    key: `CAST(b.${id} AS TEXT)`,
    idName: idColumn,
  };
}

/**
 * A transactions dataset without a customer file: its distinct customer IDs (as text, the key every
 * analysis uses), read from its order-history table, which has a row for every ID with a line.
 */
function idsBase(ws: Workspace, dataset: string, customerColumn: string, hasStats: boolean): Base {
  if (!hasStats) {
    // No order history to read (no dates or amounts): the IDs straight from the file.
    const t = quoteIdent(versionTable(ws.db, dataset));
    const text = `CAST(${quoteIdent(customerColumn)} AS TEXT)`;
    return { from: `(SELECT DISTINCT ${text} AS id FROM ${t} WHERE ${text} <> '') AS b`, select: [{ expr: 'b.id', name: customerColumn, type: 'text', source: `orders:${dataset}` }], key: 'b.id', idName: customerColumn };
  }
  return {
    from: `${quoteIdent(orderStatsTable(dataset))} AS b`,
    select: [{ expr: 'b.id', name: customerColumn, type: 'text', source: `orders:${dataset}` }],
    key: 'b.id',
    idName: customerColumn,
  };
}

/**
 * Per customer ID with a line in the file: orders and spend up to the as-of date under the returns
 * policy, with the same lines and rules as RFM (orders = distinct order numbers of purchase lines,
 * spend = purchases plus netted returns). A customer with no purchase by then has 0 orders, 0 spend
 * and no dates (RFM does not score them either).
 */
function orderStats(ws: Workspace, transactions: string): { sql: string; asOf: string; asOfSource: string } | { note: string } {
  // Detection and the as-of date scan the whole orders file: kept while nothing they read changed.
  // Kept in the workspace too (memo): a fresh process would otherwise scan every order line twice to rebuild the same SQL.
  return ws.cache(`customer-view:orders:${transactions}:${dataStamp(ws, transactions)}`, () => memo(ws.db, `order-stats:4:${transactions}`, storeStamp(ws.db, transactions), () => orderStatsUncached(ws, transactions)));
}

/** What the plan of a dataset reads besides the catalogue: its version and row count (erasure changes it), the as-of date, the column mapping. */
function dataStamp(ws: Workspace, dataset: string): string {
  const v = ws.db
    .prepare(
      `SELECT d.current_version AS version, v.rows AS rows, (SELECT json_array(order_column, customer_column, date_column, amount_column, quantity_column, price_column) FROM dataset_transaction_columns WHERE dataset = d.name) AS cols
       FROM datasets d JOIN dataset_versions v ON v.dataset = d.name AND v.version = d.current_version WHERE d.name = ?`,
    )
    .get(dataset) as { version: number; rows: number; cols: string | null } | undefined;
  return JSON.stringify([v?.version, v?.rows, v?.cols, ws.meta('as_of')]);
}

/**
 * The order-history table of a transactions dataset when it is current (built from the SQL the view would
 * build now), with the as-of date and policy it was built under; null otherwise.
 */
export function currentOrderStats(ws: Workspace, transactions: string): { table: string; asOf: string; asOfSource: string; policy: ReturnsPolicy } | null {
  const s = orderStats(ws, transactions);
  if ('note' in s) return null;
  const table = orderStatsTable(transactions);
  if (!ws.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)) return null;
  return ws.meta(`customer_view_orders_sql:${transactions}`) === s.sql ? { table, asOf: s.asOf, asOfSource: s.asOfSource, policy: VIEW_RETURNS_POLICY } : null;
}

function orderStatsUncached(ws: Workspace, transactions: string): { sql: string; asOf: string; asOfSource: string } | { note: string } {
  let cols;
  try {
    cols = rfmColumns(ws, transactions, {});
  } catch (e) {
    return { note: `order history of ${transactions} left out: ${(e as Error).message}` };
  }
  const at = datasetAsOf(ws, transactions);
  if (!ISO_DAY.test(at.asOf)) return { note: `order history of ${transactions} left out: as-of "${at.asOf}" is not a date` };
  const lines = orderLines(ws.db, transactions, cols);
  const p = policySql(VIEW_RETURNS_POLICY);
  const inTime = `day <= ${literal(at.asOf)}`;
  const bought = `(${p.purchase} AND ${inTime})`;
  const orders = cols.order ? `count(DISTINCT CASE WHEN ${bought} THEN ord END)` : `coalesce(sum(${bought}), 0)`;
  const last = `max(CASE WHEN ${bought} THEN day END)`;
  const spend = `coalesce(sum(CASE WHEN ${inTime} THEN CASE WHEN ${p.purchase} THEN coalesce(value, 0) WHEN ${p.netted} THEN ${NETTED_VALUE} END END), 0)`;
  const on = `day <= ${literal(at.asOf)}`;
  // Besides the view's numbers, what RFM's report on the lines needs (rfm/from-stats.ts), per customer: the
  // span of their dates, undated lines and lines after the as-of date, and up to it cancellations (with the
  // order numbers, so orders shared by customers count once), returns, lines left out and lines netted.
  const sql =
    `SELECT id, ${orders} AS n, CASE WHEN ${last} IS NULL THEN 0 ELSE ${spend} END AS spend, ` +
    `min(CASE WHEN ${bought} THEN day END) AS first_day, ${last} AS last_day, ` +
    `min(day) AS any_first, max(day) AS any_last, coalesce(sum(day IS NULL), 0) AS undated, coalesce(sum(day > ${literal(at.asOf)}), 0) AS after_as_of, ` +
    `coalesce(max(${on}), 0) AS seen, coalesce(sum(${on} AND kind = ${CANCELLATION}), 0) AS cancelled_lines, ` +
    `json_group_array(ord) FILTER (WHERE ${on} AND kind = ${CANCELLATION}) AS cancelled_orders, ` +
    `coalesce(sum(${on} AND kind = ${RETURN}), 0) AS return_lines, coalesce(sum(${on} AND NOT (${p.purchase}) AND NOT (${p.netted})), 0) AS excluded, ` +
    `coalesce(sum(${on} AND ${p.netted}), 0) AS netted, coalesce(sum(CASE WHEN ${on} AND ${p.netted} THEN ${NETTED_VALUE} END), 0) AS netted_amount ` +
    `FROM (${lines.sql}) GROUP BY id`;
  return { sql, asOf: at.asOf, asOfSource: at.source };
}

/** The latest run among `datasets` in a runs table keyed by dataset (rfm_runs, clv_runs). */
function latestRun(ws: Workspace, table: 'rfm_runs' | 'clv_runs', datasets: string[]): string | null {
  if (datasets.length === 0) return null;
  return (
    (ws.db
      .prepare(`SELECT dataset FROM ${table} WHERE dataset IN (SELECT value FROM json_each(?)) ORDER BY computed_at DESC, dataset LIMIT 1`)
      .pluck()
      .get(JSON.stringify(datasets)) as string | undefined) ?? null
  );
}

/**
 * The view of one dataset: a customers dataset with an ID column (its linked transactions datasets give
 * the order history), or a transactions dataset with no customer file (its own customer IDs).
 */
export function planView(ws: Workspace, dataset: string): ViewPlan | null {
  const db = ws.db;
  const d = db.prepare('SELECT name, kind, id_column, linked_to FROM datasets WHERE name = ?').get(dataset) as
    | { name: string; kind: 'customers' | 'transactions'; id_column: string | null; linked_to: string | null }
    | undefined;
  if (!d) return null;
  const notes: string[] = [];
  const stats = new Map<string, ReturnType<typeof orderStats>>();
  let base: Base;
  let transactions: string[];
  if (d.kind === 'customers') {
    if (!d.id_column) return null;
    base = customersBase(ws, dataset, d.id_column);
    transactions = db.prepare("SELECT name FROM datasets WHERE kind = 'transactions' AND linked_to = ? ORDER BY name").pluck().all(dataset) as string[];
    if (transactions.length === 0) notes.push(`no transactions dataset is linked to ${dataset}: order history, RFM and lifetime value are absent`);
  } else {
    const parent = d.linked_to ? db.prepare("SELECT 1 FROM datasets WHERE name = ? AND kind = 'customers' AND id_column IS NOT NULL").get(d.linked_to) : undefined;
    if (parent) return null;
    const stored = db.prepare('SELECT customer_column FROM dataset_transaction_columns WHERE dataset = ?').pluck().get(dataset) as string | null | undefined;
    let customer = stored ?? d.id_column;
    if (!customer) {
      try {
        customer = rfmColumns(ws, dataset, {}).customer;
      } catch {
        return null;
      }
    }
    transactions = [dataset];
    stats.set(dataset, orderStats(ws, dataset));
    base = idsBase(ws, dataset, customer, !('note' in (stats.get(dataset) as object)));
  }

  const joins: string[] = [];
  const derived: { expr: string; name: string; type: ColumnType; source: string }[] = [];
  const orders: OrdersUsed[] = [];
  const tables: OrderStatsSpec[] = [];
  const several = transactions.length > 1;
  transactions.forEach((t, i) => {
    const s = stats.get(t) ?? orderStats(ws, t);
    if ('note' in s) {
      notes.push(s.note);
      return;
    }
    const a = `o${i}`;
    const suffix = several ? `_${t}` : '';
    tables.push({ transactions: t, sql: s.sql });
    joins.push(`LEFT JOIN ${quoteIdent(orderStatsTable(t))} AS ${a} ON ${a}.id = ${base.key}`);
    const asOf = literal(s.asOf);
    for (const f of ORDER_FIELDS) derived.push({ expr: f.sql(a, asOf), name: `${f.name}${suffix}`, type: f.type, source: `orders:${t}` });
    orders.push({ transactions: t, asOf: s.asOf, asOfSource: s.asOfSource, policy: VIEW_RETURNS_POLICY, suffix });
  });
  if (several) notes.push(`several transactions datasets are linked: each order-history column ends with _<transactions dataset> (${transactions.join(', ')})`);

  const rfm = latestRun(ws, 'rfm_runs', transactions);
  if (rfm) {
    joins.push(`LEFT JOIN rfm_scores AS r ON r.dataset = ${literal(rfm)} AND r.id = ${base.key}`);
    for (const f of RFM_FIELDS) derived.push({ expr: f.sql('r'), name: f.name, type: f.type, source: 'rfm' });
  } else if (transactions.length) notes.push(`no RFM run yet: ${RFM_FIELDS.map((f) => f.name).join(', ')} are absent until RFM is computed`);

  const clv = latestRun(ws, 'clv_runs', transactions);
  if (clv) {
    joins.push(`LEFT JOIN clv_scores AS v ON v.dataset = ${literal(clv)} AND v.id = ${base.key}`);
    joins.push(`LEFT JOIN ${quoteIdent(clvExtraTable(clv))} AS x ON x.id = ${base.key}`);
    for (const f of CLV_FIELDS) derived.push({ expr: f.sql('v', 'x'), name: f.name, type: f.type, source: 'clv' });
  } else if (transactions.length) notes.push(`no lifetime-value fit yet: ${CLV_FIELDS.map((f) => f.name).join(', ')} are absent until CLV is fitted`);

  const runs = db.prepare('SELECT id FROM cluster_runs WHERE dataset = ? ORDER BY id').pluck().all(dataset) as number[];
  for (const run of runs) {
    // A run clusters rows; a customer on several rows takes the cluster of their latest row, as the view
    // takes its columns. A scalar subquery (index customer_view_cluster_members_by_id) costs nothing when
    // the column is not read, and one index seek per customer when it is.
    const name =
      `(SELECT n.name FROM cluster_members AS m JOIN cluster_names AS n ON n.run_id = m.run_id AND n.cluster = m.cluster ` +
      `WHERE m.run_id = ${run} AND m.row_index = (SELECT max(row_index) FROM cluster_members WHERE run_id = ${run} AND id = ${base.key}))`;
    derived.push({ expr: name, name: clusterField(run), type: 'category', source: `cluster:${run}` });
  }

  // Derived fields keep their public names; a customer column of the same name is shown as file_<name>.
  const taken = new Set(derived.map((f) => f.name));
  let idColumn = base.idName;
  const own = base.select.map((c) => {
    if (!taken.has(c.name)) return c;
    let name = `file_${c.name}`;
    while (taken.has(name) || base.select.some((o) => o.name === name)) name = `file_${name}`;
    notes.push(`the file's own column ${c.name} is shown as ${name} (${c.name} is derived)`);
    if (c.name === base.idName) idColumn = name;
    return { ...c, name };
  });
  const fields = [...own, ...derived];
  const view = viewOf(dataset);
  const select = fields.map((f) => `${f.expr} AS ${quoteIdent(f.name)}`).join(', ');
  const create = `CREATE VIEW ${quoteIdent(view)} AS SELECT ${select} FROM ${base.from} ${joins.join(' ')}`.trimEnd();
  return {
    dataset,
    view,
    create,
    columns: fields.map((f) => ({ name: f.name, type: f.type, source: f.source })),
    orders,
    notes,
    clvFrom: clv,
    orderStats: tables,
    idColumn,
  };
}

/** Every dataset that has a customer view: customers datasets with an ID column, and transactions datasets without one. */
export function viewDatasets(ws: Workspace): string[] {
  return ws.db.prepare('SELECT name FROM datasets ORDER BY name').pluck().all() as string[];
}
