import { describe, expect, it } from 'vitest';
import { correlationRatio, cramersV, selectionRates } from '../../../electron/engine/fairness/stats';
import { ageBands, ageInYears, quantileBands } from '../../../electron/engine/fairness/binning';
import { requireJustification, sensitiveInRule } from '../../../electron/engine/fairness/sensitive-rule';
import { consentOf } from '../../../electron/engine/consent/consent';
import type { ColumnInfo } from '../../../shared/types/columns';

const i32 = (xs: number[]) => Int32Array.from(xs);

describe('fairness statistics', () => {
  it("Cramér's V is 1 for a perfect association and 0 for independence", () => {
    const a = i32(Array.from({ length: 300 }, (_, i) => i % 3));
    expect(cramersV(a, 3, a, 3)).toBeCloseTo(1, 2);
    // b cycles independently of a: every combination equally often.
    const b = i32(Array.from({ length: 300 }, (_, i) => Math.floor(i / 3) % 2));
    expect(cramersV(a, 3, b, 2)).toBeCloseTo(0, 6);
    expect(cramersV(i32([0, 0, 0]), 1, i32([0, 1, 0]), 2)).toBeNull();
  });

  it('Cramér\'s V matches a hand computation of a 2×2 table (with the bias correction)', () => {
    // Table [[30,10],[10,30]], n=80: chi2 = 20, phi2 = 0.25, corrected phi2 = 0.25 - 1/79.
    const a: number[] = [];
    const b: number[] = [];
    const push = (x: number, y: number, n: number) => {
      for (let i = 0; i < n; i++) {
        a.push(x);
        b.push(y);
      }
    };
    push(0, 0, 30);
    push(0, 1, 10);
    push(1, 0, 10);
    push(1, 1, 30);
    const k = 2 - 1 / 79;
    expect(cramersV(i32(a), 2, i32(b), 2)).toBeCloseTo(Math.sqrt((0.25 - 1 / 79) / (k - 1)), 10);
  });

  it('η is the share of variance explained by the groups', () => {
    // Groups 0: 1,2,3 and 1: 7,8,9 → SSB = 54, SST = 58.
    expect(correlationRatio(Float64Array.from([1, 2, 3, 7, 8, 9]), i32([0, 0, 0, 1, 1, 1]), 2)).toBeCloseTo(Math.sqrt(54 / 58), 12);
    expect(correlationRatio(Float64Array.from([5, 5, 5, 5]), i32([0, 0, 1, 1]), 2)).toBeNull();
    expect(correlationRatio(Float64Array.from([1, NaN, 3, 4]), i32([0, 0, -1, 1]), 2)).toBeCloseTo(1, 12);
  });

  it('four-fifths rule: ratio of lowest to highest rate, small groups and missing values shown but not compared', () => {
    const codes: number[] = [];
    const sel: number[] = [];
    const group = (code: number, n: number, picked: number) => {
      for (let i = 0; i < n; i++) {
        codes.push(code);
        sel.push(i < picked ? 1 : 0);
      }
    };
    group(0, 100, 50); // 50%
    group(1, 100, 35); // 35%
    group(2, 10, 0); // small: 0% but not evidence
    group(-1, 40, 0); // missing
    const d = selectionRates(i32(codes), ['a', 'b', 'c'], Uint8Array.from(sel));
    expect(d.ratio).toBeCloseTo(0.7, 12);
    expect(d.difference).toBeCloseTo(0.15, 12);
    expect(d.flag).toBe(true);
    expect(d.groups.map((g) => [g.value, g.base, g.selected, g.small])).toEqual([
      ['a', 100, 50, false],
      ['b', 100, 35, false],
      ['c', 10, 0, true],
      ['(missing)', 40, 0, false],
    ]);
    expect(selectionRates(i32([0, 1]), ['a', 'b'], Uint8Array.from([1, 0])).ratio).toBeNull();
  });

  it('bins ages and numbers into readable bands', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    expect(ageInYears(day('1990-06-15'), day('2026-06-14'))).toBe(35);
    expect(ageInYears(day('1990-06-15'), day('2026-06-15'))).toBe(36);
    const bands = ageBands(Float64Array.from([17, 18, 24, 25, 64, 65, NaN]));
    expect(Array.from(bands.codes, (c) => (c < 0 ? null : bands.labels[c]))).toEqual(['under 18', '18–24', '18–24', '25–34', '55–64', '65+', null]);
    const q = quantileBands(Float64Array.from({ length: 100 }, (_, i) => 1000 * (i + 1)));
    expect(q.labels).toEqual(['under 26,000', '26,000 to under 51,000', '51,000 to under 76,000', '76,000 and over']);
  });
});

describe('sensitive attributes in rules and consent values', () => {
  const col = (name: string, sensitive: boolean, cat: ColumnInfo['sensitiveCategory'] = null): ColumnInfo => ({
    name,
    type: 'category',
    role: 'demographic',
    pii: false,
    sensitive,
    sensitiveCategory: cat,
    missing: 0,
  });
  const cols = [col('gender', true, 'gender'), col('city', false)];

  it('finds sensitive columns directly and through referenced segments, and requires a justification', () => {
    const rule = { all: [{ field: 'city', op: 'eq' as const, value: 'Boston' }, { segment: 'women' }] };
    const lookup = (n: string) => (n === 'women' ? { field: 'gender', op: 'eq' as const, value: 'F' } : null);
    expect(sensitiveInRule(rule, cols, lookup)).toEqual([{ column: 'gender', category: 'gender', viaSegment: 'women' }]);
    expect(() => requireJustification('s', rule, cols, '', lookup)).toThrow(/gender \(gender, via segment "women"\).*justification/);
    expect(() => requireJustification('s', rule, cols, 'ok', lookup)).toThrow(/justification/);
    expect(requireJustification('s', rule, cols, 'Screening programme for women over 50', lookup)).toHaveLength(1);
    expect(requireJustification('s', { field: 'city', op: 'eq', value: 'Boston' }, cols, null)).toEqual([]);
  });

  it('reads yes/no, 0/1 and opt-in/opt-out dates as consent', () => {
    const b = { name: 'marketing_consent', type: 'boolean' as const };
    expect([consentOf(b, 1, '2026-01-01'), consentOf(b, 0, '2026-01-01'), consentOf(b, null, '2026-01-01')]).toEqual(['yes', 'no', 'unknown']);
    const t = { name: 'consent', type: 'text' as const };
    expect([consentOf(t, 'Tak', '2026-01-01'), consentOf(t, 'opt-out', '2026-01-01'), consentOf(t, 'maybe', '2026-01-01')]).toEqual(['yes', 'no', 'unknown']);
    const optIn = { name: 'opt_in_date', type: 'date' as const };
    expect([consentOf(optIn, '2025-03-01', '2026-01-01'), consentOf(optIn, '2026-03-01', '2026-01-01'), consentOf(optIn, null, '2026-01-01')]).toEqual(['yes', 'no', 'no']);
    const optOut = { name: 'unsubscribed_on', type: 'date' as const };
    expect([consentOf(optOut, '2025-03-01', '2026-01-01'), consentOf(optOut, null, '2026-01-01')]).toEqual(['no', 'yes']);
  });
});
