import { CLV_FIELDS, isAll, isAny, isClusterRef, isClvRef, isCondition, isHistoryRef, isNot, isRfmRef, isSegmentRef, type ConditionNode, type RuleNode } from './types';
import { describeHistory } from './history';
import { isOperator, operator, operatorLabel } from './operators';
import { joinWith, speaker, type Speaker } from './speak';
import type { UiLocale } from '../i18n/locales';
import type { MessageId } from '../i18n/catalogue';

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
function describeCondition(c: ConditionNode, s: Speaker): string {
  const f = humanField(c.field);
  if (!isOperator(c.op)) return s.t('rules.describe.unfinished', { field: f, op: c.op });
  const def = operator(c.op);
  for (const spec of Object.values(def.kinds)) {
    const parsed = spec.schema.safeParse(c.value);
    if (parsed.success) return def.describe(f, shortValue(parsed.data), s);
  }
  return s.t('rules.describe.unfinished', { field: f, op: operatorLabel(c.op, s) });
}

/**
 * A plain-language description of a rule, e.g.
 * "total spend is more than 500 and (lifestyle is eco-conscious or premium)".
 * Groups nested inside another group are parenthesised so "and"/"or" never read ambiguously.
 * Long lists name their first values and how many more there are, long values are cut, and the
 * whole text is kept under MAX_DESCRIPTION characters: it is shown, stored and sent with every count.
 *
 * `locale` defaults to the process's message language (the window's, in the app). What is stored (saved
 * segments, the audit log) is described in English: pass 'en'.
 */
export function describeRule(rule: RuleNode, locale?: UiLocale): string {
  const s = speaker(locale);
  const walk = (n: RuleNode, nested: boolean): string => {
    if (isAll(n) || isAny(n)) {
      const kids = isAll(n) ? n.all : (n as { any: RuleNode[] }).any;
      if (kids.length === 0) return s.t(isAll(n) ? 'rules.describe.everyone' : 'rules.describe.noOne');
      if (kids.length === 1) return walk(kids[0], nested);
      const text = joinWith(s, isAll(n) ? 'rules.join.and' : 'rules.join.or', kids.map((k) => walk(k, true)));
      return nested ? s.t('rules.join.group', { text }) : text;
    }
    if (isNot(n)) return s.t('rules.join.not', { text: walk(n.not, true) });
    if (isCondition(n)) return describeCondition(n, s);
    if (isSegmentRef(n)) return s.t('rules.describe.inSegment', { segment: n.segment });
    if (isClusterRef(n)) return s.t('rules.describe.inCluster', { cluster: JSON.stringify(n.cluster.cluster), run: n.cluster.run });
    if (isRfmRef(n)) return s.t('rules.describe.inRfm', { rfm: n.rfm });
    if (isClvRef(n)) return describeClv(n.clv, s);
    if (isHistoryRef(n)) return describeHistory(n.history, (w) => walk(w, false), s);
    return '?';
  };
  const text = walk(rule, false);
  if (text.length <= MAX_DESCRIPTION) return text;
  const more = text.length - MAX_DESCRIPTION;
  return s.t('rules.describe.cut', { text: text.slice(0, MAX_DESCRIPTION), count: more, n: s.count(more) });
}

/** A CLV model field's name in a language ("repeat purchases"); an unknown field is shown as it is. */
export function clvFieldLabel(field: string, s: Speaker = speaker()): string {
  return (CLV_FIELDS as readonly string[]).includes(field) ? s.t(`rules.clv.${field}` as MessageId) : field;
}

function describeClv(c: { field: string; op: string; value: number | [number, number] }, s: Speaker): string {
  const label = clvFieldLabel(c.field, s);
  if (c.op === 'between' && Array.isArray(c.value)) return s.t('rules.clv.between', { label, low: s.num(c.value[0]), high: s.num(c.value[1]) });
  const value = typeof c.value === 'number' ? s.num(c.value) : String(c.value);
  return ['lt', 'lte', 'gt', 'gte', 'eq'].includes(c.op) ? s.t('rules.clv.compare', { label, op: c.op, value }) : s.t('rules.clv.other', { label, op: c.op, value });
}
