import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail, compareTwo, EXACT_TABLE_LIMIT, fisherExact, fisherFreemanHalton, holmAdjust, MC_DRAWS, overallTest, type Counts } from '../../../electron/engine/stats/contingency';
import { pandasPython } from '../rfm/reference';

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
