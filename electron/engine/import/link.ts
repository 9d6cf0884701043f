import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';
import type { DatasetInfo } from '../../../shared/types/columns';
import { quoteIdent } from '../db/open';
import { getDataset, versionTable } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';
import { countUnknownCustomers } from './register';

/**
 * Link an orders (transactions) file to a customer file after import, or unlink it (`customers` null):
 * the choice the import wizard offers, made afterwards from the Data view. The orders' customer column
 * (the one stated at import, else their ID column) must hold the customers' IDs; lines whose customer
 * is not in the file are counted, not refused (deleted accounts are common in order exports).
 */
export function linkDataset(ws: Workspace, name: string, customers: string | null): { dataset: DatasetInfo; unknownCustomers: number } {
  const db = ws.db;
  const d = getDataset(db, name);
  if (d.kind !== 'transactions') throw new AppError('BAD_INPUT', msg('data.link.isCustomerFile', { name }));
  if (customers === null) {
    db.prepare('UPDATE datasets SET linked_to = NULL WHERE name = ?').run(name);
    ws.invalidate();
    return { dataset: getDataset(db, name), unknownCustomers: 0 };
  }
  if (customers === name) throw new AppError('BAD_INPUT', msg('data.link.itself', { name }));
  const c = db.prepare('SELECT kind, id_column FROM datasets WHERE name = ?').get(customers) as { kind: string; id_column: string | null } | undefined;
  if (!c) throw new AppError('NOT_FOUND', msg('data.dataset.notFound', { name: customers }));
  if (c.kind !== 'customers' || !c.id_column) throw new AppError('BAD_INPUT', msg('data.link.notCustomerFile', { name: customers }));
  const stated = db.prepare('SELECT customer_column FROM dataset_transaction_columns WHERE dataset = ?').pluck().get(name) as string | null | undefined;
  const customerColumn = stated ?? d.idColumn;
  if (!customerColumn) throw new AppError('BAD_INPUT', msg('data.link.noCustomerColumn', { name }));
  const unknownCustomers = countUnknownCustomers(db, versionTable(db, name), customerColumn, versionTable(db, customers), c.id_column);
  const lines = db.prepare(`SELECT count(*) FROM ${quoteIdent(versionTable(db, name))}`).pluck().get() as number;
  if (lines > 0 && unknownCustomers === lines)
    throw new AppError('BAD_INPUT', msg('data.link.noOverlap', { name, column: customerColumn, customers, id: c.id_column }));
  db.prepare('UPDATE datasets SET linked_to = ? WHERE name = ?').run(customers, name);
  ws.invalidate();
  return { dataset: getDataset(db, name), unknownCustomers };
}
