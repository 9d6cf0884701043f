import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { MAX_VALUE_GROUPS, quantileSorted } from '../../../electron/engine/outcomes/bands';
import { NUMBER_DISTINCT_CAP } from '../../../shared/contract/ns/segments';
import { pandasPython } from '../rfm/reference';
import { cli } from '../../helpers/cli';
import { sharedData, tmpDir } from '../../helpers/tmp';

const py = pandasPython();
const bank = sharedData('bank-full.csv');

/** numpy.quantile with its default (linear) method: the independent check of the cut points. */
function numpyQuantiles(values: number[], qs: number[]): number[] {
  const r = spawnSync(py!, ['-c', 'import sys, json, numpy as np; d = json.load(sys.stdin); print(json.dumps([float(x) for x in np.quantile(np.array(d["v"], dtype=float), d["q"])]))'], {
    input: JSON.stringify({ v: values, q: qs }),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as number[];
}

/**
 * A customers file with a spend column of many values and a yes/no response, plus an orders file
 * linked to it (so `total_spend` is a customer-view field): response by a number field is compared
 * in equal-count bands whose cut points are the field's quantiles among the customers compared.
 */
async function setup() {
  const w = await engineWithWorkspace();
  const customers = ['customer_id,spend,visits,segment_code,responded'];
  const orders = ['customer_id,order_date,amount'];
  const rows: { id: string; spend: number; visits: number; responded: string; total: number }[] = [];
  for (let i = 1; i <= 400; i++) {
    const id = `C${String(i).padStart(4, '0')}`;
    // A skewed spend with ties (every 7th customer spends exactly 50), so quantiles interpolate and ties sit on edges.
    const spend = i % 7 === 0 ? 50 : Math.round(((i * 37) % 401) * 1.7) / 10;
    // Responders concentrate among higher spenders; every 25th response is unknown.
    const responded = i % 25 === 0 ? '' : (i * 13) % 100 < 20 + spend / 2 ? 'yes' : 'no';
    const visits = i % 5;
    let total = 0;
    const n = 1 + (i % 4);
    for (let k = 0; k < n; k++) {
      const amount = 5 + ((i * (k + 3)) % 97);
      total += amount;
      orders.push(`${id},2025-0${1 + k}-1${i % 9},${amount}`);
    }
    rows.push({ id, spend, visits, responded, total });
    customers.push(`${id},${spend},${visits},${i % 2 ? 'A' : 'B'},${responded}`);
  }
  fs.writeFileSync(path.join(w.dir, 'customers.csv'), `${customers.join('\n')}\n`);
  fs.writeFileSync(path.join(w.dir, 'orders.csv'), `${orders.join('\n')}\n`);
  expect((await runJob(w.engine, w.api, 'import', { path: path.join(w.dir, 'customers.csv'), name: 'customers' })).status.error).toBeUndefined();
  const imp = await runJob(w.engine, w.api, 'import', {
    path: path.join(w.dir, 'orders.csv'),
    name: 'orders',
    as: 'transactions',
    link: 'customers',
    transactionColumns: { customer: 'customer_id', date: 'order_date', amount: 'amount' },
  });
  expect(imp.status.error).toBeUndefined();
  return { ...w, rows };
}

/** Count each band directly from the edges (right-closed: a value on an edge is in the lower band). */
function countBands(values: { v: number; yes: boolean }[], edges: number[]): { n: number; pos: number }[] {
  const out = Array.from({ length: edges.length + 1 }, () => ({ n: 0, pos: 0 }));
  for (const { v, yes } of values) {
    const b = edges.findIndex((e) => v <= e);
    const c = out[b < 0 ? edges.length : b];
    c.n++;
    if (yes) c.pos++;
  }
  return out;
}

describe('response by a number field, in bands', () => {
  it('quantileSorted is linear between closest ranks', () => {
    const s = Float64Array.from([1, 2, 4, 8, 16]);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(16);
    expect(quantileSorted(s, 0.5)).toBe(4);
    // h = 4 × 0.3 = 1.2 → 2 + 0.2 × (4 − 2)
    expect(quantileSorted(s, 0.3)).toBeCloseTo(2.4, 12);
  });

  it('cuts a customer column into quartiles of the customers compared, and says so', async () => {
    const { api, rows } = await setup();
    const r = await api.outcomes.response({ dataset: 'customers', outcome: 'responded', positive: 'yes', grouping: { by: 'spend' } });
    expect(r.bands?.field).toBe('spend');
    expect(r.bands?.asked).toBe(4);
    expect(r.bands?.edges).toHaveLength(3);
    expect(r.warnings[0]).toBe(r.bands?.convention);
    expect(r.bands?.convention).toMatch(/quartiles/);

    const known = rows.filter((x) => x.responded !== '').map((x) => ({ v: x.spend, yes: x.responded === 'yes' }));
    const expected = countBands(known, r.bands!.edges);
    expect(r.groups.map((g) => [g.n, g.positives])).toEqual(expected.map((c) => [c.n, c.pos]));
    // Equal-count within what ties allow: no band is more than twice another.
    const ns = r.groups.map((g) => g.n);
    expect(Math.max(...ns)).toBeLessThan(2 * Math.min(...ns));
    expect(r.groups[0].group).toMatch(/^band 1 of 4: up to /);
    expect(r.groups[3].group).toMatch(/^band 4 of 4: over /);
  });

  it('asks for N bands, and keeps small integer fields one group per value', async () => {
    const { api, rows } = await setup();
    const r = await api.outcomes.response({ dataset: 'customers', outcome: 'responded', positive: 'yes', grouping: { by: 'spend', bands: 5 } });
    expect(r.bands?.edges).toHaveLength(4);
    expect(r.bands?.convention).toMatch(/5-quantiles/);
    const known = rows.filter((x) => x.responded !== '').map((x) => ({ v: x.spend, yes: x.responded === 'yes' }));
    expect(r.groups.map((g) => g.n)).toEqual(countBands(known, r.bands!.edges).map((c) => c.n));

    // The builder's field summaries count a number's values far enough to tell the two apart (13 = more than 12).
    const fields = (await api.segments.fields({ dataset: 'customers' })).fields;
    expect(fields.find((f) => f.name === 'spend')?.distinct).toBe(NUMBER_DISTINCT_CAP);
    expect(fields.find((f) => f.name === 'visits')?.distinct).toBe(5);
    expect(NUMBER_DISTINCT_CAP).toBe(MAX_VALUE_GROUPS + 1);

    const visits = await api.outcomes.response({ dataset: 'customers', outcome: 'responded', positive: 'yes', grouping: { by: 'visits' } });
    expect(visits.bands ?? null).toBeNull();
    expect(visits.groups.map((g) => g.group).sort()).toEqual(['0', '1', '2', '3', '4']);

    await expect(api.outcomes.response({ dataset: 'customers', outcome: 'responded', positive: 'yes', grouping: { by: 'segment_code', bands: 3 } })).rejects.toThrow(/not a number field/);
  });

  it('bands a customer-view field (total spend from the linked orders) by customer', async () => {
    const { api, rows } = await setup();
    const r = await api.outcomes.response({ dataset: 'customers', outcome: 'responded', positive: 'yes', grouping: { by: 'total_spend', bands: 3 } });
    expect(r.bands?.field).toBe('total_spend');
    const known = rows.filter((x) => x.responded !== '').map((x) => ({ v: x.total, yes: x.responded === 'yes' }));
    const expected = countBands(known, r.bands!.edges);
    expect(r.groups.map((g) => [g.n, g.positives])).toEqual(expected.map((c) => [c.n, c.pos]));
    expect(r.groups.reduce((a, g) => a + g.n, 0)).toBe(known.length);
  });

  it('merges bands when many customers share a value', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const lines = ['id,score,responded'];
    // 70% score exactly 0: the 25th and 50th percentiles coincide, so quartiles cannot all be distinct.
    for (let i = 0; i < 200; i++) lines.push(`${i},${i < 140 ? 0 : i / 3},${i % 3 ? 'no' : 'yes'}`);
    fs.writeFileSync(path.join(dir, 's.csv'), `${lines.join('\n')}\n`);
    await runJob(engine, api, 'import', { path: path.join(dir, 's.csv'), name: 's' });
    const r = await api.outcomes.response({ dataset: 's', outcome: 'responded', positive: 'yes', grouping: { by: 'score' } });
    expect(r.bands?.edges).toEqual([0, r.bands!.edges[1]]);
    expect(r.groups[0].n).toBe(140);
    expect(r.bands?.convention).toMatch(/merged/);
  });

  it('segmentdesk response --by FIELD --bands N prints the bands and their convention', () => {
    const dir = tmpDir();
    const lines = ['id,spend,responded'];
    for (let i = 0; i < 120; i++) lines.push(`${i},${(i * 7.3) % 101},${i % 4 ? 'no' : 'yes'}`);
    fs.writeFileSync(path.join(dir, 'c.csv'), `${lines.join('\n')}\n`);
    expect(cli(['import', 'c.csv', '--workspace', 'w.sdw', '--name', 'c', '--json'], dir).code).toBe(0);
    const r = cli(['response', '--workspace', 'w.sdw', '--dataset', 'c', '--outcome', 'responded', '--positive', 'yes', '--by', 'spend', '--bands', '3', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json as { bands: { field: string; edges: number[]; convention: string }; groups: { group: string; n: number }[] };
    expect(out.bands.field).toBe('spend');
    expect(out.bands.edges).toHaveLength(2);
    expect(out.bands.convention).toMatch(/3-quantiles/);
    expect(out.groups.map((g) => g.n)).toEqual([40, 40, 40]);
    const bad = cli(['response', '--workspace', 'w.sdw', '--dataset', 'c', '--outcome', 'responded', '--by', 'spend', '--bands', '1'], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--bands must be a whole number from 2 to 10/);
    const help = cli(['response', '--help'], dir);
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/quartiles unless --bands/);
  });

  it.skipIf(!py || !bank)('bank-full.csv: response by balance in quartiles equals pandas (skipped without python3-pandas or ../shared/data)', async () => {
    const { engine, api } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: bank!, name: 'bank' })).status.error).toBeUndefined();
    const r = await api.outcomes.response({ dataset: 'bank', outcome: 'y', positive: 'yes', grouping: { by: 'balance' } });
    const script = [
      'import sys, json, numpy as np, pandas as pd',
      "d = pd.read_csv(sys.argv[1], sep=';')",
      'e = [float(x) for x in np.quantile(d.balance, [0.25, 0.5, 0.75])]',
      'b = pd.cut(d.balance, [-np.inf, *e, np.inf], right=True)',
      "g = d.groupby(b, observed=True).y.agg(['count', lambda s: int((s == 'yes').sum())])",
      'print(json.dumps({"edges": e, "groups": [[int(n), int(p)] for n, p in g.values]}))',
    ].join('\n');
    const out = spawnSync(py!, ['-c', script, bank!], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const ref = JSON.parse(out.stdout) as { edges: number[]; groups: [number, number][] };
    expect(r.bands?.edges).toEqual(ref.edges);
    expect(r.groups.map((g) => [g.n, g.positives])).toEqual(ref.groups);
    expect(r.groups.map((g) => g.group)).toEqual(['band 1 of 4: up to 72', 'band 2 of 4: over 72 up to 448', 'band 3 of 4: over 448 up to 1,428', 'band 4 of 4: over 1,428']);
    engine.close();
  }, 120_000);

  describe.skipIf(!py)('cut points against numpy.quantile (skipped: needs python3 with numpy)', () => {
    it('equals numpy.quantile of the compared customers', async () => {
      const { api, rows } = await setup();
      for (const bands of [3, 4, 7]) {
        const r = await api.outcomes.response({ dataset: 'customers', outcome: 'responded', positive: 'yes', grouping: { by: 'spend', bands } });
        const sample = rows.filter((x) => x.responded !== '').map((x) => x.spend);
        const qs = Array.from({ length: bands - 1 }, (_, k) => (k + 1) / bands);
        const ref = [...new Set(numpyQuantiles(sample, qs))];
        expect(r.bands!.edges).toHaveLength(ref.length);
        r.bands!.edges.forEach((e, k) => expect(e).toBeCloseTo(ref[k], 9));
      }
    });
  });
});
