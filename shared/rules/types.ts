import { z } from 'zod';
import { ruleBoundIssues } from './bounds';
import { OPERATOR_NAMES, type OperatorName } from './operators';
import type { RuleFieldType } from './values';
import { historySchema, type HistoryConditionOf } from './history';

/**
 * The segment rule model: a JSON tree shared by the renderer (builder) and the engine
 * (SQL compiler, mirror evaluator). Structure is checked here by zod; whether fields,
 * operators and values fit a dataset is checked by validateRule() with the dataset's columns.
 * Operators are declared in operators.ts.
 */
export type RuleOp = OperatorName;

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
/** An order-history condition (history.ts), its order filter a rule. */
export type HistoryCondition = HistoryConditionOf<RuleNode>;
/** `{"history":{…}}`: a per-customer number from a linked transactions dataset compared with a value (history.ts). */
export interface HistoryRef {
  history: HistoryCondition;
}
export type RuleNode = AllNode | AnyNode | NotNode | ConditionNode | SegmentRef | ClusterRef | RfmRef | ClvRef | HistoryRef;

const ConditionSchema = z.strictObject({
  field: z.string().min(1, 'a condition needs a field'),
  op: z.enum(OPERATOR_NAMES),
  value: RuleValueSchema.optional(),
});

/** The recursive structure; parse only input that passed ruleBoundIssues (it recurses once per level). */
export const RuleNodeSchema: z.ZodType<RuleNode> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(RuleNodeSchema) }),
    z.strictObject({ any: z.array(RuleNodeSchema) }),
    z.strictObject({ not: RuleNodeSchema }),
    ConditionSchema,
    z.strictObject({ segment: z.string().min(1) }),
    z.strictObject({ cluster: z.strictObject({ run: z.string().min(1), cluster: z.union([z.number().int(), z.string().min(1)]) }) }),
    z.strictObject({ rfm: z.string().min(1) }),
    z.strictObject({
      clv: z
        .strictObject({ field: z.enum(CLV_FIELDS), op: z.enum(CLV_OPS), value: z.union([z.number(), z.tuple([z.number(), z.number()])]) })
        .refine((c) => (c.op === 'between') === Array.isArray(c.value), { message: 'a lifetime-value condition with "between" takes [low, high]; the others take one number' }),
    }),
    z.strictObject({ history: historySchema(RuleNodeSchema) }),
  ]),
);

/**
 * Structural schema of a rule tree. Size limits (depth first) are checked by an iterative walk before
 * the recursive schema runs, so a rule nested 100,000 levels deep is an issue, not a stack overflow.
 */
export const RuleSchema: z.ZodType<RuleNode> = z
  .unknown()
  .superRefine((input, ctx) => {
    for (const issue of ruleBoundIssues(input)) ctx.addIssue({ code: 'custom', message: issue.path ? `at ${issue.path}: ${issue.message}` : issue.message });
  })
  .pipe(RuleNodeSchema);

/** The column facts a rule is checked against (a subset of ColumnInfo). */
export interface RuleField {
  name: string;
  type: RuleFieldType;
  sensitive?: boolean;
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
export function isHistoryRef(n: RuleNode): n is HistoryRef {
  return 'history' in n;
}
