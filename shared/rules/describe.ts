import { isAll, isAny, isClusterRef, isClvRef, isCondition, isHistoryRef, isNot, isRfmRef, isSegmentRef, type ConditionNode, type RuleNode } from './types';
import { describeHistory } from './history';
import { isOperator, operator } from './operators';

/** Column names read better with spaces: total_spend → "total spend". */
export function humanField(name: string): string {
  return name.replace(/[_]+/g, ' ').trim() || name;
}

/** Longest description kept; past it the text is cut with a note (the rule itself is always stored whole). */
export const MAX_DESCRIPTION = 4000;
/** Longest single value shown; longer values are cut with "…". */
const MAX_SHOWN_VALUE = 100;

function shortValue(v: unknown): unknown {
  if (typeof v === 'string') return v.length > MAX_SHOWN_VALUE ? `${v.slice(0, MAX_SHOWN_VALUE)}…` : v;
  if (Array.isArray(v)) return v.map(shortValue);
  return v;
}

/**
 * A condition in plain language, from its operator's template. The value is checked against the
 * operator's value shapes first: a rule is described before it is valid too (as it is being edited).
 */
function describeCondition(c: ConditionNode): string {
  const f = humanField(c.field);
  if (!isOperator(c.op)) return `${f} ${c.op} …`;
  const def = operator(c.op);
  for (const spec of Object.values(def.kinds)) {
    const parsed = spec.schema.safeParse(c.value);
    if (parsed.success) return def.describe(f, shortValue(parsed.data));
  }
  return `${f} ${def.label} …`;
}

/**
 * A plain-language description of a rule, e.g.
 * "total spend is more than 500 and (lifestyle is eco-conscious or premium)".
 * Groups nested inside another group are parenthesised so "and"/"or" never read ambiguously.
 * Long lists name their first values and how many more there are, long values are cut, and the
 * whole text is kept under MAX_DESCRIPTION characters: it is shown, stored and sent with every count.
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
    if (isHistoryRef(n)) return describeHistory(n.history, (w) => walk(w, false));
    return '?';
  };
  const text = walk(rule, false);
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}… (${(text.length - MAX_DESCRIPTION).toLocaleString('en-US')} more characters)` : text;
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
