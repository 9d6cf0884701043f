import fs from 'node:fs';
import { msg } from '../../../shared/i18n/current';
import path from 'node:path';
import type { Handlers } from '../../../shared/contract/api';
import type { CustomerViewInfo } from '../../../shared/contract/ns/customer-view';
import { AppError } from '../../../shared/contract/result';
import type { EngineContext } from '../context';
import { quoteIdent } from '../db/open';
import { CsvWriter } from '../export/csv-writer';
import { columnsOf, getDataset } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';
import { planView, viewOf } from './plan';
import { rebuildCustomerViews } from './rebuild';
import { viewRows } from './rows';

/** The view of a dataset, current (rebuilt first when an input changed since), or why there is none. */
export function describeView(ws: Workspace, dataset: string): CustomerViewInfo {
  const info = getDataset(ws.db, dataset);
  const plan = (ws.db.readonly ? null : rebuildCustomerViews(ws).plans.find((p) => p.dataset === dataset)) ?? planView(ws, dataset);
  if (!plan) {
    if (info.kind === 'customers' || info.linkedTo === null) throw new AppError('BAD_INPUT', msg('data.customerView.noId', { name: dataset }));
    throw new AppError('BAD_INPUT', msg('data.customerView.linked', { name: dataset, customers: info.linkedTo ?? '', view: viewOf(info.linkedTo ?? '') }), {
      view: viewOf(info.linkedTo ?? ''),
    });
  }
  if (plan.view !== viewOf(dataset) || ws.db.prepare("SELECT 1 FROM datasets WHERE name = ?").get(plan.view))
    throw new AppError('CONFLICT', msg('data.customerView.nameTaken', { view: plan.view, name: dataset }));
  const customers = ws.db.prepare(`SELECT count(*) FROM ${quoteIdent(plan.view)}`).pluck().get() as number;
  return { view: plan.view, dataset, customers, columns: plan.columns, orders: plan.orders, notes: plan.notes };
}

export const customerViewHandlers = {
  describe: ({ dataset }, ctx) => describeView(ctx.ws(), dataset),
  list: (_a, ctx) => {
    const ws = ctx.ws();
    const names = ws.db.prepare('SELECT name FROM datasets ORDER BY name').pluck().all() as string[];
    return names.flatMap((n) => {
      const p = planView(ws, n);
      return p ? [{ view: p.view, dataset: n }] : [];
    });
  },
  rows: (args, ctx) => viewRows(ctx.ws(), args, describeView(ctx.ws(), args.dataset)),
  writeCsv: async ({ dataset, path: file }, ctx) => {
    const ws = ctx.ws();
    const info = describeView(ws, dataset);
    // PII (names, e-mails, phones) stays in the workspace: the export capability is where PII leaves, with its rules and audit.
    const pii = new Set(columnsOf(ws.db, dataset).filter((c) => c.pii).map((c) => c.name));
    const own = new Set(info.columns.filter((c) => c.source === 'customers').map((c) => c.name));
    const leftOut = [...pii].filter((c) => own.has(c));
    const columns = info.columns.map((c) => c.name).filter((c) => !leftOut.includes(c));
    const out = path.resolve(file);
    const w = new CsvWriter(out, { delimiter: ',', bom: false });
    let rows = 0;
    try {
      await w.header(columns);
      // Read at once: an open iterator would keep the connection busy while the writer awaits the disk.
      const all = ws.db.prepare(`SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(info.view)}`).raw(true).all() as (string | number | null)[][];
      for (const r of all) {
        await w.row(r);
        rows++;
      }
      await w.close();
    } catch (e) {
      w.destroy();
      fs.rmSync(out, { force: true });
      throw e;
    }
    return { path: out, rows, columns, leftOut };
  },
} satisfies Handlers<EngineContext>['customerView'];
