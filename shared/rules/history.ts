import { z } from 'zod';
import { isoToDays, shiftBack } from './dates';
import { RelativeDateSchema, type RelativeDate } from './values';

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

function unitText(v: RelativeDate): string {
  return `${v.amount} ${v.amount === 1 ? v.unit.replace(/s$/, '') : v.unit}`;
}

function timesText(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function ordersText(n: number): string {
  return `${n} order${n === 1 ? '' : 's'}`;
}

const OP_WORDS: Record<Exclude<HistoryOp, 'between'>, string> = { gte: 'at least', gt: 'more than', lte: 'at most', lt: 'fewer than', eq: 'exactly' };
const AMOUNT_WORDS: Record<Exclude<HistoryOp, 'between'>, string> = { gte: 'at least', gt: 'more than', lte: 'at most', lt: 'less than', eq: 'exactly' };

/** Whether the condition asks for no line at all (count = 0, < 1, ≤ 0). */
function asksForNone(h: AnyHistory): boolean {
  if (Array.isArray(h.value)) return h.value[0] <= 0 && h.value[1] < 1;
  return (h.op === 'eq' && h.value === 0) || (h.op === 'lt' && h.value <= 1 && h.value > 0) || (h.op === 'lte' && h.value >= 0 && h.value < 1);
}

/**
 * In plain language, e.g. "at least 3 orders in the last 90 days", "no order in the last 180 days",
 * "bought category Wine at least twice between 2024-01-01 and 2024-12-31", "spent more than 500 in
 * the last 12 months". `describeWhere` describes the line filter (describe.ts passes describeRule).
 */
export function describeHistory<R>(h: HistoryConditionOf<R>, describeWhere: (r: R) => string): string {
  const window = h.within_last ? ` in the last ${unitText(h.within_last)}` : h.between ? ` between ${h.between[0]} and ${h.between[1]}` : '';
  const item = boughtItem(h.where, describeWhere);
  const cmp = (words: Record<Exclude<HistoryOp, 'between'>, string>, fmt: (n: number) => string): string =>
    Array.isArray(h.value) ? `between ${h.value[0]} and ${fmt(h.value[1])}` : `${words[h.op as Exclude<HistoryOp, 'between'>]} ${fmt(h.value)}`;
  if (h.measure === 'count') {
    if (asksForNone(h)) return item ? `never bought ${item}${window}` : `no order${window}`;
    if (item) return `bought ${item} ${cmp(OP_WORDS, timesText)}${window}`;
    return `${cmp(OP_WORDS, ordersText)}${window}`;
  }
  const lines = item ? ` on orders of ${item}` : '';
  const of = h.of ? h.of.replace(/_+/g, ' ') : null;
  const amount = (n: number) => String(n);
  if (h.measure === 'sum') return of ? `total ${of}${lines} ${cmp(AMOUNT_WORDS, amount)}${window}` : `spent ${cmp(AMOUNT_WORDS, amount)}${lines}${window}`;
  if (h.measure === 'avg') return `average ${of ? `${of} per order` : 'order value'}${lines} ${cmp(AMOUNT_WORDS, amount)}${window} (customers without orders have none)`;
  return `${cmp(OP_WORDS, amount)} different ${of ?? 'values'}${lines}${window}`;
}

/** "category Wine" for a single equality filter; otherwise the filter's own description in parentheses. */
function boughtItem<R>(where: R | undefined, describeWhere: (r: R) => string): string | null {
  if (where === undefined) return null;
  const c = where as { field?: unknown; op?: unknown; value?: unknown };
  if (typeof c.field === 'string' && c.op === 'eq' && (typeof c.value === 'string' || typeof c.value === 'number')) return `${c.field.replace(/_+/g, ' ')} ${c.value}`;
  return `(${describeWhere(where)})`;
}
