import type { SegmentInfo } from '../../../shared/contract/ns/segments';
import { formats } from '../../../shared/i18n/format';
import { messageLocale, msg } from '../../../shared/i18n/current';
import { AppError } from '../../../shared/contract/result';
import type { RuleNode } from '../../../shared/rules';
import { saveSegment } from '../segments/store';
import type { Workspace } from '../workspace/workspace';
import { getDataset } from '../workspace/catalog';

/**
 * A saved segment from the last CLV fit, on the customer dataset the transactions are linked to (or on
 * the transactions themselves when they have no customer file),
 * as a rule on the CLV results (`{"clv":…}`), so it is re-evaluated with every later fit:
 * "likely churned" is P(alive) < 0.3; "top 20% by CLV" is CLV at or above the 80th percentile
 * of this fit (the threshold is fixed in the rule and shown in its description).
 */
export function clvSegment(ws: Workspace, transactions: string, kind: 'top20' | 'likelyChurned', name?: string): SegmentInfo {
  const tx = getDataset(ws.db, transactions);
  // Orders without a customer file: the segment is on the orders themselves (their customer IDs), as
  // every view of the app works on such a dataset; linked orders: on the customer file.
  const customers = getDataset(ws.db, tx.linkedTo ?? transactions);
  if (!customers.idColumn) throw new AppError('BAD_INPUT', msg('outcomes.errors.noIdColumn', { dataset: customers.name }), { dataset: customers.name });
  const has = ws.db.prepare('SELECT count(*) AS n FROM clv_scores WHERE dataset = ?').get(transactions) as { n: number };
  if (!has.n) throw new AppError('NOT_FOUND', msg('outcomes.errors.noClvFit', { dataset: transactions }));
  let rule: RuleNode;
  if (kind === 'top20') {
    const withClv = (ws.db.prepare('SELECT count(*) AS n FROM clv_scores WHERE dataset = ? AND clv IS NOT NULL').get(transactions) as { n: number }).n;
    if (!withClv) throw new AppError('BAD_INPUT', msg('outcomes.errors.noSpendModel', { dataset: transactions }));
    const threshold = ws.db
      .prepare('SELECT clv FROM clv_scores WHERE dataset = ? AND clv IS NOT NULL ORDER BY clv DESC LIMIT 1 OFFSET ?')
      .pluck()
      .get(transactions, Math.ceil(0.2 * withClv) - 1) as number;
    rule = { clv: { field: 'clv', op: 'gte', value: threshold } };
  } else {
    const churned = (ws.db.prepare('SELECT count(*) AS n FROM clv_scores WHERE dataset = ? AND p_alive < 0.3').get(transactions) as { n: number }).n;
    if (!churned) throw new AppError('BAD_INPUT', msg('outcomes.errors.noneChurned', { limit: formats(messageLocale()).number(0.3, 1) }));
    rule = { clv: { field: 'p_alive', op: 'lt', value: 0.3 } };
  }
  // The name is data the user keeps (and may rename): made in the process's language.
  const segName = name ?? (kind === 'top20' ? msg('outcomes.segments.top20', { dataset: transactions }) : msg('outcomes.segments.churned', { dataset: transactions }));
  return saveSegment(ws, { dataset: customers.name, name: segName, rule });
}
