// The matrices (from ../shared/data = `dataDir`) the k-means quality test compares with scikit-learn, built the same way by the test and by
// test/fixtures/cluster/make-sklearn-reference.ts (which stores scikit-learn's inertias for them).
import fs from 'node:fs';
import path from 'node:path';
import { createApi } from '../../../shared/contract/client';
import type { EngineEvent } from '../../../shared/contract/events';
import { Engine } from '../../../electron/engine/engine';
import { featureColumns } from '../../../electron/engine/cluster/columns';
import { matrix, type Matrix } from '../../../electron/engine/cluster/matrix';
import { prepareFeatures } from '../../../electron/engine/cluster/prepare';
import { Rng } from '../../../electron/engine/cluster/rng';
import { getDataset } from '../../../electron/engine/workspace/catalog';
import { getMirror } from '../../../electron/engine/mirror';

/** Column-wise (x − mean) / sd with the population sd, as scikit-learn's StandardScaler. */
function standardise(n: number, d: number, data: Float64Array): Matrix {
  for (let t = 0; t < d; t++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + t];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (data[i * d + t] - mean) ** 2;
    const sd = Math.sqrt(v / n) || 1;
    for (let i = 0; i < n; i++) data[i * d + t] = (data[i * d + t] - mean) / sd;
  }
  return matrix(n, d, data);
}

/** Mall_Customers.csv: Annual Income (k$) and Spending Score (1-100), standardised (200 × 2). */
export function mallMatrix(dataDir: string): Matrix {
  const lines = fs.readFileSync(path.join(dataDir, 'Mall_Customers.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const data = new Float64Array(lines.length * 2);
  lines.forEach((l, i) => {
    const c = l.split(',');
    data[i * 2] = Number(c[3]);
    data[i * 2 + 1] = Number(c[4]);
  });
  return standardise(lines.length, 2, data);
}

/**
 * A stand-in for UCI Wholesale customers (not in ../shared/data): 440 clients × 6 annual spends (fresh, milk,
 * grocery, frozen, detergents/paper, delicatessen), two channels (298 hotel/restaurant/café, 142 retail) with
 * log-normal, right-skewed spends and the milk–grocery–detergents correlation of the original; generated
 * deterministically, then log-transformed and standardised as one would prepare the real file.
 */
export function wholesaleLikeMatrix(): Matrix {
  const rng = new Rng(440_6);
  const n = 440;
  const d = 6;
  // Log-spend means per channel (roughly the medians of the real file) and the spread of each product.
  const mu = [
    [9.1, 7.6, 7.9, 7.6, 5.9, 6.7],
    [8.3, 8.9, 9.5, 6.9, 8.4, 7.1],
  ];
  const sd = [1.3, 1.0, 0.9, 1.2, 1.4, 1.3];
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const ch = i < 298 ? 0 : 1;
    const basket = rng.normal(); // shared "size of the business" factor for milk, grocery, detergents
    for (let t = 0; t < d; t++) {
      const load = t === 1 || t === 2 || t === 4 ? 0.7 : 0.2;
      const z = load * basket + Math.sqrt(1 - load * load) * rng.normal();
      data[i * d + t] = Math.log(Math.max(3, Math.round(Math.exp(mu[ch][t] + sd[t] * z))));
    }
  }
  return standardise(n, d, data);
}

/**
 * synthetic_customers.csv imported by the engine, its pre-ticked numeric/date features (clusters.features),
 * read from the mirror and prepared by prepareFeatures with the run defaults (log1p where skewed, standard scale).
 */
export async function syntheticMatrix(dataDir: string, stateDir: string): Promise<{ x: Matrix; features: string[] }> {
  const engine = new Engine({ stateDir, onEvent: () => undefined });
  const api = createApi((req) => engine.invoke(req));
  await api.workspace.create({ path: path.join(stateDir, 'ref.sdw') });
  const { jobId } = await api.jobs.start({ kind: 'import', params: { path: path.join(dataDir, 'synthetic_customers.csv'), name: 'customers' } });
  await new Promise<void>((resolve, reject) => {
    const off = engine.onEvent((e: EngineEvent) => {
      if (e.type === 'job' && e.job.jobId === jobId && e.job.state !== 'running') {
        off();
        if (e.job.state === 'done') resolve();
        else reject(new Error(`import failed: ${JSON.stringify(e.job.error)}`));
      }
    });
  });
  await api.workspace.setAsOf({ asOf: '2026-11-01' });
  const choices = await api.clusters.features({ dataset: 'customers' });
  const features = choices.filter((c) => c.suggested && ['number', 'integer', 'date', 'datetime', 'boolean'].includes(c.type)).map((c) => c.name);
  const ws = engine.ctx.ws();
  const cols = featureColumns(getMirror(ws, 'customers'), getDataset(ws.db, 'customers').columns, features, '2026-11-01');
  const prepared = prepareFeatures(cols, { scale: 'standard', transform: 'auto', includeSensitive: true });
  await api.workspace.close({});
  return { x: prepared.space.num, features };
}

/** n, d, sum and sum of squares: proves the stored references were computed on the very same matrix. */
export function fingerprint(x: Matrix): { n: number; d: number; sum: number; sumSq: number } {
  let sum = 0;
  let sumSq = 0;
  for (const v of x.data) {
    sum += v;
    sumSq += v * v;
  }
  return { n: x.n, d: x.d, sum, sumSq };
}

/**
 * 100,000 rows × 6: seven Gaussian groups of different sizes and spreads (as the cluster benchmark generates),
 * large enough that the restarts compete on a subsample (kmeans.ts RESTART_SAMPLE_MIN_ROWS).
 */
export function largeBlobsMatrix(): Matrix {
  const n = 100_000;
  const d = 6;
  const rng = new Rng(100_000_6);
  const centers = Array.from({ length: 7 }, () => Array.from({ length: d }, () => rng.normal() * 3));
  const weights = [0.3, 0.2, 0.15, 0.12, 0.1, 0.08, 0.05];
  const spread = [1, 0.7, 1.3, 0.9, 1.1, 0.6, 1.5];
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let u = rng.next();
    let g = 0;
    while (g < 6 && u > weights[g]) u -= weights[g++];
    for (let t = 0; t < d; t++) data[i * d + t] = centers[g][t] + rng.normal() * spread[g] * (1 + 0.2 * t);
  }
  return matrix(n, d, data);
}
