import type { SegmentInfo } from '../../../shared/contract/ns/segments';
import { AppError } from '../../../shared/contract/result';
import { saveSegment } from '../segments/store';
import type { Workspace } from '../workspace/workspace';
import { getDataset } from '../workspace/catalog';

const MAX_MEMBERS = 100_000;

/**
 * A saved segment from the last CLV fit, on the customer dataset the transactions are linked to.
 * The segment rule language has no CLV field, so the rule lists the chosen customer IDs
 * (`id in […]`): the membership is the one at the fit, not re-evaluated on later fits.
 */
export function clvSegment(ws: Workspace, transactions: string, kind: 'top20' | 'likelyChurned', name?: string): SegmentInfo {
  const tx = getDataset(ws.db, transactions);
  if (!tx.linkedTo) throw new AppError('BAD_INPUT', `transactions "${transactions}" are not linked to a customer dataset (import them with --link CUSTOMERS)`, { dataset: transactions });
  const customers = getDataset(ws.db, tx.linkedTo);
  const idCol = customers.columns.find((c) => c.name === customers.idColumn);
  if (!idCol) throw new AppError('BAD_INPUT', `customer dataset "${customers.name}" has no ID column`, { dataset: customers.name });
  if (idCol.type !== 'text' && idCol.type !== 'category')
    throw new AppError('BAD_INPUT', `customer IDs of "${customers.name}" are numbers; a CLV segment needs text IDs (re-import with the ID column as text)`, { dataset: customers.name });
  const has = ws.db.prepare('SELECT count(*) AS n FROM clv_scores WHERE dataset = ?').get(transactions) as { n: number };
  if (!has.n) throw new AppError('NOT_FOUND', `no CLV fit for "${transactions}": run the CLV fit first`);
  let ids: string[];
  if (kind === 'top20') {
    const withClv = (ws.db.prepare('SELECT count(*) AS n FROM clv_scores WHERE dataset = ? AND clv IS NOT NULL').get(transactions) as { n: number }).n;
    if (!withClv) throw new AppError('BAD_INPUT', `the last CLV fit of "${transactions}" has no spend model, so there is no CLV to rank by`);
    ids = ws.db
      .prepare('SELECT id FROM clv_scores WHERE dataset = ? AND clv IS NOT NULL ORDER BY clv DESC, id LIMIT ?')
      .pluck()
      .all(transactions, Math.ceil(0.2 * withClv)) as string[];
  } else {
    ids = ws.db.prepare('SELECT id FROM clv_scores WHERE dataset = ? AND p_alive < 0.3 ORDER BY id').pluck().all(transactions) as string[];
  }
  if (!ids.length) throw new AppError('BAD_INPUT', kind === 'top20' ? 'no customers to rank' : 'no customer has P(alive) below 0.3');
  if (ids.length > MAX_MEMBERS) throw new AppError('BAD_INPUT', `${ids.length} customers: too many for a listed-ID segment (at most ${MAX_MEMBERS})`);
  const segName = name ?? (kind === 'top20' ? `Top 20% by CLV (${transactions})` : `Likely churned (${transactions})`);
  return saveSegment(ws, { dataset: customers.name, name: segName, rule: { field: idCol.name, op: 'in', value: ids } });
}
