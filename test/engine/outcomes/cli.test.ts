import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { sharedData, tmpDir } from '../../helpers/tmp';
import { gammaSample, rng } from './simulate';

const TRUE = { r: 0.5, alpha: 10, a: 0.7, b: 3 };

/**
 * Dated transactions drawn from BG/NBD (times in weeks → whole days) with Gamma-Gamma spend:
 * a file as a shop would export it, with the first purchase on the acquisition day.
 */
function writeTransactions(file: string, customers: number, asOf: string): void {
  const sim = simulateBgNbdWithTimes(customers, 5);
  const u = rng(9);
  const end = Date.parse(`${asOf}T00:00:00Z`) / 86_400_000;
  const lines = ['order_id,customer_id,order_date,amount'];
  let order = 0;
  sim.forEach((c, i) => {
    const start = end - Math.floor(c.T * 7);
    const nu = gammaSample(u, 4) / 30;
    for (const t of [0, ...c.times]) {
      const day = start + Math.floor(t * 7);
      if (day > end) continue;
      const amount = (gammaSample(u, 5) / nu).toFixed(2);
      lines.push(`O${++order},K${i},${new Date(day * 86_400_000).toISOString().slice(0, 10)},${amount}`);
    }
  });
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Like simulateBgNbd but keeps every purchase time (the summary then comes from real dated rows). */
function simulateBgNbdWithTimes(n: number, seed: number): { T: number; times: number[] }[] {
  const u = rng(seed);
  const out: { T: number; times: number[] }[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gammaSample(u, TRUE.r) / TRUE.alpha;
    const g = gammaSample(u, TRUE.a);
    const drop = g / (g + gammaSample(u, TRUE.b));
    const T = 30 + 48 * u();
    const times: number[] = [];
    let t = 0;
    for (;;) {
      t += -Math.log(1 - u()) / lambda;
      if (t > T) break;
      times.push(t);
      if (u() < drop) break;
    }
    out.push({ T, times });
  }
  return out;
}

describe('segmentdesk clv and response', () => {
  it('clv prints exactly the documented JSON and recovers simulated parameters', async () => {
    const dir = tmpDir();
    writeTransactions(path.join(dir, 'tx.csv'), 3000, '2025-12-31');
    const imp = cli(['import', 'tx.csv', '--workspace', 'w.sdw', '--as', 'transactions', '--name', 'tx', '--json'], dir);
    expect(imp.code, imp.stderr).toBe(0);
    const r = cli(['clv', '--workspace', 'w.sdw', '--transactions', 'tx', '--as-of', '2025-12-31', '--period', 'weeks', '--horizon', '26', '--discount', '0.1', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['asOf', 'asOfSource', 'bgnbd', 'customers', 'gammaGamma', 'ms', 'returns', 'warnings']);
    expect(out).toMatchObject({ asOf: '2025-12-31', asOfSource: 'chosen for this analysis', returns: { policy: 'exclude-cancelled' } });
    expect(Object.keys(out.bgnbd).sort()).toEqual(['a', 'alpha', 'b', 'converged', 'logLik', 'r']);
    expect(Object.keys(out.gammaGamma).sort()).toEqual(['customers', 'p', 'q', 'v']);
    expect(out.customers).toBe(3000);
    expect(out.bgnbd.converged).toBe(true);
    // Whole-day dates blur the weekly times a little; 3,000 customers leave sampling error of ~15-30%.
    expect(Math.abs(out.bgnbd.r / TRUE.r - 1)).toBeLessThan(0.3);
    expect(Math.abs(out.bgnbd.alpha / TRUE.alpha - 1)).toBeLessThan(0.4);
    expect(out.gammaGamma.p).toBeGreaterThan(2);
    expect(out.gammaGamma.p).toBeLessThan(12);

    const bad = cli(['clv', '--workspace', 'w.sdw', '--transactions', 'tx', '--as-of', '2025-12-31', '--period', 'months', '--json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
  }, 120_000);

  const telco = sharedData('telco_customer_churn.csv');
  it.skipIf(!telco)('response prints base and groups (skipped: telco_customer_churn.csv absent)', async () => {
    const dir = tmpDir();
    const imp = cli(['import', telco!, '--workspace', 'w.sdw', '--name', 'telco', '--json'], dir);
    expect(imp.code, imp.stderr).toBe(0);
    const r = cli(['response', '--workspace', 'w.sdw', '--dataset', 'telco', '--outcome', 'Churn', '--by', 'Contract', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['base', 'groups', 'methods', 'note', 'overall', 'warnings']);
    // Three contract types, thousands of customers each: the chi-square test, named.
    expect(out.overall).toMatchObject({ method: 'chi-square', df: 2 });
    expect(out.methods).toMatch(/Holm-adjusted/);
    expect(out.base.n).toBe(7043);
    expect(out.base.positives).toBe(1869);
    expect(out.groups.map((g: { group: string }) => g.group)).toEqual(['Month-to-month', 'One year', 'Two year']);
    for (const g of out.groups) expect(Object.keys(g).sort()).toEqual(['ciHigh', 'ciLow', 'group', 'lift', 'n', 'pHolm', 'pValue', 'positives', 'rate', 'small', 'test']);
    expect(out.groups.map((g: { test: string }) => g.test)).toEqual(['z', 'z', 'z']);
    const help = cli(['response', '--help'], dir);
    // --help wraps its conventions; read them as one line.
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/Fisher's exact test/);
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/no Yates/);
    const none = cli(['response', '--workspace', 'w.sdw', '--dataset', 'telco', '--outcome', 'Churn', '--json'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/exactly one of --by/);
  }, 120_000);
});


