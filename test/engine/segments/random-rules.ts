import { fieldKind, operator, OPERATOR_NAMES, valueSpec, type FieldKind, type RuleNode, type RuleValue, type Widget } from '../../../shared/rules';
import type { FixtureColumn } from './fixture';

/** Every (operator, field kind) pair the operator table declares: a new operator is generated without touching a test. */
export const PAIRS = OPERATOR_NAMES.flatMap((op) => (Object.keys(operator(op).kinds) as FieldKind[]).map((kind) => ({ op, kind })));

export const pad = (n: number) => String(n).padStart(2, '0');
export const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const randomDate = (r: () => number) => `${2021 + Math.floor(r() * 4)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;

export interface RuleGenerator {
  /** A random condition (or, through `refs`, a reference node). */
  condition(r: () => number): RuleNode;
  /** A random rule: conditions, NOT and AND/OR groups up to `depth` levels. */
  rule(r: () => number, depth: number): RuleNode;
}

/**
 * Random rules over a fixture's columns, for the differential tests (SQL vs the columnar evaluator, and
 * the warehouse SQL vs DuckDB/PostgreSQL). Values come from each operator's declared widget; text values
 * from `poolOf(column)` and `patterns`. `refs` may turn a roll into a cluster/RFM reference; `seen` counts
 * the (operator, kind) pairs generated.
 */
export function ruleGenerator(o: {
  cols: readonly FixtureColumn[];
  poolOf(col: FixtureColumn): readonly string[];
  patterns: readonly string[];
  refs?(r: () => number, roll: number): RuleNode | null;
  seen?: Map<string, number>;
  /** Children per AND/OR group: 0…max-1 (differential) or 1…max (warehouse). */
  groupSize?(r: () => number): number;
}): RuleGenerator {
  const byKind: Record<FieldKind, FixtureColumn[]> = { number: [], text: [], date: [], boolean: [] };
  for (const c of o.cols.slice(1)) byKind[fieldKind(c.type)].push(c);
  // A random value per widget (the value shape an operator declares); a new widget is a compile error here.
  const valueOf: Record<Widget, (r: () => number, col: FixtureColumn) => RuleValue | undefined> = {
    none: () => undefined,
    number: (r, col) => (col.type === 'integer' ? Math.floor(r() * 20) : Math.round(r() * 100000) / 100),
    numberRange: (r, col) => {
      const x = valueOf.number(r, col) as number;
      return [x, x + r() * 300];
    },
    choice: (r, col) => pick(r, o.poolOf(col)),
    text: (r) => pick(r, o.patterns),
    list: (r, col) => [pick(r, o.poolOf(col)), pick(r, o.poolOf(col)), 'nope'],
    date: (r) => randomDate(r),
    dateRange: (r) => [randomDate(r), randomDate(r)].sort(),
    relative: (r) => ({ amount: Math.floor(r() * 40), unit: pick(r, ['days', 'weeks', 'months', 'years'] as const) }),
  };
  const condition = (r: () => number): RuleNode => {
    const ref = o.refs?.(r, r());
    if (ref) return ref;
    const { op, kind } = pick(r, PAIRS);
    const col = pick(r, byKind[kind]);
    const spec = valueSpec(op, kind);
    if (!spec) throw new Error(`no value for ${op} on ${kind}`);
    o.seen?.set(`${op}/${kind}`, (o.seen.get(`${op}/${kind}`) ?? 0) + 1);
    const value = valueOf[spec.widget](r, col);
    return value === undefined ? { field: col.name, op } : { field: col.name, op, value };
  };
  const size = o.groupSize ?? ((r: () => number) => Math.floor(r() * 4));
  const rule = (r: () => number, depth: number): RuleNode => {
    const roll = r();
    if (depth <= 0 || roll < 0.35) return condition(r);
    if (roll < 0.45) return { not: rule(r, depth - 1) };
    const kids = Array.from({ length: size(r) }, () => rule(r, depth - 1));
    return roll < 0.75 ? { all: kids } : { any: kids };
  };
  return { condition, rule };
}
