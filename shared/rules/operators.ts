import { shiftBack } from './dates';
import { fieldKind, VALUES, type FieldKind, type RuleFieldType, type ValueSpec, type Widget } from './values';
import type { MessageId } from '../i18n/catalogue';
import { periodText, speaker, type Speaker } from './speak';

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
  /** The builder's menu label (English; `operatorLabel` gives it in the reader's language). */
  label: string;
  /** The field kinds it applies to, each with the value it takes there. */
  kinds: K;
  /**
   * Plain language, given the field as people read it ("total spend") and the validated value, as a whole
   * message of the `rules` catalogue (`rules.op.gt` = "{field} is more than {value}") in the speaker's language.
   */
  describe(field: string, v: ValueOfKinds<K>, s: Speaker): string;
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


/** How many values of a list a description names before saying how many more there are. */
export const DESCRIBED_LIST_VALUES = 10;

/**
 * "a, b or c", or "a, b … or 8 other values" past DESCRIBED_LIST_VALUES, with the language's own list
 * separator and connective (`rules.list.or` / `rules.list.nor`, `rules.list.orMore` / `rules.list.norMore`).
 */
function orList(values: readonly string[], word: 'or' | 'nor', s: Speaker): string {
  const named = values.slice(0, DESCRIBED_LIST_VALUES);
  const more = values.length - named.length;
  const sep = s.t('rules.list.separator');
  if (more > 0) return s.t(word === 'or' ? 'rules.list.orMore' : 'rules.list.norMore', { head: named.join(sep), count: more, n: s.count(more) });
  if (named.length <= 1) return named.join('');
  return s.t(word === 'or' ? 'rules.list.or' : 'rules.list.nor', { head: named.slice(0, -1).join(sep), last: named[named.length - 1] });
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
  eq: op({ label: 'is', kinds: { number: VALUES.number, text: VALUES.choice }, describe: (f, v, s) => s.t('rules.op.eq', { field: f, value: typeof v === 'number' ? s.num(v) : v }), sql: (v, s) => `${s.x} = ${s.bind(v)}` }),
  neq: op({ label: 'is not', kinds: { number: VALUES.number, text: VALUES.choice }, describe: (f, v, s) => s.t('rules.op.neq', { field: f, value: typeof v === 'number' ? s.num(v) : v }), sql: (v, s) => `${s.x} <> ${s.bind(v)}` }),
  lt: op({ label: 'less than', kinds: { number: VALUES.number }, describe: (f, v, s) => s.t('rules.op.lt', { field: f, value: s.num(v) }), sql: (v, s) => `${s.x} < ${s.bind(v)}` }),
  lte: op({ label: 'at most', kinds: { number: VALUES.number }, describe: (f, v, s) => s.t('rules.op.lte', { field: f, value: s.num(v) }), sql: (v, s) => `${s.x} <= ${s.bind(v)}` }),
  gt: op({ label: 'more than', kinds: { number: VALUES.number }, describe: (f, v, s) => s.t('rules.op.gt', { field: f, value: s.num(v) }), sql: (v, s) => `${s.x} > ${s.bind(v)}` }),
  gte: op({ label: 'at least', kinds: { number: VALUES.number }, describe: (f, v, s) => s.t('rules.op.gte', { field: f, value: s.num(v) }), sql: (v, s) => `${s.x} >= ${s.bind(v)}` }),
  before: op({ label: 'before', kinds: { date: VALUES.date }, describe: (f, v, s) => s.t('rules.op.before', { field: f, value: s.date(v) }), sql: (v, s) => `${s.x} < ${s.bind(v)}` }),
  after: op({ label: 'after', kinds: { date: VALUES.date }, describe: (f, v, s) => s.t('rules.op.after', { field: f, value: s.date(v) }), sql: (v, s) => `${s.x} > ${s.bind(v)}` }),
  on: op({ label: 'on', kinds: { date: VALUES.date }, describe: (f, v, s) => s.t('rules.op.on', { field: f, value: s.date(v) }), sql: (v, s) => `${s.x} = ${s.bind(v)}` }),
  between: op({
    label: 'between',
    kinds: { number: VALUES.numberRange, date: VALUES.dateRange },
    describe: (f, [lo, hi], s) => s.t('rules.op.between', { field: f, low: s.value(lo), high: s.value(hi) }),
    sql: ([lo, hi], s) => `${s.x} BETWEEN ${s.bind(lo)} AND ${s.bind(hi)}`,
  }),
  within_last: op({
    label: 'within the last',
    kinds: { date: VALUES.relative },
    describe: (f, v, s) => s.t('rules.op.within_last', { field: f, period: periodText(s, v, 'inLast') }),
    sql: (v, s) => `${s.x} BETWEEN ${s.bind(shiftBack(s.asOf, v.amount, v.unit))} AND ${s.bind(s.asOf)}`,
  }),
  more_than_ago: op({
    label: 'more than … ago',
    kinds: { date: VALUES.relative },
    describe: (f, v, s) => s.t('rules.op.more_than_ago', { field: f, period: periodText(s, v, 'ago') }),
    sql: (v, s) => `${s.x} < ${s.bind(shiftBack(s.asOf, v.amount, v.unit))}`,
  }),
  in: op({ label: 'is any of', kinds: { text: VALUES.list }, describe: (f, v, s) => s.t('rules.op.in', { field: f, values: orList(v, 'or', s) }), sql: (v, s) => `${s.x} IN (${v.map(s.bind).join(', ')})` }),
  not_in: op({
    label: 'is none of',
    kinds: { text: VALUES.list },
    describe: (f, v, s) => (v.length === 1 ? s.t('rules.op.neq', { field: f, value: v[0] }) : s.t('rules.op.not_in', { field: f, values: orList(v, 'nor', s) })),
    sql: (v, s) => `${s.x} NOT IN (${v.map(s.bind).join(', ')})`,
  }),
  // SQLite's lower() folds ASCII letters only; the mirror kernels fold the same way, so both agree.
  contains: op({ label: 'contains', kinds: { text: VALUES.pattern }, describe: (f, v, s) => s.t('rules.op.contains', { field: f, value: v }), sql: (v, s) => `${s.dialect === 'sqlite' ? 'instr' : 'strpos'}(lower(${s.x}), lower(${s.bind(v)})) > 0` }),
  starts_with: op({
    label: 'starts with',
    kinds: { text: VALUES.pattern },
    describe: (f, v, s) => s.t('rules.op.starts_with', { field: f, value: v }),
    sql: (v, s) => `substr(lower(${s.x}), 1, length(${s.bind(v)})) = lower(${s.bind(v)})`,
  }),
  // SQLite's substr(X, -n) is X's last n characters (all of X when it is shorter), as right() is elsewhere.
  ends_with: op({
    label: 'ends with',
    kinds: { text: VALUES.pattern },
    describe: (f, v, s) => s.t('rules.op.ends_with', { field: f, value: v }),
    sql: (v, s) =>
      s.dialect === 'sqlite' ? `substr(lower(${s.x}), -length(${s.bind(v)})) = lower(${s.bind(v)})` : `right(lower(${s.x}), length(${s.bind(v)})) = lower(${s.bind(v)})`,
  }),
  is_true: op({ label: 'is yes', kinds: { boolean: VALUES.none }, describe: (f, _v, s) => s.t('rules.op.is_true', { field: f }), sql: (_v, s) => `${bool(s)} = 1` }),
  is_false: op({ label: 'is no', kinds: { boolean: VALUES.none }, describe: (f, _v, s) => s.t('rules.op.is_false', { field: f }), sql: (_v, s) => `${bool(s)} = 0` }),
  // For text an empty string counts as empty too: nobody reads "" as a value.
  is_empty: op({
    label: 'is empty',
    kinds: none,
    describe: (f, _v, s) => s.t('rules.op.is_empty', { field: f }),
    sql: (_v, s) => (s.kind === 'text' ? `(${s.col} IS NULL OR ${s.col} = '')` : `(${s.col} IS NULL)`),
    ownsMissing: true,
  }),
  is_not_empty: op({
    label: 'is not empty',
    kinds: none,
    describe: (f, _v, s) => s.t('rules.op.is_not_empty', { field: f }),
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
  describe(field: string, v: unknown, s: Speaker): string;
  sql(v: unknown, s: SqlParts): string;
  ownsMissing?: true;
}

export function operator(name: OperatorName): AnyOperator {
  return OPERATORS[name] as unknown as AnyOperator;
}

/** An operator's menu label in a language (default: the process's message language), e.g. "more than", "więcej niż". */
export function operatorLabel(name: OperatorName, s: Speaker = speaker()): string {
  return s.t(`rules.opLabel.${name}` as MessageId);
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
