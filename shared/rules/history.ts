import { z } from 'zod';
import { isoToDays, shiftBack } from './dates';
import { RelativeDateSchema } from './values';
import type { MessageId } from '../i18n/catalogue';
import { periodText, speaker, type Speaker } from './speak';

/**
 * Order-history conditions: a number computed per customer from a linked transactions dataset
 * (orders, spend, average order value, distinct products…), within a time window and an optional
 * filter on order lines, compared with a value. Public JSON (issue #14):
 * `{"history":{"transactions","measure","of","where","within_last"|"between","op","value"}}`.
 *
 * The lines read are those of the customer view's order history (customer-view/plan.ts): dated up
 * to the as-of date of the transactions dataset, under the default returns policy
 * (exclude-cancelled). A customer with no line counted has 0 orders, 0 spend, 0 distinct values and
 * no average.
 */
export const HISTORY_MEASURES = ['count', 'sum', 'avg', 'distinct'] as const;
export type HistoryMeasure = (typeof HISTORY_MEASURES)[number];
export const HISTORY_OPS = ['gte', 'gt', 'lte', 'lt', 'eq', 'between'] as const;
export type HistoryOp = (typeof HISTORY_OPS)[number];

const isoDay = z.string().refine((s) => isoToDays(s) !== null, { message: 'a date must be yyyy-mm-dd' });

/**
 * The one declaration of the condition: its type is inferred from this schema, and the validator,
 * the describer, the SQL compiler and the columnar evaluator all read what it lets through.
 * `where` is checked against the transactions dataset's columns by the engine (validate.ts's RefChecker).
 */
export const historySchema = <R>(rule: z.ZodType<R>) =>
  z
    .strictObject({
      transactions: z.string().min(1, 'an order-history condition names its transactions dataset'),
      measure: z.enum(HISTORY_MEASURES),
      of: z.string().min(1).optional(),
      where: rule.optional(),
      within_last: RelativeDateSchema.optional(),
      between: z.tuple([isoDay, isoDay]).optional(),
      op: z.enum(HISTORY_OPS),
      value: z.union([z.number(), z.tuple([z.number(), z.number()])]),
    })
    .superRefine((h, ctx) => {
      const say = (message: string) => ctx.addIssue({ code: 'custom', message });
      if ((h.op === 'between') !== Array.isArray(h.value)) say('an order-history condition with "between" takes [low, high]; the other operators take one number');
      if (Array.isArray(h.value) && h.value[0] > h.value[1]) say(`order history: ${h.value[0]} is more than ${h.value[1]}`);
      if (h.within_last && h.between) say('an order-history condition takes "within_last" or "between", not both');
      if (h.between && h.between[0] > h.between[1]) say(`order history: ${h.between[0]} is after ${h.between[1]}`);
      if (h.measure === 'distinct' && !h.of) say('"distinct" counts the different values of a column: give it as "of"');
      if (h.measure === 'count' && h.of) say('"count" counts orders and takes no "of" (use "distinct" to count the values of a column)');
    });

/**
 * The condition as the schema admits it, with `where` a rule of type R (types.ts names it HistoryCondition
 * with R = RuleNode; generic here so this file needs nothing from types.ts). `of`: the order column summed,
 * averaged per order or counted distinct; sum and avg default to the order value.
 */
export type HistoryConditionOf<R> = z.infer<ReturnType<typeof historySchema<R>>>;
type AnyHistory = HistoryConditionOf<unknown>;

/** Per measure, the value of a customer with no line counted (NaN: no value, no comparison holds). */
export function historyDefault(measure: HistoryMeasure): number {
  return measure === 'avg' ? Number.NaN : 0;
}

/** Whether `x` satisfies the comparison (false for NaN, as a missing value never matches). */
export function historyHolds(h: Pick<AnyHistory, 'op' | 'value'>, x: number): boolean {
  if (x !== x) return false;
  const v = h.value;
  if (Array.isArray(v)) return x >= v[0] && x <= v[1];
  switch (h.op) {
    case 'gte':
      return x >= v;
    case 'gt':
      return x > v;
    case 'lte':
      return x <= v;
    case 'lt':
      return x < v;
    default:
      return x === v;
  }
}

/**
 * The calendar days counted, inclusive ISO dates: never after the as-of date; `within_last` counts
 * back from it as the date operator "within the last" does (both ends included).
 */
export function historyWindow(h: Pick<AnyHistory, 'within_last' | 'between'>, asOf: string): { from: string | null; to: string } {
  if (h.within_last) return { from: shiftBack(asOf, h.within_last.amount, h.within_last.unit), to: asOf };
  if (h.between) return { from: h.between[0], to: h.between[1] < asOf ? h.between[1] : asOf };
  return { from: null, to: asOf };
}

/** Whether the condition asks for no line at all (count = 0, < 1, ≤ 0). */
function asksForNone(h: AnyHistory): boolean {
  if (Array.isArray(h.value)) return h.value[0] <= 0 && h.value[1] < 1;
  return (h.op === 'eq' && h.value === 0) || (h.op === 'lt' && h.value <= 1 && h.value > 0) || (h.op === 'lte' && h.value >= 0 && h.value < 1);
}

/**
 * In plain language, e.g. "at least 3 orders in the last 90 days", "no order in the last 180 days",
 * "bought category Wine at least twice between 2024-01-01 and 2024-12-31", "spent more than 500 in
 * the last 12 months". `describeWhere` describes the line filter (describe.ts passes describeRule).
 * Each shape is one message of the `rules` catalogue, with the time window a `select` inside it, so
 * every language orders the parts its own way.
 */
export function describeHistory<R>(h: HistoryConditionOf<R>, describeWhere: (r: R) => string, s: Speaker = speaker()): string {
  const win = h.within_last ? 'last' : h.between ? 'between' : 'none';
  const windowValues = {
    window: win,
    period: h.within_last ? periodText(s, h.within_last, 'inLast') : '',
    from: h.between ? s.date(h.between[0]) : '',
    to: h.between ? s.date(h.between[1]) : '',
  };
  const item = boughtItem(h.where, describeWhere, s);
  const cmp = (kind: 'orders' | 'times' | 'amount' | 'fewer'): string => {
    const v = h.value;
    if (Array.isArray(v)) return s.t(`rules.history.cmpBetween.${kind}` as MessageId, { low: s.num(v[0]), high: s.num(v[1]), count: v[1] });
    return s.t(`rules.history.cmp.${kind}` as MessageId, { op: h.op, n: s.num(v), count: v });
  };
  const of = h.of ? h.of.replace(/_+/g, ' ') : '';
  const withItem = { hasItem: item ? 'yes' : 'no', item: item ?? '' };
  if (h.measure === 'count') {
    if (asksForNone(h)) return s.t('rules.history.none', { ...windowValues, ...withItem });
    if (item) return s.t('rules.history.bought', { ...windowValues, item, cmp: cmp('times') });
    return s.t('rules.history.orders', { ...windowValues, cmp: cmp('orders') });
  }
  if (h.measure === 'sum') return s.t('rules.history.sum', { ...windowValues, ...withItem, hasOf: of ? 'yes' : 'no', of, cmp: cmp('amount') });
  if (h.measure === 'avg') return s.t('rules.history.avg', { ...windowValues, ...withItem, hasOf: of ? 'yes' : 'no', of, cmp: cmp('amount') });
  return s.t('rules.history.distinct', { ...windowValues, ...withItem, hasOf: of ? 'yes' : 'no', of, cmp: cmp('fewer') });
}

/** "category Wine" for a single equality filter; otherwise the filter's own description in parentheses. */
function boughtItem<R>(where: R | undefined, describeWhere: (r: R) => string, s: Speaker): string | null {
  if (where === undefined) return null;
  const c = where as { field?: unknown; op?: unknown; value?: unknown };
  if (typeof c.field === 'string' && c.op === 'eq' && (typeof c.value === 'string' || typeof c.value === 'number')) {
    return s.t('rules.history.item', { field: c.field.replace(/_+/g, ' '), value: typeof c.value === 'number' ? s.num(c.value) : c.value });
  }
  return s.t('rules.join.group', { text: describeWhere(where) });
}
