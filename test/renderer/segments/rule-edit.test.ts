import { describe, expect, it } from 'vitest';
import { conditionNeeds, defaultCondition, emptyCondition, groupAt, incompleteMessage, moveChild, parseNumberText, pruneIncomplete, replaceChild, updateGroup, withKids, withOp, kids } from '../../../renderer/lib/rule-edit';
import { validateRule, describeRule, type RuleNode } from '../../../shared/rules';

const fields = [
  { name: 'total_spend', type: 'number' as const, min: 0, max: 1000, categories: [] },
  { name: 'lifestyle', type: 'category' as const, min: null, categories: [{ value: 'eco-conscious' }, { value: 'premium' }] },
  { name: 'last_order', type: 'date' as const, min: '2024-01-01', max: '2024-06-30', categories: [] },
];

describe('rule editing helpers of the builder', () => {
  it('edits nested groups immutably, reorders, and produces valid rules', () => {
    let rule: RuleNode = { all: [] };
    rule = updateGroup(rule, [], (g) => withKids(g, [...kids(g), { ...defaultCondition(fields[0]), value: 500 }]));
    rule = updateGroup(rule, [], (g) => withKids(g, [...kids(g), { any: [defaultCondition(fields[1])] }]));
    const before = JSON.stringify(rule);
    const nested = updateGroup(rule, [1], (g) => withKids(g, [...kids(g), { field: 'lifestyle', op: 'eq', value: 'premium' }]));
    expect(JSON.stringify(rule)).toBe(before);
    expect(kids(groupAt(nested, [1]))).toHaveLength(2);
    expect(describeRule(nested)).toBe('total spend is at least 500 and (lifestyle is eco-conscious or lifestyle is premium)');
    const moved = moveChild(nested, [], 0, 1);
    expect(describeRule(moved)).toBe('(lifestyle is eco-conscious or lifestyle is premium) and total spend is at least 500');
    const negated = replaceChild(moved, [], 0, { not: groupAt(moved, [0]) });
    expect(kids(groupAt(negated, [0]))).toHaveLength(2);
    expect(describeRule(negated)).toMatch(/^not \(lifestyle/);
    for (const r of [nested, moved, negated]) expect(validateRule(r, fields).ok).toBe(true);
    expect(validateRule(defaultCondition(fields[2]), fields).ok).toBe(true);
  });
});

describe('incomplete conditions and groups', () => {
  it('a new condition has no field: the rule model rejects it, so the builder prunes it before counting', () => {
    const c = emptyCondition();
    expect(c.field).toBe('');
    expect(conditionNeeds(c)).toBe('field');
    expect(validateRule({ all: [c] }, fields).ok).toBe(false);
    expect(pruneIncomplete({ all: [c] })).toEqual({ rule: { all: [] }, incomplete: 1 });
  });

  it('leaves out conditions without a value, negations of them and groups left empty; keeps the rest (and the same object when complete)', () => {
    const spend = { field: 'total_spend', op: 'gt' as const, value: 300 };
    const rule: RuleNode = {
      all: [
        spend,
        { any: [emptyCondition()] },
        { not: { field: 'lifestyle', op: 'in', value: [] } },
        { any: [{ field: 'lifestyle', op: 'eq', value: '' }, { field: 'lifestyle', op: 'eq', value: 'premium' }] },
        { all: [] },
        { field: 'last_order', op: 'between', value: ['2024-01-01', ''] },
        { field: 'lifestyle', op: 'is_empty' },
      ],
    };
    const { rule: pruned, incomplete } = pruneIncomplete(rule);
    expect(incomplete).toBe(5);
    expect(pruned).toEqual({ all: [spend, { any: [{ field: 'lifestyle', op: 'eq', value: 'premium' }] }, { field: 'lifestyle', op: 'is_empty' }] });
    expect(validateRule(pruned, fields).ok).toBe(true);
    const complete: RuleNode = { any: [spend, { field: 'lifestyle', op: 'in', value: [''] }] };
    expect(pruneIncomplete(complete).rule).toBe(complete);
    expect(pruneIncomplete(complete).incomplete).toBe(0);
    // An ANY root of only unfinished parts counts everyone, not no one.
    expect(pruneIncomplete({ any: [emptyCondition()] }).rule).toEqual({ all: [] });
    expect(incompleteMessage(1)).toMatch(/^One condition or group is incomplete/);
    expect(incompleteMessage(3)).toMatch(/^3 conditions or groups are incomplete/);
  });
});

describe('a number field starts without a made-up value (it used to be "is <midpoint>", matching no one)', () => {
  const income = { name: 'annual_income', type: 'integer' as const, min: 12120, max: 370000, categories: [] };

  it('starts as "at least" with no value: incomplete, so not counted and not savable until a value is typed', () => {
    const c = defaultCondition(income);
    expect(c).toEqual({ field: 'annual_income', op: 'gte' });
    expect(conditionNeeds(c)).toBe('value');
    expect(pruneIncomplete({ all: [c] })).toEqual({ rule: { all: [] }, incomplete: 1 });
    // Other types keep their first operator and a value from the data.
    expect(defaultCondition(fields[1])).toEqual({ field: 'lifestyle', op: 'eq', value: 'eco-conscious' });
    expect(validateRule(defaultCondition(fields[2]), fields).ok).toBe(true);
  });

  it('another operator keeps a typed threshold; "between" starts as the whole range, or empty when it is unknown', () => {
    const typed = { field: 'annual_income', op: 'gte' as const, value: 50000 };
    expect(withOp(income, typed, 'gt')).toEqual({ field: 'annual_income', op: 'gt', value: 50000 });
    expect(withOp(income, typed, 'between')).toEqual({ field: 'annual_income', op: 'between', value: [12120, 370000] });
    expect(withOp({ ...income, min: null, max: null }, typed, 'between')).toEqual({ field: 'annual_income', op: 'between' });
    expect(withOp(income, { field: 'annual_income', op: 'between', value: [1, 2] }, 'lt')).toEqual({ field: 'annual_income', op: 'lt' });
    expect(withOp(income, typed, 'is_empty')).toEqual({ field: 'annual_income', op: 'is_empty' });
  });

  it('reads a number box: empty and partly typed text is no number (never 0)', () => {
    for (const t of ['', '  ', '-', '+', '.', '-.', '1e', '1e-', 'abc', '1,000', '12a']) expect(parseNumberText(t)).toBeUndefined();
    expect(parseNumberText('0')).toBe(0);
    expect(parseNumberText('50000')).toBe(50000);
    expect(parseNumberText('-5')).toBe(-5);
    expect(parseNumberText('1.')).toBe(1);
    expect(parseNumberText('.5')).toBe(0.5);
    expect(parseNumberText(' 2.25 ')).toBe(2.25);
    expect(parseNumberText('1e3')).toBe(1000);
  });

  it('a range with an end emptied, or a relative date with no amount, needs a value', () => {
    expect(conditionNeeds({ field: 'total_spend', op: 'between', value: ['', 10] })).toBe('value');
    expect(conditionNeeds({ field: 'total_spend', op: 'between', value: [0, 10] })).toBeNull();
    expect(conditionNeeds({ field: 'last_order', op: 'within_last', value: { amount: '', unit: 'days' } })).toBe('value');
    expect(conditionNeeds({ field: 'last_order', op: 'within_last', value: { amount: 0, unit: 'days' } })).toBeNull();
  });
});
