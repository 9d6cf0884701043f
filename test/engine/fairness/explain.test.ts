import { describe, expect, it } from 'vitest';
import { explainDisparity } from '../../../electron/engine/fairness/audit';
import { selectionRates, twoProportionTest } from '../../../electron/engine/fairness/stats';
import { formatRatio } from '../../../shared/fairness/ratio';

/** An attribute with groups of the given sizes and selected counts, through the engine's own rate computation. */
function attribute(groups: { value: string; base: number; selected: number }[], name = 'gender') {
  const codes: number[] = [];
  const sel: number[] = [];
  groups.forEach((g, i) => {
    for (let r = 0; r < g.base; r++) {
      codes.push(i);
      sel.push(r < g.selected ? 1 : 0);
    }
  });
  const d = selectionRates(Int32Array.from(codes), groups.map((g) => g.value), Uint8Array.from(sel));
  const a = { attribute: name, category: 'gender' as const, binning: null, ...d };
  return { ...a, explanation: explainDisparity(a) };
}

describe('fairness audit wording', () => {
  it('ratio 0.795 with a 1-point gap: shows 0.795 (not 0.80), flags it, and calls the difference small', () => {
    // 3.9% vs 4.9% of 4,100 each: 159/200 = 0.795 exactly, a gap of 1.0 percentage point.
    const a = attribute([{ value: 'F', base: 4100, selected: 159 }, { value: 'M', base: 4100, selected: 200 }]);
    expect(a.ratio).toBeCloseTo(0.795, 12);
    expect(a.flag).toBe(true);
    expect(a.explanation).toContain('ratio of 0.795');
    expect(a.explanation).not.toMatch(/0\.80\b/);
    expect(a.explanation).toContain('gap of 1.0 percentage point');
    expect(a.explanation).toContain('Below the four-fifths (0.8) line');
    expect(a.explanation).toMatch(/difference is small/);
    expect(a.explanation).not.toMatch(/very differently/);
    // With groups this large the 1-point gap is more than chance (p ≈ 0.027), and the text says so.
    expect(a.explanation).toMatch(/though more than chance, p = 0\.03/);
  });

  it('a 1-point gap between groups of 1,000 is flagged but described as possibly chance', () => {
    const a = attribute([{ value: 'F', base: 1000, selected: 39 }, { value: 'M', base: 1000, selected: 49 }]);
    expect(a.flag).toBe(true);
    expect(a.explanation).toMatch(/F is selected at 3\.9%, M at 4\.9%: a ratio of 0\.796 and a gap of 1\.0 percentage point\./);
    expect(a.explanation).toMatch(/difference is small \(1\.0 percentage point\) and could be chance with groups this size \(p = 0\.28\)/);
    expect(a.explanation).not.toMatch(/very differently/);
  });

  it('a large ratio and a large gap between large groups: the groups are treated very differently', () => {
    const a = attribute([{ value: 'F', base: 1000, selected: 200 }, { value: 'M', base: 1000, selected: 450 }]);
    expect(a.flag).toBe(true);
    expect(a.explanation).toContain('F is selected at 20.0%, M at 45.0%: a ratio of 0.44 and a gap of 25.0 percentage points.');
    expect(a.explanation).toMatch(/Below the four-fifths \(0\.8\) line: the selection treats these groups very differently \(p < 0\.001\)/);
  });

  it('a meaningful gap with a ratio not far below 0.8 is "noticeably more often", not "very differently"', () => {
    const a = attribute([{ value: 'F', base: 1000, selected: 300 }, { value: 'M', base: 1000, selected: 400 }]);
    expect(a.ratio).toBeCloseTo(0.75, 12);
    expect(a.explanation).toMatch(/M is selected noticeably more often than F, a gap unlikely to be chance \(p < 0\.001\)/);
    expect(a.explanation).not.toMatch(/very differently/);
  });

  it('a large gap between small groups may be noise', () => {
    // 40% vs 60% of 30 customers each: ratio 0.67, 20 points, p ≈ 0.12.
    const a = attribute([{ value: 'F', base: 30, selected: 12 }, { value: 'M', base: 30, selected: 18 }]);
    expect(a.flag).toBe(true);
    expect(a.explanation).toMatch(/with groups this size a gap of 20\.0 percentage points could be chance \(p = 0\.12\)/);
    expect(a.explanation).not.toMatch(/very differently/);
  });

  it('within the line: no verdict of different treatment', () => {
    const a = attribute([{ value: 'F', base: 1000, selected: 400 }, { value: 'M', base: 1000, selected: 450 }]);
    expect(a.flag).toBe(false);
    expect(a.explanation).toMatch(/a ratio of 0\.89 and a gap of 5\.0 percentage points\. Within the four-fifths \(0\.8\) line\.$/);
  });

  it('the ratio in the explanation always agrees with the flag', () => {
    for (let hi = 30; hi <= 300; hi += 7) {
      for (let lo = 1; lo <= hi; lo++) {
        const a = attribute([{ value: 'a', base: 300, selected: lo }, { value: 'b', base: 300, selected: hi }]);
        const shown = /a ratio of ([0-9.]+)/.exec(a.explanation)![1];
        expect(shown).toBe(formatRatio(a.ratio!));
        expect(Number(shown) < 0.8, `${lo}/${hi}: ${a.explanation}`).toBe(a.flag);
        expect(/Below the four-fifths/.test(a.explanation)).toBe(a.flag);
      }
    }
  });

  it('two-proportion z-test matches an independent computation (scipy norm.sf)', () => {
    expect(twoProportionTest({ selected: 39, base: 1000 }, { selected: 49, base: 1000 }).p).toBeCloseTo(0.2755990289676771, 6);
    expect(twoProportionTest({ selected: 159, base: 4100 }, { selected: 200, base: 4100 }).p).toBeCloseTo(0.026905931132594423, 6);
    expect(twoProportionTest({ selected: 12, base: 30 }, { selected: 18, base: 30 }).p).toBeCloseTo(0.12133525035848222, 6);
    expect(twoProportionTest({ selected: 12, base: 30 }, { selected: 18, base: 30 }).z).toBeCloseTo(-1.5491933384829666, 10);
    expect(twoProportionTest({ selected: 0, base: 50 }, { selected: 0, base: 50 })).toEqual({ z: 0, p: 1 });
  });
});
