import type { Handlers } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/result';
import type { EngineContext } from '../context';
import { removeDatasetTraces } from '../erasure/dataset-traces';
import { quoteIdent } from '../db/open';
import { columnsOf, getDataset, listDatasets, versionTable } from '../workspace/catalog';
import { buildPreview } from './preview';
import { queryRows } from './rows';
import { recordAudit } from '../audit/log';
import { linkDataset } from './link';
import { msg } from '../../../shared/i18n/current';

function transactionColumns(ctx: EngineContext, name: string) {
  const ws = ctx.ws();
  getDataset(ws.db, name);
  const r = ws.db
    .prepare('SELECT order_column, customer_column, date_column, amount_column, quantity_column, price_column FROM dataset_transaction_columns WHERE dataset = ?')
    .get(name) as Record<string, string | null> | undefined;
  if (!r) throw new AppError('NOT_FOUND', msg('data.dataset.notTransactions', { name }));
  return { order: r.order_column, customer: r.customer_column, date: r.date_column, amount: r.amount_column, quantity: r.quantity_column, price: r.price_column };
}

export const datasetsHandlers = {
  list: (_a, ctx) => listDatasets(ctx.ws().db),
  get: ({ name }, ctx) => getDataset(ctx.ws().db, name),
  preview: ({ path, options, columns }, ctx) => buildPreview(path, options, columns, ctx.current()),
  rows: (args, ctx) => queryRows(ctx.ws(), args),
  versions: ({ name }, ctx) => {
    const db = ctx.ws().db;
    getDataset(db, name);
    const rows = db
      .prepare('SELECT version, rows, cell_errors, imported_at, source_file FROM dataset_versions WHERE dataset = ? ORDER BY version DESC')
      .all(name) as { version: number; rows: number; cell_errors: number; imported_at: string; source_file: string }[];
    return rows.map((r) => ({ version: r.version, rows: r.rows, cellErrors: r.cell_errors, importedAt: r.imported_at, sourceFile: r.source_file }));
  },
  errors: ({ name, version, offset, limit }, ctx) => {
    const db = ctx.ws().db;
    const v = version ?? getDataset(db, name).version;
    versionTable(db, name, v);
    const errors = db
      .prepare('SELECT row, column_name AS column, raw, problem FROM cell_errors WHERE dataset = ? AND version = ? ORDER BY row, rowid LIMIT ? OFFSET ?')
      .all(name, v, limit, offset) as { row: number; column: string; raw: string; problem: string }[];
    const total = (db.prepare('SELECT count(*) AS n FROM cell_errors WHERE dataset = ? AND version = ?').get(name, v) as { n: number }).n;
    return { errors, total };
  },
  updateColumn: ({ name, column, role, pii, sensitive, sensitiveCategory }, ctx) => {
    const ws = ctx.ws();
    if (!columnsOf(ws.db, name).some((c) => c.name === column)) {
      getDataset(ws.db, name);
      throw new AppError('NOT_FOUND', msg('data.dataset.noColumn', { name, column }));
    }
    const changes: [string, string | number | null][] = [];
    if (role !== undefined) changes.push(['role', role]);
    if (pii !== undefined) changes.push(['pii', pii ? 1 : 0]);
    if (sensitive !== undefined) changes.push(['sensitive', sensitive ? 1 : 0]);
    if (sensitiveCategory !== undefined) changes.push(['sensitive_category', sensitiveCategory]);
    else if (sensitive === false) changes.push(['sensitive_category', null]);
    const sets = changes.map(([c]) => `${c} = ?`);
    const vals = changes.map(([, v]) => v);
    ws.db.transaction(() => {
      if (sets.length) ws.db.prepare(`UPDATE dataset_columns SET ${sets.join(', ')} WHERE dataset = ? AND name = ?`).run(...vals, name, column);
      // Marking or unmarking a sensitive attribute changes what the fairness checks look at: keep a record.
      if (sensitive !== undefined || sensitiveCategory !== undefined) {
        const what = sensitive === false ? `column "${column}" is no longer marked sensitive` : `column "${column}" marked sensitive${sensitiveCategory ? ` (${sensitiveCategory})` : ''}`;
        recordAudit(ws.db, { action: 'sensitive_change', dataset: name, what, count: null, details: { column, sensitive: sensitive ?? null, category: sensitiveCategory ?? null } });
      }
    })();
    ws.invalidate(`profile:${name}:`);
    ctx.emit({ type: 'workspace', change: 'datasets', path: ws.file });
    return getDataset(ws.db, name);
  },
  transactionColumns: ({ name }, ctx) => transactionColumns(ctx, name),
  link: ({ name, customers }, ctx) => {
    const ws = ctx.ws();
    const r = linkDataset(ws, name, customers);
    ctx.emit({ type: 'workspace', change: 'datasets', path: ws.file });
    return r;
  },
  duplicateIds: ({ name, limit }, ctx) => {
    const db = ctx.ws().db;
    const d = getDataset(db, name);
    if (!d.idColumn) return { idColumn: null, duplicates: [], total: 0 };
    const q = quoteIdent(d.idColumn);
    const t = quoteIdent(versionTable(db, name));
    const dup = `SELECT CAST(${q} AS TEXT) AS id, count(*) AS count FROM ${t} WHERE ${q} IS NOT NULL GROUP BY ${q} HAVING count(*) > 1`;
    const duplicates = db.prepare(`${dup} ORDER BY count DESC, id LIMIT ?`).all(limit) as { id: string; count: number }[];
    const total = (db.prepare(`SELECT count(*) AS n FROM (${dup})`).get() as { n: number }).n;
    return { idColumn: d.idColumn, duplicates, total };
  },
  remove: ({ name }, ctx) => {
    const ws = ctx.ws();
    const exists = ws.db.prepare('SELECT 1 FROM datasets WHERE name = ?').get(name);
    if (!exists) return { removed: false };
    const tables = (ws.db.prepare('SELECT table_name FROM dataset_versions WHERE dataset = ?').all(name) as { table_name: string }[]).map((r) => r.table_name);
    ws.db.transaction(() => {
      // Segments, clusters, RFM/CLV results and registered ID tables of this dataset go with it.
      const traces = removeDatasetTraces(ws.db, name);
      recordAudit(ws.db, { action: 'dataset_removed', dataset: name, what: `dataset "${name}" removed with ${tables.length} version(s)`, details: { removedWithIt: traces } });
      ws.db.exec(`DROP VIEW IF EXISTS ${quoteIdent(name)}`);
      for (const t of tables) ws.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
      ws.db.prepare('DELETE FROM cell_errors WHERE dataset = ?').run(name);
      ws.db.prepare('DELETE FROM column_stats WHERE dataset = ?').run(name);
      ws.db.prepare('DELETE FROM dataset_transaction_columns WHERE dataset = ?').run(name);
      ws.db.prepare('DELETE FROM dataset_columns WHERE dataset = ?').run(name);
      ws.db.prepare('DELETE FROM dataset_versions WHERE dataset = ?').run(name);
      ws.db.prepare('DELETE FROM datasets WHERE name = ?').run(name);
    })();
    ws.invalidate();
    ctx.emit({ type: 'workspace', change: 'datasets', path: ws.file });
    return { removed: true };
  },
} satisfies Handlers<EngineContext>['datasets'];
