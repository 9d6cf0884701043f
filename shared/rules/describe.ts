import { isAll, isAny, isClusterRef, isClvRef, isCondition, isNot, isRfmRef, isSegmentRef, type ConditionNode, type RelativeDate, type RuleNode } from './types';

/** Column names read better with spaces: total_spend → "total spend". */
export function humanField(name: string): string {
  return name.replace(/[_]+/g, ' ').trim() || name;
}

function quoteText(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

function orList(values: readonly unknown[], word: string): string {
  const items = values.map(quoteText);
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

function relative(v: RelativeDate): string {
  const unit = v.amount === 1 ? v.unit.replace(/s$/, '') : v.unit;
  return `${v.amount} ${unit}`;
}

function describeCondition(c: ConditionNode): string {
  const f = humanField(c.field);
  const v = c.value;
  switch (c.op) {
    case 'eq':
      return `${f} is ${quoteText(v)}`;
    case 'neq':
      return `${f} is not ${quoteText(v)}`;
    case 'lt':
      return `${f} is less than ${quoteText(v)}`;
    case 'lte':
      return `${f} is at most ${quoteText(v)}`;
    case 'gt':
      return `${f} is more than ${quoteText(v)}`;
    case 'gte':
      return `${f} is at least ${quoteText(v)}`;
    case 'between':
      return Array.isArray(v) ? `${f} is between ${quoteText(v[0])} and ${quoteText(v[1])}` : `${f} is between …`;
    case 'in':
      return Array.isArray(v) ? `${f} is ${orList(v, 'or')}` : `${f} is one of …`;
    case 'not_in':
      if (!Array.isArray(v)) return `${f} is none of …`;
      return v.length === 1 ? `${f} is not ${quoteText(v[0])}` : `${f} is neither ${orList(v, 'nor')}`;
    case 'contains':
      return `${f} contains "${quoteText(v)}"`;
    case 'starts_with':
      return `${f} starts with "${quoteText(v)}"`;
    case 'before':
      return `${f} is before ${quoteText(v)}`;
    case 'after':
      return `${f} is after ${quoteText(v)}`;
    case 'on':
      return `${f} is on ${quoteText(v)}`;
    case 'within_last':
      return v && typeof v === 'object' && !Array.isArray(v) ? `${f} is within the last ${relative(v as RelativeDate)}` : `${f} is recent`;
    case 'more_than_ago':
      return v && typeof v === 'object' && !Array.isArray(v) ? `${f} is more than ${relative(v as RelativeDate)} ago` : `${f} is long ago`;
    case 'is_true':
      return `${f} is yes`;
    case 'is_false':
      return `${f} is no`;
    case 'is_empty':
      return `${f} is empty`;
    case 'is_not_empty':
      return `${f} is not empty`;
  }
}

/**
 * A plain-language description of a rule, e.g.
 * "total spend is more than 500 and (lifestyle is eco-conscious or premium)".
 * Groups nested inside another group are parenthesised so "and"/"or" never read ambiguously.
 */
export function describeRule(rule: RuleNode): string {
  const walk = (n: RuleNode, nested: boolean): string => {
    if (isAll(n) || isAny(n)) {
      const kids = isAll(n) ? n.all : (n as { any: RuleNode[] }).any;
      if (kids.length === 0) return isAll(n) ? 'everyone' : 'no one';
      if (kids.length === 1) return walk(kids[0], nested);
      const text = kids.map((k) => walk(k, true)).join(isAll(n) ? ' and ' : ' or ');
      return nested ? `(${text})` : text;
    }
    if (isNot(n)) return `not ${walk(n.not, true)}`;
    if (isCondition(n)) return describeCondition(n);
    if (isSegmentRef(n)) return `in segment "${n.segment}"`;
    if (isClusterRef(n)) return `in cluster ${JSON.stringify(n.cluster.cluster)} of clustering run ${n.cluster.run}`;
    if (isRfmRef(n)) return `in RFM segment "${n.rfm}"`;
    if (isClvRef(n)) return describeClv(n.clv);
    return '?';
  };
  return walk(rule, false);
}

const CLV_LABELS: Record<string, string> = {
  frequency: 'repeat purchases',
  recency: 'time between first and last purchase',
  T: 'customer age',
  monetary: 'average repeat spend',
  p_alive: 'probability of being active',
  expected_purchases: 'expected purchases',
  expected_spend: 'expected average spend',
  clv: 'lifetime value',
};
const CLV_OP_TEXT: Record<string, string> = { lt: 'is less than', lte: 'is at most', gt: 'is more than', gte: 'is at least', eq: 'is' };

function describeClv(c: { field: string; op: string; value: number | [number, number] }): string {
  const label = `${CLV_LABELS[c.field] ?? c.field} (CLV model)`;
  if (c.op === 'between' && Array.isArray(c.value)) return `${label} is between ${c.value[0]} and ${c.value[1]}`;
  return `${label} ${CLV_OP_TEXT[c.op] ?? c.op} ${String(c.value)}`;
}
