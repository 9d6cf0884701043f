import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { SKEWNESS_ESTIMATOR } from '../../../shared/contract/ns/profile';

/*
  pandas 1.5.3 / scipy 1.10.1 on the values below:
    import pandas as pd; from scipy.stats import skew
    x = [1, 2, 3, 10, 20, 2, 5, 8]
    pd.Series(x).skew()      # 1.6529526990786074  adjusted Fisher–Pearson G1 (= skew(x, bias=False))
    skew(x)                  # 1.3253105735347275  biased g1 (scipy's default), not what the profile reports
*/
const VALUES = [1, 2, 3, 10, 20, 2, 5, 8];
const PANDAS_SKEW = 1.6529526990786074;
const SCIPY_BIASED_G1 = 1.3253105735347275;

describe('skewness: the estimator is named in the JSON and matches pandas', () => {
  it('a profile reports G1 as pandas .skew() and says so', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const f = path.join(dir, 'x.csv');
    fs.writeFileSync(f, `id,x\n${VALUES.map((v, i) => `${i + 1},${v}`).join('\n')}\n`);
    expect((await runJob(engine, api, 'import', { path: f, name: 'x', id: 'id' })).status.state).toBe('done');
    const p = await api.profile.get({ dataset: 'x' });
    expect(p.skewnessEstimator).toBe(SKEWNESS_ESTIMATOR);
    expect(p.skewnessEstimator).toMatch(/adjusted Fisher–Pearson G1/);
    const skew = p.columns.find((c) => c.name === 'x')!.skewness!;
    expect(skew).toBeCloseTo(PANDAS_SKEW, 12);
    expect(Math.abs(skew - SCIPY_BIASED_G1)).toBeGreaterThan(0.3);
    engine.close();
  }, 60_000);
});
