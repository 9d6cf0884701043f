import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace } from '../../helpers/engine';
import { sharedData } from '../../helpers/tmp';
import { importFile } from '../import/helpers';

// pandas' count, mean, std, median and .skew() of these columns, stored by test/fixtures/profile/make-pandas-reference.py.
const REF = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../fixtures/profile/marketing-pandas.json'), 'utf8')) as {
  columns: Record<string, { count: number; mean: number; std: number; median: number; skew: number }>;
};
const marketing = sharedData('marketing_campaign.csv');

describe.skipIf(!marketing)('profile of marketing_campaign.csv (skipped: ../shared/data/marketing_campaign.csv absent)', () => {
  it('matches pandas, formats years and IDs, and raises alerts that mean something', { timeout: 120_000 }, async () => {
    const { engine, api } = await engineWithWorkspace();
    const imp = await importFile(engine, api, { path: marketing as string, name: 'm' });
    expect(imp.status.state).toBe('done');
    const p = await api.profile.get({ dataset: 'm' });
    const col = (n: string) => p.columns.find((c) => c.name === n)!;
    for (const [name, r] of Object.entries(REF.columns)) {
      const c = col(name);
      expect(c.count).toBe(r.count);
      expect(c.mean).toBeCloseTo(r.mean, 6);
      expect(c.std).toBeCloseTo(r.std, 6);
      expect(c.median).toBeCloseTo(r.median, 6);
      expect(c.skewness).toBeCloseTo(r.skew, 6);
    }
    expect(col('Year_Birth').format).toBe('year');
    expect(col('ID').format).toBe('id');
    expect(col('Complain').format).toBe('yes_no');
    expect(col('Complain').skewness).toBeNull();
    expect(col('Income').format).toBe('number');

    const of = (kind: string, column: string) => p.alerts.filter((a) => a.kind === kind && a.column === column);
    // A 0/1 column is not "skewed 10.18".
    expect(p.alerts.filter((a) => a.kind === 'skewed' && ['Complain', 'Response', 'AcceptedCmp1'].includes(a.column ?? ''))).toEqual([]);
    expect(of('skewed', 'MntGoldProds')).toHaveLength(0);
    const years = of('implausible', 'Year_Birth');
    expect(years).toHaveLength(1);
    expect(years[0].detail).toMatch(/1893, 1899, 1900/);
    expect(years[0].detail).toMatch(/rule: a birth year before 1914 means an age over 100 in 2014/);
    const income = of('outliers', 'Income');
    expect(income).toHaveLength(1);
    expect(income[0].detail).toMatch(/666,666/);
    expect(income[0].detail).toMatch(/rule: more than 3 × the interquartile range/);
    const rare = of('rare_category', 'Marital_Status');
    expect(rare).toHaveLength(1);
    expect(rare[0].detail).toMatch(/"Absurd" \(2\).*"YOLO" \(2\)/);
    expect(rare[0].detail).toMatch(/rule: held by fewer than 0.5 %/);
    for (const a of p.alerts.filter((x) => x.kind === 'skewed')) expect(a.detail).toMatch(/adjusted Fisher–Pearson/);
    engine.close();
  });
});
