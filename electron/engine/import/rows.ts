import type { z } from 'zod';
import type { datasets, RowFilter } from '../../../shared/contract/ns/datasets';
import { AppError } from '../../../shared/contract/result';
import type { Cell } from '../../../shared/types/columns';
import { quoteIdent } from '../db/open';
import type { Workspace } from '../workspace/workspace';
import { columnsOf, versionTable } from '../workspace/catalog';
import { msg } from '../../../shared/i18n/current';

type RowsArgs = z.output<typeof datasets.rows.input>;

const OPS: Record<string, string> = { '=': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** A page of the latest version for the data table. Column names come only from the dataset's own column list. */
export function queryRows(ws: Workspace, args: RowsArgs): { columns: string[]; rows: Cell[][]; rowNumbers: number[]; total: number } {
  const db = ws.db;
  const cols = columnsOf(db, args.name);
  const table = quoteIdent(versionTable(db, args.name));
  const known = new Map(cols.map((c) => [c.name, c]));
  const col = (name: string) => {
    if (!known.has(name)) throw new AppError('BAD_REQUEST', msg('data.dataset.noColumn', { name: args.name, column: name }));
    return quoteIdent(name);
  };
  const { whereSql, params } = tableWhere(cols, args, col);
  const order = args.sort ? ` ORDER BY ${col(args.sort.column)} ${args.sort.dir === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, rowid` : ' ORDER BY rowid';
  // The table view jumps anywhere in a million rows, often sorted: re-sorting (or stepping over
  // OFFSET rows) per page took seconds. The row order of a view (sort + filters) is computed once
  // and cached as rowids; a page is then a lookup of `limit` rowids.
  const version = (db.prepare('SELECT current_version AS v FROM datasets WHERE name = ?').get(args.name) as { v: number }).v;
  const orderKey = `rows-order:${args.name}:${version}:${JSON.stringify([whereSql, params, order])}`;
  const rowids = cachedOrder(ws, orderKey, () => {
    const ids = db.prepare(`SELECT rowid FROM ${table}${whereSql}${order}`).pluck().all(...params) as number[];
    return Float64Array.from(ids);
  });
  const page = Array.from(rowids.subarray(args.offset, args.offset + args.limit));
  const select = cols.map((c) => quoteIdent(c.name)).join(', ');
  const byRowid = new Map<number, Cell[]>();
  if (page.length) {
    const stmt = db.prepare(`SELECT rowid AS __row, ${select} FROM ${table} WHERE rowid IN (SELECT value FROM json_each(?))`).raw(true);
    for (const r of stmt.all(JSON.stringify(page)) as Cell[][]) byRowid.set(r[0] as number, r.slice(1));
  }
  const rows = page.map((id) => byRowid.get(id)).filter((r): r is Cell[] => r !== undefined);
  return { columns: cols.map((c) => c.name), rows, rowNumbers: page.filter((id) => byRowid.has(id)), total: rowids.length };
}

const MAX_ORDERS = 6;

/** A small LRU of row orders per workspace: each is 8 bytes a row, and views change as the user sorts and filters. */
function cachedOrder(ws: Workspace, key: string, build: () => Float64Array): Float64Array {
  const lru = ws.cache('rows-order-lru', () => new Map<string, Float64Array>());
  const hit = lru.get(key);
  if (hit) {
    lru.delete(key);
    lru.set(key, hit);
    return hit;
  }
  const made = build();
  lru.set(key, made);
  while (lru.size > MAX_ORDERS) lru.delete(lru.keys().next().value as string);
  return made;
}

/**
 * The WHERE of a data-table page: the search box over text and date columns (LIKE, wildcards escaped)
 * and the column filters, values bound. Shared by the dataset table and the customer-view table.
 */
export function tableWhere(
  cols: readonly { name: string; type: string }[],
  args: { search?: string | null; filters?: readonly RowFilter[] | null },
  col: (name: string) => string,
): { whereSql: string; params: (string | number | null)[] } {
  const where: string[] = [];
  const params: (string | number | null)[] = [];
  if (args.search && args.search.trim()) {
    const textCols = cols.filter((c) => c.type === 'text' || c.type === 'category' || c.type === 'date' || c.type === 'datetime');
    if (textCols.length) {
      where.push(`(${textCols.map((c) => `${quoteIdent(c.name)} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      const pattern = `%${args.search.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      for (let i = 0; i < textCols.length; i++) params.push(pattern);
    }
  }
  for (const f of args.filters ?? []) where.push(filterSql(f, col(f.column), params));
  return { whereSql: where.length ? ` WHERE ${where.join(' AND ')}` : '', params };
}

export function filterSql(f: RowFilter, c: string, params: (string | number | null)[]): string {
  if (f.op === 'empty') return `${c} IS NULL`;
  if (f.op === 'notEmpty') return `${c} IS NOT NULL`;
  if (f.value === undefined || f.value === null) throw new AppError('BAD_REQUEST', msg('data.filter.needsValue', { op: f.op }));
  if (f.op === 'contains') {
    params.push(`%${String(f.value).replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    return `${c} LIKE ? ESCAPE '\\'`;
  }
  params.push(f.value);
  return `${c} ${OPS[f.op]} ?`;
}
