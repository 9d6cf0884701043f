import { msg } from '../../../shared/i18n/current';
import { isoToDays, shiftBack, type ConditionNode, type FieldKind, type KindsOf, type OperatorName, type RelativeDate, type ValueAt } from '../../../shared/rules';
import { AppError } from '../../../shared/contract/result';
import { BOOL_MISSING, type Mirror, type TextColumn } from '../mirror';
import { missingFilter, nextDown, nextUp, otherThanFilter, rangeFilter, type Filter } from './mirror-filter';
import { narrowCodes } from './sketch';

/**
 * The mirror side of every rule operator: given a column of the columnar mirror and the condition's
 * (validated) value, the filter that selects its rows. The rest of an operator (kinds, value schema,
 * SQL, wording, builder widget) is declared in shared/rules/operators.ts; the kernel lives here because
 * it runs on the engine's typed-array mirror (electron/engine/mirror), which shared code and the
 * renderer must not import. The table is typed from the shared declaration, so an operator (or a
 * field kind of one) without a kernel here is a compile error, and each kernel gets its value's type.
 * test/engine/segments/differential.test.ts checks every kernel against its SQL template.
 */

interface Ctx {
  asOf: string;
}
interface ColumnData {
  number: Float64Array;
  date: Float64Array;
  boolean: Uint8Array;
  text: TextColumn;
}
type Kernel<K extends FieldKind, V> = (col: ColumnData[K], v: V, ctx: Ctx) => Filter;
export type Kernels = { [Op in OperatorName]: { [K in KindsOf<Op>]: Kernel<K, ValueAt<Op, K>> } };

/** SQLite's lower(): ASCII letters only, so mirror and SQL fold case identically. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

function day(iso: string): number {
  const d = isoToDays(iso);
  if (d === null) throw new AppError('BAD_INPUT', msg('segments.error.notDate', { value: iso }));
  return d;
}

// Kernel builders: most operators are one of these shapes, so their entries are one line.

/** An inclusive range of numbers [lo, hi]; NaN (missing) falls outside every range. */
const range =
  <V>(bounds: (v: V) => [number, number]): Kernel<'number', V> =>
  (values, v) => {
    const [lo, hi] = bounds(v);
    return rangeFilter(values, lo, hi);
  };

/** A half-open range of days [from, to) (datetimes carry the time of day as a fraction). */
const days =
  <V>(bounds: (v: V, ctx: Ctx) => [number, number]): Kernel<'date', V> =>
  (values, v, ctx) => {
    const [from, to] = bounds(v, ctx);
    return rangeFilter(values, from, nextDown(to));
  };

/** A test run once per dictionary entry; rows look their code up. Missing rows pass only when `missing` is set. */
const text =
  <V>(test: (v: V) => (s: string) => boolean, missing = false): Kernel<'text', V> =>
  (col, v) => {
    const pass = test(v);
    const dict = col.dictionary;
    const lut = new Uint8Array(dict.length + 1);
    lut[0] = +missing;
    for (let c = 0; c < dict.length; c++) lut[c + 1] = +pass(dict[c]);
    const narrow = narrowCodes(col.codes, dict.length);
    if (narrow instanceof Uint8Array) return { kind: 'lut8', values: narrow, lut };
    if (narrow) return { kind: 'lut16', values: narrow, lut };
    return { kind: 'lut', codes: col.codes, lut };
  };

/** A test of text against a pattern, both folded as SQLite's lower() folds them. */
const folded = (test: (s: string, p: string) => boolean): Kernel<'text', string> =>
  text((p) => {
    const q = asciiLower(p);
    return (s) => test(asciiLower(s), q);
  });

/** Booleans by stored byte: 0, 1 or BOOL_MISSING. */
const bools =
  (...pass: number[]): Kernel<'boolean', undefined> =>
  (values) => {
    const lut = new Uint8Array(3);
    for (const b of pass) lut[b] = 1;
    return { kind: 'lut8', values, lut };
  };

const missingNumber: Kernel<'number' | 'date', undefined> = (values) => missingFilter(values);
const presentNumber: Kernel<'number' | 'date', undefined> = (values) => rangeFilter(values, -Infinity, Infinity);
const lastDays = (r: RelativeDate, ctx: Ctx): number => day(shiftBack(ctx.asOf, r.amount, r.unit));

export const KERNELS: Kernels = {
  eq: { number: range((x) => [x, x]), text: text((x) => (s) => s === x) },
  neq: {
    // Missing values out (SQL's x <> v is not true for NULL).
    number: (values, x) => otherThanFilter(values, x),
    text: text((x) => (s) => s !== x),
  },
  lt: { number: range((x) => [-Infinity, nextDown(x)]) },
  lte: { number: range((x) => [-Infinity, x]) },
  gt: { number: range((x) => [nextUp(x), Infinity]) },
  gte: { number: range((x) => [x, Infinity]) },
  before: { date: days((d) => [-Infinity, day(d)]) },
  after: { date: days((d) => [day(d) + 1, Infinity]) },
  on: { date: days((d) => [day(d), day(d) + 1]) },
  between: { number: range(([lo, hi]) => [lo, hi]), date: days(([a, b]) => [day(a), day(b) + 1]) },
  within_last: { date: days((r, ctx) => [lastDays(r, ctx), day(ctx.asOf) + 1]) },
  more_than_ago: { date: days((r, ctx) => [-Infinity, lastDays(r, ctx)]) },
  in: {
    text: text((list) => {
      const set = new Set(list);
      return (s) => set.has(s);
    }),
  },
  not_in: {
    text: text((list) => {
      const set = new Set(list);
      return (s) => !set.has(s);
    }),
  },
  contains: { text: folded((s, p) => s.includes(p)) },
  starts_with: { text: folded((s, p) => s.startsWith(p)) },
  ends_with: { text: folded((s, p) => s.endsWith(p)) },
  is_true: { boolean: bools(1) },
  is_false: { boolean: bools(0) },
  is_empty: { number: missingNumber, date: missingNumber, boolean: bools(BOOL_MISSING), text: text(() => (s) => s === '', true) },
  is_not_empty: { number: presentNumber, date: presentNumber, boolean: bools(0, 1), text: text(() => (s) => s !== '') },
};

type AnyKernel = (col: ColumnData[FieldKind], v: unknown, ctx: Ctx) => Filter;

/** A condition as one filter over the mirror's rows. */
export function leafFilter(n: ConditionNode, m: Mirror, asOf: string): Filter {
  const col = m.columns.get(n.field);
  if (!col) throw new AppError('BAD_INPUT', msg('rules.validate.unknownField', { field: n.field }));
  // Erased at this one point: the rule was validated against operator(n.op).kinds[col.kind], the
  // same declaration the kernel's value type comes from.
  const kernel = (KERNELS[n.op] as Partial<Record<FieldKind, AnyKernel>>)[col.kind];
  if (!kernel) throw new AppError('BAD_INPUT', msg('segments.error.opNotApplicable', { op: n.op, type: col.type, field: n.field }));
  return kernel(col.kind === 'text' ? col : col.values, n.value, { asOf });
}
