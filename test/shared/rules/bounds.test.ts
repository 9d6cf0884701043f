import { describe, expect, it } from 'vitest';
import { describeRule, MAX_DESCRIPTION, MAX_LIST_VALUES, RuleSchema, validateRule, type RuleField, type RuleNode } from '../../../shared/rules';

const FIELDS: RuleField[] = [
  { name: 'total_spend', type: 'number' },
  { name: 'lifestyle', type: 'category' },
];
const LEAF = { field: 'total_spend', op: 'gt', value: 1 };

function nested(depth: number, wrap: (n: unknown) => unknown): unknown {
  let r: unknown = LEAF;
  for (let i = 0; i < depth; i++) r = wrap(r);
  return r;
}

function values(n: number, size: number): string[] {
  return Array.from({ length: n }, (_, i) => `${i}:`.padEnd(size, 'x'));
}

describe('rule bounds', () => {
  it.each([1_000, 10_000, 100_000])('refuses a rule nested %i levels deep with the depth message, not a stack overflow', (depth) => {
    for (const wrap of [(n: unknown) => ({ not: n }), (n: unknown) => ({ all: [n] }), (n: unknown) => ({ any: [LEAF, n] })]) {
      const r = validateRule(nested(depth, wrap), FIELDS);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.issues.length).toBeGreaterThan(0);
        for (const issue of r.issues) {
          // Named at the first node too deep: 25 steps down.
          expect(issue.path.split('.')).toHaveLength(25);
          expect(issue.message).toBe(`at ${issue.path}: rule is nested more than 24 levels deep`);
        }
      }
      // The contract's schema (used where rules cross as output) checks size before it recurses too.
      const parsed = RuleSchema.safeParse(nested(depth, wrap));
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(parsed.error.issues[0].message).toContain('rule is nested more than 24 levels deep');
    }
  });

  it('still accepts 24 levels', () => {
    expect(validateRule(nested(24, (n) => ({ not: n })), FIELDS).ok).toBe(true);
    expect(RuleSchema.safeParse(nested(24, (n) => ({ all: [n] }))).success).toBe(true);
  });

  it(`limits the values listed in a rule to ${MAX_LIST_VALUES.toLocaleString('en-US')}, saying so`, () => {
    const big = validateRule({ all: [{ field: 'lifestyle', op: 'in', value: values(100_000, 1000) }] }, FIELDS);
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.issues.map((i) => i.message)).toEqual(['at all[0]: this list has 100,000 values; a rule may list at most 10,000 values']);

    const two = validateRule({ any: [{ field: 'lifestyle', op: 'in', value: values(6000, 3) }, { field: 'lifestyle', op: 'not_in', value: values(6000, 3) }] }, FIELDS);
    expect(two.ok).toBe(false);
    if (!two.ok) expect(two.issues[0].message).toBe('at any[1]: this list has 6,000 values (12,000 with the lists before it); a rule may list at most 10,000 values');

    expect(validateRule({ field: 'lifestyle', op: 'in', value: values(MAX_LIST_VALUES, 8) }, FIELDS).ok).toBe(true);
  });

  it('keeps descriptions short: long lists name their first values, long values are cut, the whole is capped', () => {
    const list = describeRule({ field: 'lifestyle', op: 'in', value: values(MAX_LIST_VALUES, 1000) });
    expect(list.length).toBeLessThan(1200);
    expect(list).toMatch(/^lifestyle is 0:x{98}…, 1:x{98}…, .* or 9,990 other values$/);
    expect(describeRule({ field: 'lifestyle', op: 'not_in', value: ['a', 'b', 'c'] })).toBe('lifestyle is neither a, b nor c');

    const many: RuleNode = { any: Array.from({ length: 900 }, (_, i) => ({ field: 'lifestyle', op: 'eq', value: `segment number ${i}` })) };
    const text = describeRule(many);
    expect(text.length).toBeLessThan(MAX_DESCRIPTION + 40);
    expect(text).toMatch(/^lifestyle is segment number 0 or lifestyle is segment number 1 or .*… \([\d,]+ more characters\)$/);
  });
});
