import type { z } from 'zod';
import { msg } from '../../../shared/i18n/current';
import type { customerView } from '../../../shared/contract/ns/customer-view';
import { AppError } from '../../../shared/contract/result';
import type { Cell } from '../../../shared/types/columns';
import { quoteIdent } from '../db/open';
import { tableWhere } from '../import/rows';
import type { Workspace } from '../workspace/workspace';
import type { CustomerViewInfo } from '../../../shared/contract/ns/customer-view';
import { planView } from './plan';
import { checkRule, expandRule, sqlEnv } from '../segments/resolve';
import { compileSql } from '../segments/sql';
import { datasetAsOf } from '../orders/as-of';
import { versionTable } from '../workspace/catalog';

type RowsArgs = z.output<typeof customerView.rows.input>;

/**
 * A page of a customer view for the data table. Column names only from the view's own column list;
 * values bound. Views have no rowid: rows are ordered by the sort column, then the customer ID, and
 * paged with LIMIT/OFFSET (one row per customer, so a page is as cheap as the view's rows it reads).
 */
export function viewRows(ws: Workspace, args: RowsArgs, info: CustomerViewInfo): { columns: string[]; rows: Cell[][]; rowNumbers: number[]; total: number } {
  const key = planView(ws, args.dataset)?.idColumn;
  const cols = info.columns;
  const known = new Set(cols.map((c) => c.name));
  const col = (name: string) => {
    if (!known.has(name)) throw new AppError('BAD_REQUEST', msg('data.customerView.noColumn', { name: args.dataset, column: name }));
    return quoteIdent(name);
  };
  const filtered = tableWhere(cols, args, col);
  let { whereSql } = filtered;
  const params: unknown[] = [...filtered.params];
  if (args.rule !== undefined && key && known.has(key)) {
    const members = membersSql(ws, args.dataset, args.rule, key);
    whereSql = `${whereSql ? `${whereSql} AND` : ' WHERE'} CAST(${quoteIdent(key)} AS TEXT) IN (${members.sql})`;
    params.push(...members.params);
  }
  const tie = key && known.has(key) ? quoteIdent(key) : '1';
  const order = args.sort ? ` ORDER BY ${col(args.sort.column)} ${args.sort.dir === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, ${tie}` : ` ORDER BY ${tie}`;
  const view = quoteIdent(info.view);
  const total = ws.db.prepare(`SELECT count(*) FROM ${view}${whereSql}`).pluck().get(...params) as number;
  const rows = ws.db
    .prepare(`SELECT ${cols.map((c) => quoteIdent(c.name)).join(', ')} FROM ${view}${whereSql}${order} LIMIT ? OFFSET ?`)
    .raw(true)
    .all(...params, args.limit, args.offset) as Cell[][];
  return { columns: cols.map((c) => c.name), rows, rowNumbers: rows.map((_, i) => args.offset + i + 1), total };
}

/**
 * The customer IDs (as text, the view's key) of the rows of the dataset's current version a rule matches:
 * the rule compiled to SQL as segment counts are (same dates: the data's own as-of), so the list holds the
 * customers the number that was clicked counts.
 */
function membersSql(ws: Workspace, dataset: string, input: unknown, key: string): { sql: string; params: unknown[] } {
  const rule = expandRule(ws, dataset, checkRule(ws, dataset, input));
  const { where, params } = compileSql(rule, sqlEnv(ws, dataset, datasetAsOf(ws, dataset).asOf));
  const d = ws.db.prepare('SELECT kind, id_column FROM datasets WHERE name = ?').get(dataset) as { kind: string; id_column: string | null } | undefined;
  // A customers file's own ID column; an orders file's view is keyed by its customer column under the same name.
  const id = d?.kind === 'customers' && d.id_column ? d.id_column : key;
  return { sql: `SELECT CAST(${quoteIdent(id)} AS TEXT) FROM ${quoteIdent(versionTable(ws.db, dataset))} WHERE ${where}`, params };
}
