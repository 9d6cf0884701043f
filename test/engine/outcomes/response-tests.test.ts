import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { sharedData } from '../../helpers/tmp';

/** |x / ref − 1| < tol: p-values near 1e-60 are compared in relative terms. */
function relClose(x: number, ref: number, tol = 1e-6) {
  expect(Math.abs(x / ref - 1), `${x} vs ${ref}`).toBeLessThan(tol);
}

describe('response analysis: the test behind each p-value is named, Holm and the overall test are in the result', () => {
  it('small groups: Fisher per group, Fisher–Freeman–Halton overall, warnings in the result (scipy values)', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    // region: north 3 of 3 respond, south 0 of 4, east 6 of 25, west 8 of 30.
    const lines = ['customer_id,region,responded'];
    let id = 0;
    for (const [region, pos, n] of [['north', 3, 3], ['south', 0, 4], ['east', 6, 25], ['west', 8, 30]] as const)
      for (let i = 0; i < n; i++) lines.push(`C${++id},${region},${i < pos ? 'yes' : 'no'}`);
    fs.writeFileSync(path.join(dir, 'c.csv'), `${lines.join('\n')}\n`);
    expect((await runJob(engine, api, 'import', { path: path.join(dir, 'c.csv'), name: 'c' })).status.state).toBe('done');
    const r = await api.outcomes.response({ dataset: 'c', outcome: 'responded', grouping: { by: 'region' } });
    const g = Object.fromEntries(r.groups.map((x) => [x.group, x]));
    /*
      Each group against the rest, and all groups at once, by scipy 1.10.1:
        import numpy as np; from scipy.stats import chi2_contingency, fisher_exact
        g = {'north': (3, 3), 'south': (0, 4), 'east': (6, 25), 'west': (8, 30)}
        N = sum(n for _, n in g.values()); S = sum(a for a, _ in g.values())
        for k, (a, n) in g.items():
            tab = np.array([[a, n - a], [S - a, N - n - (S - a)]])
            _, p, _, e = chi2_contingency(tab, correction=False)
            print(k, fisher_exact(tab)[1] if e.min() < 5 else p)
        # north 0.01797990481226864, south 0.5675680520574711 (Fisher), east 0.6198231312018407, west 0.8976468464458449 (chi-square = z-test)
        chi2_contingency(np.array([[3, 0, 6, 8], [0, 4, 19, 22]]), correction=False)  # chi2 9.607703703703702, min expected 0.82
      and the Fisher–Freeman–Halton p by exact integer enumeration (test/engine/fairness/contingency_reference.py): 0.03787183087256227.
    */
    expect([g.north.test, g.south.test, g.east.test, g.west.test]).toEqual(['fisher', 'fisher', 'z', 'z']);
    expect(g.north.pValue).toBeCloseTo(0.01797990481226864, 10);
    expect(g.south.pValue).toBeCloseTo(0.5675680520574711, 10);
    expect(g.east.pValue).toBeCloseTo(0.6198231312018407, 6);
    expect(g.west.pValue).toBeCloseTo(0.8976468464458449, 6);
    // Holm by hand: sorted p = north, south, east, west → 4·p1, max(…, 3·p2), …, capped at 1.
    expect(g.north.pHolm).toBeCloseTo(4 * 0.01797990481226864, 9);
    expect(g.south.pHolm).toBeCloseTo(1, 9);
    expect(g.north.pAdjusted).toBe(g.north.pHolm);
    expect([g.north.small, g.west.small]).toEqual([true, false]);
    expect(r.overall?.method).toBe('fisher-freeman-halton');
    expect(r.overall?.statistic).toBeCloseTo(9.607703703703702, 9);
    expect(r.overall?.df).toBe(3);
    expect(r.overall?.minExpected).toBeCloseTo(0.8225806451612904, 9);
    expect(r.overall?.p).toBeCloseTo(0.03787183087256227, 9);
    expect(r.warnings.join(' ')).toMatch(/3 groups have fewer than 30 members \(north, east, south\)/);
    expect(r.warnings.join(' ')).toMatch(/Fisher's exact test instead of the z-test for north, south/);
    expect(r.methods).toMatch(/Holm-adjusted over the 4 groups/);

    // Saved segments may overlap: no overall test, and the result says why.
    await api.segments.save({ dataset: 'c', name: 'n', rule: { field: 'region', op: 'eq', value: 'north' } });
    await api.segments.save({ dataset: 'c', name: 'ns', rule: { field: 'region', op: 'in', value: ['north', 'south'] } });
    const seg = await api.outcomes.response({ dataset: 'c', outcome: 'responded', grouping: { segments: ['n', 'ns'] } });
    expect(seg.overall).toBeNull();
    expect(seg.warnings.join(' ')).toMatch(/No overall test across the segments/);
    engine.close();
  }, 60_000);

  const bank = sharedData('bank-full.csv');
  it.skipIf(!bank)('bank-full.csv by job: chi-square overall and z-tests per group equal scipy (skipped: ../shared/data/bank-full.csv absent)', async () => {
    const { engine, api } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: bank!, name: 'bank' })).status.state).toBe('done');
    const r = await api.outcomes.response({ dataset: 'bank', outcome: 'y', grouping: { by: 'job' } });
    /*
      scipy 1.10.1 / pandas 1.5.3:
        df = pd.read_csv('bank-full.csv', sep=';'); t = pd.crosstab(df.job, df.y)
        chi2_contingency(t.values, correction=False)   # 836.1054877471965, p 3.337121944935502e-172, dof 11, min expected 33.69
        per job: chi2_contingency([[a, n - a], [S - a, N - n - (S - a)]], correction=False)[1]   (every expected count ≥ 5, so the z-test)
    */
    const REF: Record<string, number> = {
      'admin.': 0.2306492253416212,
      'blue-collar': 5.051537545802115e-53,
      entrepreneur: 2.905197566861859e-5,
      housemaid: 0.001234159577486553,
      management: 2.5691339333525118e-12,
      retired: 1.0521313828470435e-63,
      'self-employed': 0.8557364660375989,
      services: 3.1291048750956525e-9,
      student: 4.312853932287645e-60,
      technician: 0.05648939496013001,
      unemployed: 1.454396244871361e-5,
      unknown: 0.9547695565073211,
    };
    for (const g of r.groups) {
      expect(g.test).toBe('z');
      relClose(g.pValue, REF[g.group]);
    }
    expect(r.overall?.method).toBe('chi-square');
    expect(r.overall?.statistic).toBeCloseTo(836.1054877471965, 8);
    expect(r.overall?.df).toBe(11);
    relClose(r.overall!.p, 3.337121944935502e-172, 1e-8);
    engine.close();
  }, 120_000);
});
