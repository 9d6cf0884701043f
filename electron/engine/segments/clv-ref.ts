import { quoteIdent } from '../db/open';
import type { ClvRef } from '../../../shared/rules';

const OPS = { lt: '<', lte: '<=', gt: '>', gte: '>=', eq: '=' } as const;

/**
 * The WHERE clause over a clv_<dataset> view for a `{clv:…}` rule node. The field comes from the
 * schema's fixed list (CLV_FIELDS), never from free text; values are bound. Used by the SQL compiler
 * and by the mirror's membership masks alike, so both select the same customers.
 */
export function clvWhere(c: ClvRef['clv']): { where: string; params: number[] } {
  const col = quoteIdent(c.field);
  if (c.op === 'between') {
    const [lo, hi] = c.value as [number, number];
    return { where: `${col} BETWEEN ? AND ?`, params: [lo, hi] };
  }
  return { where: `${col} ${OPS[c.op]} ?`, params: [c.value as number] };
}
