import { AppError } from '../../../shared/contract/result';
import { quoteIdent } from '../db/open';
import { isoToDayNumber } from '../mirror';
import type { Workspace } from '../workspace/workspace';
import { getDataset, versionTable } from '../workspace/catalog';
import { purchaseDays, type CustomerDays } from './clvSummary';

interface TxColumns {
  customer_column: string | null;
  date_column: string | null;
  amount_column: string | null;
  quantity_column: string | null;
  price_column: string | null;
}

/**
 * Read a transactions dataset (customer, date, and amount or quantity × price, as detected or
 * chosen at import) into each customer's purchase days. Customer ids are read as SQLite's
 * CAST(… AS TEXT) so they match the ids of segments, clusters and RFM views.
 */
export function loadCustomerDays(ws: Workspace, dataset: string): { days: CustomerDays; version: number } {
  const info = getDataset(ws.db, dataset);
  if (info.kind !== 'transactions') throw new AppError('BAD_INPUT', `dataset "${dataset}" is not a transactions dataset (import it with --as transactions)`, { dataset });
  const tc = ws.db
    .prepare('SELECT customer_column, date_column, amount_column, quantity_column, price_column FROM dataset_transaction_columns WHERE dataset = ?')
    .get(dataset) as TxColumns | undefined;
  const own = new Set(info.columns.map((c) => c.name));
  const ok = (c: string | null | undefined): c is string => !!c && own.has(c);
  if (!tc || !ok(tc.customer_column) || !ok(tc.date_column))
    throw new AppError('BAD_INPUT', `transactions dataset "${dataset}" needs a customer column and a date column (set them when importing)`, { dataset });
  const amountExpr = ok(tc.amount_column)
    ? quoteIdent(tc.amount_column)
    : ok(tc.quantity_column) && ok(tc.price_column)
      ? `${quoteIdent(tc.quantity_column)} * ${quoteIdent(tc.price_column)}`
      : null;
  const table = versionTable(ws.db, dataset);
  const sql = `SELECT CAST(${quoteIdent(tc.customer_column)} AS TEXT), ${quoteIdent(tc.date_column)}, ${amountExpr ?? 'NULL'} FROM ${quoteIdent(table)}`;
  const n = info.rows;
  const customer = new Int32Array(n);
  const day = new Float64Array(n);
  const amount = amountExpr ? new Float64Array(n) : null;
  const codes = new Map<string, number>();
  const names: string[] = [];
  let i = 0;
  for (const row of ws.db.prepare(sql).raw(true).iterate() as Iterable<[string | null, unknown, unknown]>) {
    if (i >= n) break;
    const [c, d, a] = row;
    if (c === null || c === '') customer[i] = -1;
    else {
      let code = codes.get(c);
      if (code === undefined) {
        code = names.length;
        codes.set(c, code);
        names.push(c);
      }
      customer[i] = code;
    }
    day[i] = typeof d === 'string' ? isoToDayNumber(d) : NaN;
    if (amount) amount[i] = typeof a === 'number' ? a : NaN;
    i++;
  }
  return {
    days: purchaseDays({ customer: customer.subarray(0, i), names, day: day.subarray(0, i), amount: amount ? amount.subarray(0, i) : null }),
    version: info.version,
  };
}
