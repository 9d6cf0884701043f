import { shiftBack } from './dates';
import { fieldKind, VALUES, type FieldKind, type RelativeDate, type RuleFieldType, type ValueSpec, type Widget } from './values';

export type SqlParam = string | number;

/**
 * The SQL dialects a rule compiles to: SQLite runs in the workspace; DuckDB and PostgreSQL are the
 * client's warehouse (segmentdesk sql --dialect). They differ only in a few string functions, in
 * booleans and in parameter placeholders.
 */
export const SQL_DIALECTS = ['sqlite', 'duckdb', 'postgres'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** What an operator's SQL template is given: identifiers already quoted, values only through `bind`. */
export interface SqlParts {
  /** The quoted column. */
  col: string;
  /** The column as compared: its calendar day (`substr(col, 1, 10)`) for dates, else the column itself. */
  x: string;
  kind: FieldKind;
  /** ISO as-of date for relative dates. */
  asOf: string;
  /** Binds a parameter and returns its placeholder. */
  bind(v: SqlParam): string;
  dialect: SqlDialect;
}

type KindValues = { readonly [K in FieldKind]?: ValueSpec<unknown> };
type ValueOfKinds<K extends KindValues> = { [k in keyof K]: K[k] extends ValueSpec<infer V> ? V : never }[keyof K];

/**
 * One operator, declared once. The validator, the plain-language describer, the SQL compiler, the
 * builder (label, widget, starting value) and, through the engine's kernel table, the mirror
 * evaluator all read this entry.
 */
export interface OperatorDef<K extends KindValues> {
  /** The builder's menu label. */
  label: string;
  /** The field kinds it applies to, each with the value it takes there. */
  kinds: K;
  /** Plain language, given the field as people read it ("total spend") and the validated value. */
  describe(field: string, v: ValueOfKinds<K>): string;
  /**
   * The SQL condition. It is wrapped in `(col IS NOT NULL AND …)` so a missing value never matches,
   * unless `ownsMissing` says the template decides about missing values itself.
   */
  sql(v: ValueOfKinds<K>, s: SqlParts): string;
  ownsMissing?: true;
}

function op<K extends KindValues>(def: OperatorDef<K>): OperatorDef<K> {
  return def;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const relative = (v: RelativeDate): string => `${v.amount} ${v.amount === 1 ? v.unit.replace(/s$/, '') : v.unit}`;

/** How many values of a list a description names before saying how many more there are. */
export const DESCRIBED_LIST_VALUES = 10;

function orList(values: readonly string[], word: string): string {
  const named = values.slice(0, DESCRIBED_LIST_VALUES);
  const more = values.length - named.length;
  if (more > 0) return `${named.join(', ')} ${word} ${more.toLocaleString('en-US')} other value${more === 1 ? '' : 's'}`;
  if (named.length <= 1) return named.join('');
  return `${named.slice(0, -1).join(', ')} ${word} ${named[named.length - 1]}`;
}

// A warehouse may hold yes/no as BOOLEAN, 0/1 or the words of the original file; read as text, all agree.
const bool = (s: SqlParts): string =>
  s.dialect === 'sqlite'
    ? s.x
    : `(CASE WHEN lower(CAST(${s.x} AS TEXT)) IN ('1', 'true', 't', 'yes', 'y') THEN 1 WHEN lower(CAST(${s.x} AS TEXT)) IN ('0', 'false', 'f', 'no', 'n') THEN 0 END)`;

const none = { number: VALUES.none, text: VALUES.none, date: VALUES.none, boolean: VALUES.none };

/**
 * Every rule operator. The order is the builder's menu order and the order error messages list them in.
 * Adding one: an entry here, its mirror kernel in electron/engine/segments/mirror-kernels.ts (a missing
 * kernel is a compile error there), and a test; the differential test covers it by itself.
 */
export const OPERATORS = {
  eq: op({ label: 'is', kinds: { number: VALUES.number, text: VALUES.choice }, describe: (f, v) => `${f} is ${text(v)}`, sql: (v, s) => `${s.x} = ${s.bind(v)}` }),
  neq: op({ label: 'is not', kinds: { number: VALUES.number, text: VALUES.choice }, describe: (f, v) => `${f} is not ${text(v)}`, sql: (v, s) => `${s.x} <> ${s.bind(v)}` }),
  lt: op({ label: 'less than', kinds: { number: VALUES.number }, describe: (f, v) => `${f} is less than ${v}`, sql: (v, s) => `${s.x} < ${s.bind(v)}` }),
  lte: op({ label: 'at most', kinds: { number: VALUES.number }, describe: (f, v) => `${f} is at most ${v}`, sql: (v, s) => `${s.x} <= ${s.bind(v)}` }),
  gt: op({ label: 'more than', kinds: { number: VALUES.number }, describe: (f, v) => `${f} is more than ${v}`, sql: (v, s) => `${s.x} > ${s.bind(v)}` }),
  gte: op({ label: 'at least', kinds: { number: VALUES.number }, describe: (f, v) => `${f} is at least ${v}`, sql: (v, s) => `${s.x} >= ${s.bind(v)}` }),
  before: op({ label: 'before', kinds: { date: VALUES.date }, describe: (f, v) => `${f} is before ${v}`, sql: (v, s) => `${s.x} < ${s.bind(v)}` }),
  after: op({ label: 'after', kinds: { date: VALUES.date }, describe: (f, v) => `${f} is after ${v}`, sql: (v, s) => `${s.x} > ${s.bind(v)}` }),
  on: op({ label: 'on', kinds: { date: VALUES.date }, describe: (f, v) => `${f} is on ${v}`, sql: (v, s) => `${s.x} = ${s.bind(v)}` }),
  between: op({
    label: 'between',
    kinds: { number: VALUES.numberRange, date: VALUES.dateRange },
    describe: (f, [lo, hi]) => `${f} is between ${lo} and ${hi}`,
    sql: ([lo, hi], s) => `${s.x} BETWEEN ${s.bind(lo)} AND ${s.bind(hi)}`,
  }),
  within_last: op({
    label: 'within the last',
    kinds: { date: VALUES.relative },
    describe: (f, v) => `${f} is within the last ${relative(v)}`,
    sql: (v, s) => `${s.x} BETWEEN ${s.bind(shiftBack(s.asOf, v.amount, v.unit))} AND ${s.bind(s.asOf)}`,
  }),
  more_than_ago: op({
    label: 'more than … ago',
    kinds: { date: VALUES.relative },
    describe: (f, v) => `${f} is more than ${relative(v)} ago`,
    sql: (v, s) => `${s.x} < ${s.bind(shiftBack(s.asOf, v.amount, v.unit))}`,
  }),
  in: op({ label: 'is any of', kinds: { text: VALUES.list }, describe: (f, v) => `${f} is ${orList(v, 'or')}`, sql: (v, s) => `${s.x} IN (${v.map(s.bind).join(', ')})` }),
  not_in: op({
    label: 'is none of',
    kinds: { text: VALUES.list },
    describe: (f, v) => (v.length === 1 ? `${f} is not ${v[0]}` : `${f} is neither ${orList(v, 'nor')}`),
    sql: (v, s) => `${s.x} NOT IN (${v.map(s.bind).join(', ')})`,
  }),
  // SQLite's lower() folds ASCII letters only; the mirror kernels fold the same way, so both agree.
  contains: op({ label: 'contains', kinds: { text: VALUES.pattern }, describe: (f, v) => `${f} contains "${v}"`, sql: (v, s) => `${s.dialect === 'sqlite' ? 'instr' : 'strpos'}(lower(${s.x}), lower(${s.bind(v)})) > 0` }),
  starts_with: op({
    label: 'starts with',
    kinds: { text: VALUES.pattern },
    describe: (f, v) => `${f} starts with "${v}"`,
    sql: (v, s) => `substr(lower(${s.x}), 1, length(${s.bind(v)})) = lower(${s.bind(v)})`,
  }),
  // SQLite's substr(X, -n) is X's last n characters (all of X when it is shorter), as right() is elsewhere.
  ends_with: op({
    label: 'ends with',
    kinds: { text: VALUES.pattern },
    describe: (f, v) => `${f} ends with "${v}"`,
    sql: (v, s) =>
      s.dialect === 'sqlite' ? `substr(lower(${s.x}), -length(${s.bind(v)})) = lower(${s.bind(v)})` : `right(lower(${s.x}), length(${s.bind(v)})) = lower(${s.bind(v)})`,
  }),
  is_true: op({ label: 'is yes', kinds: { boolean: VALUES.none }, describe: (f) => `${f} is yes`, sql: (_v, s) => `${bool(s)} = 1` }),
  is_false: op({ label: 'is no', kinds: { boolean: VALUES.none }, describe: (f) => `${f} is no`, sql: (_v, s) => `${bool(s)} = 0` }),
  // For text an empty string counts as empty too: nobody reads "" as a value.
  is_empty: op({
    label: 'is empty',
    kinds: none,
    describe: (f) => `${f} is empty`,
    sql: (_v, s) => (s.kind === 'text' ? `(${s.col} IS NULL OR ${s.col} = '')` : `(${s.col} IS NULL)`),
    ownsMissing: true,
  }),
  is_not_empty: op({
    label: 'is not empty',
    kinds: none,
    describe: (f) => `${f} is not empty`,
    sql: (_v, s) => (s.kind === 'text' ? `(${s.col} IS NOT NULL AND ${s.col} <> '')` : `(${s.col} IS NOT NULL)`),
    ownsMissing: true,
  }),
};

export type OperatorName = keyof typeof OPERATORS;
export const OPERATOR_NAMES = Object.keys(OPERATORS) as [OperatorName, ...OperatorName[]];

/** The field kinds operator `Op` is declared for. */
export type KindsOf<Op extends OperatorName> = keyof (typeof OPERATORS)[Op]['kinds'] & FieldKind;
/** The (validated) value operator `Op` takes on a field of kind `K`. */
export type ValueAt<Op extends OperatorName, K extends KindsOf<Op>> = (typeof OPERATORS)[Op]['kinds'][K] extends ValueSpec<infer V> ? V : never;

export function isOperator(name: string): name is OperatorName {
  return Object.prototype.hasOwnProperty.call(OPERATORS, name);
}

/**
 * An operator's declaration with its value types erased, for code that dispatches on a name at run
 * time. Callers pass values that passed the same declaration's schema for the field's kind.
 */
export interface AnyOperator {
  label: string;
  kinds: KindValues;
  describe(field: string, v: unknown): string;
  sql(v: unknown, s: SqlParts): string;
  ownsMissing?: true;
}

export function operator(name: OperatorName): AnyOperator {
  return OPERATORS[name] as unknown as AnyOperator;
}

/** The value `op` takes on a field of `kind`, or undefined when it does not apply there. */
export function valueSpec(name: OperatorName, kind: FieldKind): ValueSpec<unknown> | undefined {
  return operator(name).kinds[kind];
}

/** The operators that apply to a field kind, in menu order. */
export function operatorsFor(kind: FieldKind): OperatorName[] {
  return OPERATOR_NAMES.filter((o) => valueSpec(o, kind) !== undefined);
}

/** The operators that apply to a column type, in menu order. */
export function opsFor(type: RuleFieldType): OperatorName[] {
  return operatorsFor(fieldKind(type));
}

/** The widgets an operator's value is edited with, over the kinds it applies to. */
export function widgetsOf(name: OperatorName): Set<Widget> {
  return new Set(Object.values(operator(name).kinds).map((s) => s.widget));
}
