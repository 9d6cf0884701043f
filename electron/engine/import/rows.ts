import type { z } from 'zod';
import type { datasets, RowFilter } from '../../../shared/contract/ns/datasets';
import { AppError } from '../../../shared/contract/result';
import type { Cell } from '../../../shared/types/columns';
import { quoteIdent, type Db } from '../db/open';
import { columnsOf, versionTable } from '../workspace/catalog';

type RowsArgs = z.output<typeof datasets.rows.input>;

const OPS: Record<string, string> = { '=': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** A page of the latest version for the data table. Column names come only from the dataset's own column list. */
export function queryRows(db: Db, args: RowsArgs): { columns: string[]; rows: Cell[][]; rowNumbers: number[]; total: number } {
  const cols = columnsOf(db, args.name);
  const table = quoteIdent(versionTable(db, args.name));
  const known = new Map(cols.map((c) => [c.name, c]));
  const col = (name: string) => {
    if (!known.has(name)) throw new AppError('BAD_REQUEST', `dataset "${args.name}" has no column "${name}"`);
    return quoteIdent(name);
  };
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
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const order = args.sort ? ` ORDER BY ${col(args.sort.column)} ${args.sort.dir === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, rowid` : ' ORDER BY rowid';
  const select = cols.map((c) => quoteIdent(c.name)).join(', ');
  const stmt = db.prepare(`SELECT rowid AS __row, ${select} FROM ${table}${whereSql}${order} LIMIT ? OFFSET ?`).raw(true);
  const data = stmt.all(...params, args.limit, args.offset) as Cell[][];
  const total = (db.prepare(`SELECT count(*) AS n FROM ${table}${whereSql}`).get(...params) as { n: number }).n;
  return { columns: cols.map((c) => c.name), rows: data.map((r) => r.slice(1)), rowNumbers: data.map((r) => r[0] as number), total };
}

function filterSql(f: RowFilter, c: string, params: (string | number | null)[]): string {
  if (f.op === 'empty') return `${c} IS NULL`;
  if (f.op === 'notEmpty') return `${c} IS NOT NULL`;
  if (f.value === undefined || f.value === null) throw new AppError('BAD_REQUEST', `filter "${f.op}" on a column needs a value`);
  if (f.op === 'contains') {
    params.push(`%${String(f.value).replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    return `${c} LIKE ? ESCAPE '\\'`;
  }
  params.push(f.value);
  return `${c} ${OPS[f.op]} ?`;
}
