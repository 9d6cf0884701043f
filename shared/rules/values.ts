import { z } from 'zod';
import { DATE_UNITS, isoToDays } from './dates';
import { msg } from '../i18n/current';

/** Column types a rule can test (a subset of ColumnType), and the four kinds operators are declared for. */
export type RuleFieldType = 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'category';
export type FieldKind = 'number' | 'text' | 'date' | 'boolean';

export function fieldKind(type: RuleFieldType): FieldKind {
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


export const RelativeDateSchema = z.strictObject({
  amount: z.number().int().min(0).max(100_000),
  unit: z.enum(DATE_UNITS),
});
export type RelativeDate = z.infer<typeof RelativeDateSchema>;

/** How the builder edits a value (ConditionEditor has one editor per widget). */
export type Widget = 'none' | 'number' | 'numberRange' | 'choice' | 'text' | 'list' | 'date' | 'dateRange' | 'relative';

/** What the builder knows about a field when it proposes a starting value. */
export interface FieldFacts {
  min: number | string | null;
  max?: number | string | null;
  categories: { value: string }[];
}

/**
 * The value an operator takes on one kind of field: its zod schema, the message when a value does
 * not fit (naming the operator and the field), checks beyond the shape, the builder's widget and the
 * value a new condition starts with (undefined: none yet, the user types it).
 */
export interface ValueSpec<V> {
  schema: z.ZodType<V>;
  widget: Widget;
  /** `name` is the field name already in quotes; `got` the value as given. */
  mismatch(op: string, name: string, got: unknown): string;
  problem?(v: V, op: string, name: string): string | null;
  initial(f: FieldFacts): V | undefined;
}

const shown = (v: unknown): string => JSON.stringify(v) ?? 'nothing';
const firstCategory = (f: FieldFacts): string => f.categories[0]?.value ?? '';
const isoDate = z.string().refine((s) => isoToDays(s) !== null);

/** The few value shapes every operator is declared with. */
export const VALUES = {
  none: {
    schema: z.undefined(),
    widget: 'none',
    mismatch: (op) => msg('rules.value.none', { op }),
    initial: () => undefined,
  } satisfies ValueSpec<undefined>,
  number: {
    schema: z.number(),
    widget: 'number',
    mismatch: (op, name, got) => msg('rules.value.number', { op, name, got: shown(got) }),
    // A single threshold starts empty: never a made-up number.
    initial: () => undefined,
  } satisfies ValueSpec<number>,
  numberRange: {
    schema: z.tuple([z.number(), z.number()]),
    widget: 'numberRange',
    mismatch: (op, name) => msg('rules.value.numberRange', { op, name }),
    problem: ([lo, hi], op, name) => (lo <= hi ? null : msg('rules.value.lowAboveHigh', { op, name, low: lo, high: hi })),
    // A range starts as the whole range of the data.
    initial: (f) => (typeof f.min === 'number' && typeof f.max === 'number' ? [f.min, f.max] : undefined),
  } satisfies ValueSpec<[number, number]>,
  /** One text, chosen from the field's values or typed. */
  choice: {
    schema: z.string(),
    widget: 'choice',
    mismatch: (op, name, got) => msg('rules.value.text', { op, name, got: shown(got) }),
    initial: firstCategory,
  } satisfies ValueSpec<string>,
  /** A piece of text to look for (case-insensitive for ASCII letters). */
  pattern: {
    schema: z.string(),
    widget: 'text',
    mismatch: (op, name, got) => msg('rules.value.text', { op, name, got: shown(got) }),
    problem: (v, op, name) => (v === '' ? msg('rules.value.emptyText', { op, name }) : null),
    initial: (f) => firstCategory(f).slice(0, 3) || 'a',
  } satisfies ValueSpec<string>,
  list: {
    schema: z.array(z.string()).min(1),
    widget: 'list',
    mismatch: (op, name) => msg('rules.value.list', { op, name }),
    initial: (f) => [firstCategory(f) || '?'],
  } satisfies ValueSpec<string[]>,
  date: {
    schema: isoDate,
    widget: 'date',
    mismatch: (op, name, got) => msg('rules.value.date', { op, name, got: shown(got) }),
    initial: (f) => latestDate(f),
  } satisfies ValueSpec<string>,
  dateRange: {
    schema: z.tuple([z.string(), z.string()]),
    widget: 'dateRange',
    mismatch: (op, name) => msg('rules.value.dateRange', { op, name }),
    problem: ([a, b], op, name) => {
      const from = isoToDays(a);
      const to = isoToDays(b);
      if (from === null || to === null) return msg('rules.value.notDate', { op, name, value: JSON.stringify(from === null ? a : b) });
      return from <= to ? null : msg('rules.value.fromAfterTo', { op, name, from: a, to: b });
    },
    initial: (f) => [typeof f.min === 'string' ? f.min : latestDate(f), latestDate(f)],
  } satisfies ValueSpec<[string, string]>,
  relative: {
    schema: RelativeDateSchema,
    widget: 'relative',
    mismatch: (op, name) => msg('rules.value.relative', { op, name, shape: '{"amount": whole number ≥ 0, "unit": "days"|"weeks"|"months"|"years"}' }),
    initial: () => ({ amount: 90, unit: 'days' }),
  } satisfies ValueSpec<RelativeDate>,
} as const;

function latestDate(f: FieldFacts): string {
  return typeof f.max === 'string' ? f.max : typeof f.min === 'string' ? f.min : '2024-01-01';
}

/** The message for a value that does not fit `spec`, or null when it fits. */
export function valueProblem<V>(spec: ValueSpec<V>, op: string, name: string, value: unknown): string | null {
  const parsed = spec.schema.safeParse(value);
  if (!parsed.success) return spec.mismatch(op, name, value);
  return spec.problem ? spec.problem(parsed.data, op, name) : null;
}
