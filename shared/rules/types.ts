import { z } from 'zod';

/**
 * The segment rule model: a JSON tree shared by the renderer (builder) and the engine
 * (SQL compiler, mirror evaluator). Structure is checked here by zod; whether fields,
 * operators and values fit a dataset is checked by validateRule() with the dataset's columns.
 */
export const NUMBER_OPS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between'] as const;
export const TEXT_OPS = ['eq', 'neq', 'in', 'not_in', 'contains', 'starts_with'] as const;
export const DATE_OPS = ['before', 'after', 'on', 'between', 'within_last', 'more_than_ago'] as const;
export const BOOLEAN_OPS = ['is_true', 'is_false'] as const;
export const ANY_OPS = ['is_empty', 'is_not_empty'] as const;
export const ALL_OPS = [...new Set([...NUMBER_OPS, ...TEXT_OPS, ...DATE_OPS, ...BOOLEAN_OPS, ...ANY_OPS])] as [string, ...string[]];
export type RuleOp =
  | (typeof NUMBER_OPS)[number]
  | (typeof TEXT_OPS)[number]
  | (typeof DATE_OPS)[number]
  | (typeof BOOLEAN_OPS)[number]
  | (typeof ANY_OPS)[number];

export const DATE_UNITS = ['days', 'weeks', 'months', 'years'] as const;
export type DateUnit = (typeof DATE_UNITS)[number];

export const RelativeDateSchema = z.strictObject({
  amount: z.number().int().min(0).max(100_000),
  unit: z.enum(DATE_UNITS),
});
export type RelativeDate = z.infer<typeof RelativeDateSchema>;

/**
 * Values are checked loosely here (any number, text, list or small object) so that
 * validateRule() can say precisely what is wrong with them for the field's type.
 */
export const RuleValueSchema = z.union([
  z.number(),
  z.string(),
  z.array(z.union([z.number(), z.string()])),
  z.record(z.string(), z.union([z.number(), z.string()])),
]);
export type RuleValue = z.infer<typeof RuleValueSchema>;

export interface ConditionNode {
  field: string;
  op: RuleOp;
  value?: RuleValue;
}
export interface AllNode {
  all: RuleNode[];
}
export interface AnyNode {
  any: RuleNode[];
}
export interface NotNode {
  not: RuleNode;
}
export interface SegmentRef {
  segment: string;
}
export interface ClusterRef {
  cluster: { run: string; cluster: number | string };
}
export interface RfmRef {
  rfm: string;
}
/** Per-customer lifetime-value results (view clv_<transactions dataset>) usable in rules. */
export const CLV_FIELDS = ['frequency', 'recency', 'T', 'monetary', 'p_alive', 'expected_purchases', 'expected_spend', 'clv'] as const;
export type ClvField = (typeof CLV_FIELDS)[number];
export const CLV_OPS = ['lt', 'lte', 'gt', 'gte', 'eq', 'between'] as const;
export type ClvOp = (typeof CLV_OPS)[number];
/** `{"clv":{"field":"p_alive","op":"lt","value":0.3}}`: customers whose latest CLV fit satisfies the comparison. */
export interface ClvRef {
  clv: { field: ClvField; op: ClvOp; value: number | [number, number] };
}
export type RuleNode = AllNode | AnyNode | NotNode | ConditionNode | SegmentRef | ClusterRef | RfmRef | ClvRef;

const ConditionSchema = z.strictObject({
  field: z.string().min(1, 'a condition needs a field'),
  op: z.enum(ALL_OPS as unknown as [RuleOp, ...RuleOp[]]),
  value: RuleValueSchema.optional(),
});

/** Structural schema of a rule tree (depth is limited by validateRule, not here). */
export const RuleSchema: z.ZodType<RuleNode> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(RuleSchema) }),
    z.strictObject({ any: z.array(RuleSchema) }),
    z.strictObject({ not: RuleSchema }),
    ConditionSchema,
    z.strictObject({ segment: z.string().min(1) }),
    z.strictObject({ cluster: z.strictObject({ run: z.string().min(1), cluster: z.union([z.number().int(), z.string().min(1)]) }) }),
    z.strictObject({ rfm: z.string().min(1) }),
    z.strictObject({
      clv: z
        .strictObject({ field: z.enum(CLV_FIELDS), op: z.enum(CLV_OPS), value: z.union([z.number(), z.tuple([z.number(), z.number()])]) })
        .refine((c) => (c.op === 'between') === Array.isArray(c.value), { message: 'a lifetime-value condition with "between" takes [low, high]; the others take one number' }),
    }),
  ]),
);

/** The column facts a rule is checked against (a subset of ColumnInfo). */
export interface RuleField {
  name: string;
  type: 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'category';
  sensitive?: boolean;
}

export type FieldKind = 'number' | 'text' | 'date' | 'boolean';

export function fieldKind(type: RuleField['type']): FieldKind {
  switch (type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'date':
    case 'datetime':
      return 'date';
    case 'boolean':
      return 'boolean';
    default:
      return 'text';
  }
}

export function opsFor(type: RuleField['type']): readonly RuleOp[] {
  const k = fieldKind(type);
  const own = k === 'number' ? NUMBER_OPS : k === 'date' ? DATE_OPS : k === 'boolean' ? BOOLEAN_OPS : TEXT_OPS;
  return [...own, ...ANY_OPS];
}

export function isCondition(n: RuleNode): n is ConditionNode {
  return 'field' in n;
}
export function isAll(n: RuleNode): n is AllNode {
  return 'all' in n;
}
export function isAny(n: RuleNode): n is AnyNode {
  return 'any' in n;
}
export function isNot(n: RuleNode): n is NotNode {
  return 'not' in n;
}
export function isSegmentRef(n: RuleNode): n is SegmentRef {
  return 'segment' in n;
}
export function isClusterRef(n: RuleNode): n is ClusterRef {
  return 'cluster' in n;
}
export function isRfmRef(n: RuleNode): n is RfmRef {
  return 'rfm' in n;
}
export function isClvRef(n: RuleNode): n is ClvRef {
  return 'clv' in n;
}
