import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bgnbdLogLik, expectedPurchases, fitBgNbd, groupTriples } from '../../../electron/engine/outcomes/bgnbd';
import { fitGammaGamma, gammaGammaLogLik, spendData } from '../../../electron/engine/outcomes/gamma-gamma';
import { sharedData } from '../../helpers/tmp';

/**
 * The published CDNOW estimates. The CDNOW sample cannot ship with SegmentDesk, so this test runs
 * only where the summary file is present: set CDNOW_SUMMARY_CSV to (or put in ../shared/data) the
 * file `cdnow_customers_summary_with_transactions.csv` as distributed with `lifetimes`
 * (columns ID,x,t_x,T,zbar: 2,357 customers, weeks).
 */
const file = process.env.CDNOW_SUMMARY_CSV ?? sharedData('cdnow_customers_summary_with_transactions.csv');

describe.skipIf(!file || !fs.existsSync(file))('CDNOW (skipped: set CDNOW_SUMMARY_CSV to lifetimes\' cdnow_customers_summary_with_transactions.csv)', () => {
  // Read lazily: a skipped suite still runs its body.
  const load = () => {
    const rows = fs
      .readFileSync(file!, 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(',').map(Number));
    return { rows, x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]), zbar: rows.map((r) => r[4]) };
  };

  it('BG/NBD reproduces Fader, Hardie & Lee (2005): r=0.243, α=4.414, a=0.793, b=2.426, LL=-9582.4', () => {
    const { rows, x, tx, T } = load();
    expect(rows.length).toBe(2357);
    const g = groupTriples(x, tx, T);
    expect(bgnbdLogLik({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, g)).toBeCloseTo(-9582.4, 0);
    const fit = fitBgNbd(g);
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 2);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 2);
    expect(fit.logLik).toBeCloseTo(-9582.4, 0);
    // FHL 2005: customer 1 (x=2, t_x=30.43, T=38.86) is expected to buy 1.226 times in the next 39 weeks.
    expect(expectedPurchases(fit.params, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 2);
  });

  it('Gamma-Gamma reproduces Fader & Hardie (2013): p=6.25, q=3.74, γ=15.44 on the 946 repeat customers', () => {
    const { x, zbar } = load();
    const xs = x.filter((v) => v > 0);
    const ms = zbar.filter((_, i) => x[i] > 0);
    expect(xs.length).toBe(946);
    const fit = fitGammaGamma(xs, ms);
    expect(fit.converged).toBe(true);
    expect(fit.params.p).toBeCloseTo(6.25, 1);
    expect(fit.params.q).toBeCloseTo(3.74, 1);
    expect(fit.params.v).toBeCloseTo(15.44, 1);
    expect(fit.logLik).toBeCloseTo(gammaGammaLogLik({ p: 6.25, q: 3.74, v: 15.44 }, spendData(xs, ms)), 1);
  });
});
