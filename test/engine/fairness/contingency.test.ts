import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail, compareTwo, EXACT_TABLE_LIMIT, fisherExact, fisherFreemanHalton, holmAdjust, MC_DRAWS, overallTest, type Counts } from '../../../electron/engine/stats/contingency';
import { pandasPython } from '../rfm/reference';
import { CRAMERS_V_ESTIMATOR, cramersV, selectionRates } from '../../../electron/engine/fairness/stats';

const SCRIPT = path.join(__dirname, 'contingency_reference.py');
const py = pandasPython();

interface Ref {
  chi2: number;
  df: number;
  p: number;
  minExpected: number;
  fisher?: number;
  ffh?: number;
  chi2Exact?: number;
}

/** scipy's answers for these tables (contingency_reference.py), computed once per run. */
function scipy(tables: [number, number][][]): Ref[] {
  const r = spawnSync(py as string, [SCRIPT, JSON.stringify(tables)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`contingency_reference.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Ref[];
}

const counts = (t: [number, number][]): Counts[] => t.map(([positives, n]) => ({ positives, n }));

// Tables as [positives, n] per group: small and large, balanced and lopsided, ties in the null distribution.
const TABLES: [number, number][][] = [
  [[3, 10], [9, 12]],
  [[0, 2], [2, 2]],
  [[1, 2], [40, 100]],
  [[5, 5], [0, 5]],
  [[159, 4100], [200, 4100]],
  [[1, 5], [4, 6], [0, 3]],
  [[50, 100], [35, 100], [0, 10]],
  [[2, 30], [10, 40], [5, 8], [1, 3], [0, 2]],
  [[120, 400], [90, 380], [150, 420]],
  // Too many tables for the exact test: the Monte-Carlo p-value estimates the exact p of the chi-square statistic.
  [[5, 2000], [12, 3000], [3, 500], [1, 40], [0, 20]],
];

describe.skipIf(!py)('2×k tests against scipy (skipped: needs python3 with scipy)', () => {
  const refs = py ? scipy(TABLES) : [];

  it('every table: the overall test picks chi-square only with expected counts ≥ 5, and matches scipy', () => {
    TABLES.forEach((t, i) => {
      const ref = refs[i];
      const o = overallTest(counts(t));
      expect(o, JSON.stringify(t)).not.toBeNull();
      if (!o) return;
      expect(o.statistic).toBeCloseTo(ref.chi2, 9);
      expect(o.df).toBe(ref.df);
      expect(o.minExpected).toBeCloseTo(ref.minExpected, 9);
      if (ref.minExpected >= 5) {
        expect(o.method).toBe('chi-square');
        expect(o.p).toBeCloseTo(ref.p, 9);
      } else if (t.length === 2) {
        expect(o.method).toBe('fisher-exact');
        expect(o.p).toBeCloseTo(ref.fisher as number, 9);
      } else if (o.method === 'fisher-freeman-halton') {
        expect(o.p).toBeCloseTo(ref.ffh as number, 9);
      } else {
        expect(o.method).toBe('chi-square-monte-carlo');
        expect(o.draws).toBe(MC_DRAWS);
        // Three standard errors of a Monte-Carlo proportion.
        const exact = ref.chi2Exact as number;
        expect(Math.abs(o.p - exact)).toBeLessThan(3 * Math.sqrt((exact * (1 - exact)) / MC_DRAWS) + 1e-4);
      }
    });
    expect(TABLES.map((t) => overallTest(counts(t))?.method)).toEqual([
      'fisher-exact',
      'fisher-exact',
      'fisher-exact',
      'fisher-exact',
      'chi-square',
      'fisher-freeman-halton',
      'fisher-freeman-halton',
      'fisher-freeman-halton',
      'chi-square',
      'chi-square-monte-carlo',
    ]);
  });

  it("Fisher's exact test equals scipy.stats.fisher_exact (two-sided) and the 2-group exact enumeration", () => {
    TABLES.forEach((t, i) => {
      if (t.length !== 2) return;
      const [a, b] = counts(t);
      expect(fisherExact(a, b)).toBeCloseTo(refs[i].fisher as number, 10);
      expect(fisherFreemanHalton([a, b])).toBeCloseTo(refs[i].ffh as number, 10);
    });
  });

  it('the per-row comparison names its test: Fisher when an expected cell is under 5, the z-test otherwise', () => {
    const tiny = compareTwo({ positives: 0, n: 2 }, { positives: 2, n: 2 });
    expect(tiny.test).toBe('fisher');
    expect(tiny.p).toBeCloseTo(refs[1].fisher as number, 10);
    const big = compareTwo({ positives: 159, n: 4100 }, { positives: 200, n: 4100 });
    expect(big.test).toBe('z');
    // The z-test squared is the 2×2 chi-square without Yates: same p as chi2_contingency(correction=False).
    expect(big.p).toBeCloseTo(refs[4].p, 6);
  });

  it("Cramér's V is the bias-corrected one (Bergsma 2013) computed from scipy's chi-square, and says so", () => {
    // Table 3 groups × selected or not: [[120, 400], [90, 380], [150, 420]].
    const t = TABLES[8];
    const a: number[] = [];
    const b: number[] = [];
    t.forEach(([pos, n], g) => {
      for (let i = 0; i < n; i++) {
        a.push(g);
        b.push(i < pos ? 1 : 0);
      }
    });
    const n = a.length;
    const phi2 = refs[8].chi2 / n;
    const phi2c = Math.max(0, phi2 - 2 / (n - 1));
    const rc = 3 - 4 / (n - 1);
    const kc = 2 - 1 / (n - 1);
    const corrected = Math.sqrt(phi2c / Math.min(rc - 1, kc - 1));
    expect(cramersV(Int32Array.from(a), 3, Int32Array.from(b), 2)).toBeCloseTo(corrected, 12);
    // Not the uncorrected V (scipy.stats.contingency.association(method='cramer')), which is larger.
    expect(corrected).toBeLessThan(Math.sqrt(phi2));
    expect(CRAMERS_V_ESTIMATOR).toMatch(/bias-corrected/);
  });
});

describe('2×k tests without scipy', () => {
  it('chi-square tail: known quantiles', () => {
    // scipy.stats.chi2.sf(3.841458820694124, 1) = 0.05; chi2.sf(9.487729036781154, 4) = 0.05; chi2.sf(0.5, 3) = 0.9188914116...
    expect(chiSquareUpperTail(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareUpperTail(9.487729036781154, 4)).toBeCloseTo(0.05, 10);
    expect(chiSquareUpperTail(0.5, 3)).toBeCloseTo(0.9188914116, 9);
  });

  it('no test when nobody (or everybody) has the outcome or only one group has members', () => {
    expect(overallTest(counts([[0, 10], [0, 20]]))).toBeNull();
    expect(overallTest(counts([[10, 10], [20, 20]]))).toBeNull();
    expect(overallTest(counts([[3, 10], [0, 0]]))).toBeNull();
  });

  it('the Monte-Carlo p-value is the same on every run (fixed seed), and the exact test gives way to it only when too large', () => {
    const big = counts([[5, 2000], [12, 3000], [3, 500], [1, 40], [0, 20]]);
    expect(overallTest(big)?.p).toBe(overallTest(big)?.p);
    expect(fisherFreemanHalton(big)).toBeNull();
    expect(EXACT_TABLE_LIMIT).toBeGreaterThan(1000);
  });

  it('Holm adjustment', () => {
    expect(holmAdjust([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
  });
});

/** Rows for groups given as [code, customers, selected] (code -1 = no value). */
function rows(spec: [number, number, number][]) {
  const codes: number[] = [];
  const sel: number[] = [];
  for (const [code, n, picked] of spec)
    for (let i = 0; i < n; i++) {
      codes.push(code);
      sel.push(i < picked ? 1 : 0);
    }
  return { codes: Int32Array.from(codes), sel: Uint8Array.from(sel) };
}

describe.skipIf(!py)('fairness selection rates: per-group tests against the reference, overall test, missing never the reference by default', () => {
  // a 50/100, b 35/100, c 0/10 (small), (missing) 45/60: the missing group has the highest rate.
  const { codes, sel } = rows([
    [0, 100, 50],
    [1, 100, 35],
    [2, 10, 0],
    [-1, 60, 45],
  ]);
  const ref = py
    ? scipy([
        [[35, 100], [50, 100]], // b vs a
        [[0, 10], [50, 100]], // c vs a
        [[45, 60], [50, 100]], // (missing) vs a
        [[50, 100], [35, 100], [0, 10]], // overall without (missing)
        [[50, 100], [35, 100], [0, 10], [45, 60]], // overall with it
        [[50, 100], [45, 60]], // a vs (missing) as the reference
      ])
    : [];

  it('default: the reference is the highest rate among the groups the attribute defines; (missing) is shown, tested, but excluded', () => {
    const d = selectionRates(codes, ['a', 'b', 'c'], sel);
    expect(d.referenceGroup).toBe('a');
    expect(d.referenceExcludes).toEqual(['(missing)']);
    expect(d.ratio).toBeCloseTo(0.7, 12);
    const g = Object.fromEntries(d.groups.map((x) => [x.value, x]));
    expect(g.a.test).toBeUndefined();
    expect(g.a.pValue).toBeUndefined();
    expect(g.b.test).toBe('z');
    expect(g.b.pValue).toBeCloseTo(ref[0].p, 6);
    expect(g.c.test).toBe('fisher');
    expect(g.c.pValue).toBeCloseTo(ref[1].fisher as number, 10);
    expect(g['(missing)'].test).toBe('z');
    expect(g['(missing)'].pValue).toBeCloseTo(ref[2].p, 6);
    // Holm over the three comparisons.
    expect([g.b.pHolm, g.c.pHolm, g['(missing)'].pHolm]).toEqual(holmAdjust([g.b.pValue!, g.c.pValue!, g['(missing)'].pValue!]));
    // c has an expected count under 5 (10 × 85 / 210): the overall test is exact.
    expect(d.overall?.method).toBe('fisher-freeman-halton');
    expect(d.overall?.groups).toBe(3);
    expect(d.overall?.statistic).toBeCloseTo(ref[3].chi2, 9);
    expect(d.overall?.p).toBeCloseTo(ref[3].ffh as number, 9);
    expect(d.warnings.join(' ')).toMatch(/Fewer than 30 customers in c/);
    expect(d.warnings.join(' ')).toMatch(/Fisher's exact test instead of the z-test for c/);
    expect(d.warnings.join(' ')).toMatch(/\(missing\).*may not set the reference rate/);
  });

  it('missingAsReference: (missing) may set the reference and enters the overall test', () => {
    const d = selectionRates(codes, ['a', 'b', 'c'], sel, undefined, undefined, true);
    expect(d.referenceGroup).toBe('(missing)');
    expect(d.referenceExcludes).toEqual([]);
    expect(d.ratio).toBeCloseTo(0.35 / 0.75, 12);
    const a = d.groups.find((x) => x.value === 'a')!;
    expect(a.test).toBe('z');
    expect(a.pValue).toBeCloseTo(ref[5].p, 6);
    expect(d.overall?.groups).toBe(4);
    expect(d.overall?.statistic).toBeCloseTo(ref[4].chi2, 9);
    expect(d.overall?.p).toBeCloseTo(ref[4].ffh as number, 9);
  });
});
