import { describe, expect, it } from 'vitest';
import { holmAdjust, lift, multipleComparisonNote, twoProportionPValue, wilsonInterval } from '../../../electron/engine/outcomes/proportions';

describe('proportions', () => {
  it('Wilson interval matches published values', () => {
    // Newcombe (1998), Table I: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605; 0/10 → 0–0.2775.
    const a = wilsonInterval(81, 263);
    expect(a.low).toBeCloseTo(0.2553, 4);
    expect(a.high).toBeCloseTo(0.3662, 4);
    const b = wilsonInterval(15, 148);
    expect(b.low).toBeCloseTo(0.0624, 4);
    expect(b.high).toBeCloseTo(0.1605, 4);
    const c = wilsonInterval(0, 10);
    expect(c.low).toBe(0);
    expect(c.high).toBeCloseTo(0.2775, 4);
  });

  it('two-proportion test agrees with the chi-square test of a 2×2 table', () => {
    // 30/100 vs 20/100: z = 1.6330, two-sided p = 0.1025 (chi-square 2.667, 1 df, without continuity correction).
    expect(twoProportionPValue(30, 100, 20, 100)).toBeCloseTo(0.1025, 3);
    expect(twoProportionPValue(5, 10, 5, 10)).toBeCloseTo(1, 6);
    expect(twoProportionPValue(0, 10, 0, 10)).toBe(1);
    expect(twoProportionPValue(500, 1000, 400, 1000)).toBeLessThan(1e-5);
  });

  it('lift is the ratio to the base rate', () => {
    expect(lift(0.2, 0.1)).toBeCloseTo(2, 12);
    expect(lift(0.2, 0)).toBeNull();
  });

  it('Holm adjustment and the multiple-comparison note', () => {
    expect(holmAdjust([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    expect(multipleComparisonNote([0.01, 0.5])).toBeNull();
    const note = multipleComparisonNote([0.001, 0.02, 0.04, 0.3, 0.6, 0.9]);
    expect(note).toContain('6 groups');
    expect(note).toContain('3 have p < 0.05; 1 remain significant');
  });
});
