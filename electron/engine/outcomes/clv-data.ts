import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';
import type { Workspace } from '../workspace/workspace';
import { getDataset } from '../workspace/catalog';
import { purchaseDays, type CustomerDays } from './clv-summary';
import { readClvLines } from './clv-lines';
import type { AsOfInfo, OrderPolicyReport, ReturnsPolicy } from '../../../shared/contract/orders';
import { resolveAsOf } from '../orders/as-of';
import { lineDates, orderLines, policyReport, policyReportFromStats, statsLineDates } from '../orders/policy';
import { usableStats, type OrderStatsSource } from '../rfm/compute';

interface TxColumns {
  order_column: string | null;
  customer_column: string | null;
  date_column: string | null;
  amount_column: string | null;
  quantity_column: string | null;
  price_column: string | null;
}

export interface ClvInput {
  days: CustomerDays;
  version: number;
  at: AsOfInfo;
  returns: OrderPolicyReport;
  /** Where the lines were read: the stored columnar copy, or SQL over the table (clv-lines.ts). */
  linesFrom: 'columns' | 'sql';
}

/**
 * Read a transactions dataset (customer, date, and amount or quantity × price, as detected or
 * chosen at import) into each customer's purchase days up to the as-of date (by default the last
 * order date), with cancellations and returns treated by the returns policy. Customer ids are read
 * as SQLite's CAST(… AS TEXT) so they match the ids of segments, clusters and RFM views.
 */
export function loadClvInput(ws: Workspace, dataset: string, asOfGiven: string | undefined, policy: ReturnsPolicy, statsOf?: (transactions: string) => OrderStatsSource | null): ClvInput {
  const info = getDataset(ws.db, dataset);
  if (info.kind !== 'transactions') throw new AppError('BAD_INPUT', msg('outcomes.errors.notOrders', { dataset }), { dataset, cli: 'import it with --as transactions' });
  const tc = ws.db
    .prepare('SELECT order_column, customer_column, date_column, amount_column, quantity_column, price_column FROM dataset_transaction_columns WHERE dataset = ?')
    .get(dataset) as TxColumns | undefined;
  const own = new Set(info.columns.map((c) => c.name));
  const ok = (c: string | null | undefined): c is string => !!c && own.has(c);
  if (!tc || !ok(tc.customer_column) || !ok(tc.date_column))
    throw new AppError('BAD_INPUT', msg('outcomes.errors.needsColumns', { dataset }), { dataset });
  const byAmount = ok(tc.amount_column);
  const byQP = !byAmount && ok(tc.quantity_column) && ok(tc.price_column);
  const cols = {
    order: ok(tc.order_column) ? tc.order_column : null,
    customer: tc.customer_column,
    date: tc.date_column,
    amount: byAmount ? tc.amount_column : null,
    quantity: byQP || ok(tc.quantity_column) ? tc.quantity_column : null,
    price: byQP ? tc.price_column : null,
  };
  const lines = orderLines(ws.db, dataset, cols);
  const hasAmount = byAmount || byQP;
  // The customer view's order history, when built from the same lines under the same policy, gives the date
  // range and the report on the lines (rfm/compute.ts does the same) without two more scans of every line.
  const source = usableStats(ws, dataset, cols, policy, statsOf);
  const at = resolveAsOf(ws, asOfGiven, { ...(source ? statsLineDates(ws.db, source.table) : lineDates(ws.db, lines)), what: `the last order in ${dataset}` });
  const read = readClvLines(ws, dataset, cols, lines, policy, at.asOf);
  const { n, customer, names, day } = read;
  const days = purchaseDays({
    customer: customer.subarray(0, n),
    names,
    day: day.subarray(0, n),
    amount: hasAmount ? read.amount.subarray(0, n) : null,
    effect: read.effect.subarray(0, n),
  });
  days.skipped.missingCustomer = lines.withoutCustomer;
  let scored = 0;
  for (let c = 0; c < names.length; c++) if (days.start[c + 1] > days.start[c]) scored++;
  // Customers with a dated line up to the as-of date, counted here rather than by a DISTINCT over every line.
  const dated = new Uint8Array(names.length);
  for (let i = 0; i < n; i++) if (!Number.isNaN(day[i])) dated[customer[i]] = 1;
  let seen = 0;
  for (let c = 0; c < dated.length; c++) seen += dated[c];
  const returns = source && source.asOf === at.asOf ? policyReportFromStats(ws.db, source.table, lines, policy, scored) : policyReport(ws.db, lines, policy, at.asOf, scored, seen);
  return { days, version: info.version, at, returns, linesFrom: read.from };
}
