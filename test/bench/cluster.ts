// Clustering benchmark: `npm run bench -- cluster [rows]`.
// Fits k = 5 and k = 8 on a generated 1,000,000 × 6 matrix with our k-means at its default (automatic) restarts
// and with scikit-learn's KMeans(n_init=1, init='k-means++') on the same matrix (written to a binary file both read), in
// the same run; then times a full k sweep 2–10 with silhouette. ml-kmeans is timed too, for the
// record of why the hand-written loop is kept. Last stdout line: one JSON object.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { fitKMeans } from '../../electron/engine/cluster/kmeans';
import { matrix, type Matrix } from '../../electron/engine/cluster/matrix';
import { sharedFloat64 } from '../../electron/engine/cluster/parallel';
import { Rng } from '../../electron/engine/cluster/rng';
import { sweepK } from '../../electron/engine/cluster/sweep';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const D = 6;
const KS = [5, 8];
const REPS = 2;

/** Seven Gaussian groups of different sizes and spreads: realistic enough that k = 5 and k = 8 must settle between groups. */
function generate(n: number): Matrix {
  const rng = new Rng(20240601);
  const centers = Array.from({ length: 7 }, () => Array.from({ length: D }, () => rng.normal() * 3));
  const weights = [0.3, 0.2, 0.15, 0.12, 0.1, 0.08, 0.05];
  const spread = [1, 0.7, 1.3, 0.9, 1.1, 0.6, 1.5];
  // Shared memory, as prepared features are: the kernels then run on every core without a copy.
  const data = sharedFloat64(n * D);
  for (let i = 0; i < n; i++) {
    let u = rng.next();
    let g = 0;
    while (g < 6 && u > weights[g]) u -= weights[g++];
    for (let t = 0; t < D; t++) data[i * D + t] = centers[g][t] + rng.normal() * spread[g] * (1 + 0.2 * t);
  }
  return matrix(n, D, data);
}

const SKLEARN = `
import json, sys, time
import numpy as np
from sklearn.cluster import KMeans
X = np.fromfile(sys.argv[1], dtype='<f8').reshape(-1, ${D})
out = []
for k in [int(a) for a in sys.argv[2].split(',')]:
    best = None
    for rep in range(${REPS}):
        t = time.perf_counter()
        m = KMeans(n_clusters=k, n_init=1, init='k-means++', random_state=rep).fit(X)
        ms = (time.perf_counter() - t) * 1000
        if best is None or ms < best['fitMs']:
            best = {'fitMs': ms, 'inertia': float(m.inertia_), 'iterations': int(m.n_iter_)}
    out.append({'k': k, **best})
print(json.dumps(out))
`;

function sklearn(file: string): { k: number; fitMs: number; inertia: number; iterations: number }[] {
  const r = spawnSync('/usr/bin/python3', ['-c', SKLEARN, file, KS.join(',')], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`scikit-learn run failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string);
}

async function ours(x: Matrix, k: number): Promise<{ fitMs: number; inertia: number; iterations: number }> {
  let best: { fitMs: number; inertia: number; iterations: number } | null = null;
  for (let rep = 0; rep < REPS; rep++) {
    const t = performance.now();
    const r = await fitKMeans(x, k, { seed: rep + 1 });
    const fitMs = performance.now() - t;
    if (!best || fitMs < best.fitMs) best = { fitMs, inertia: r.inertia, iterations: r.iterations };
  }
  return best as { fitMs: number; inertia: number; iterations: number };
}

function mlKmeansMs(x: Matrix, k: number): { fitMs: number; inertia: number } {
  const rows: number[][] = [];
  for (let i = 0; i < x.n; i++) rows.push(Array.from(x.data.subarray(i * D, i * D + D)));
  const t = performance.now();
  const r = mlKmeans(rows, k, { initialization: 'kmeans++', seed: 1, maxIterations: 300 });
  const fitMs = performance.now() - t;
  let inertia = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = r.centroids[r.clusters[i]];
    for (let t2 = 0; t2 < D; t2++) inertia += (rows[i][t2] - c[t2]) ** 2;
  }
  return { fitMs, inertia };
}

const x = generate(ROWS);
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-')), 'matrix.f64');
fs.writeFileSync(file, new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength));
try {
  const mine: Record<number, { fitMs: number; inertia: number; iterations: number }> = {};
  for (const k of KS) {
    mine[k] = await ours(x, k);
    console.error(`segmentdesk k=${k}: ${mine[k].fitMs.toFixed(0)} ms, inertia ${mine[k].inertia.toFixed(1)}, ${mine[k].iterations} iterations`);
  }
  const sk = sklearn(file);
  for (const s of sk) console.error(`scikit-learn k=${s.k}: ${s.fitMs.toFixed(0)} ms, inertia ${s.inertia.toFixed(1)}, ${s.iterations} iterations`);
  const ml = mlKmeansMs(x, 5);
  console.error(`ml-kmeans k=5: ${ml.fitMs.toFixed(0)} ms, inertia ${ml.inertia.toFixed(1)} (ours ${mine[5].fitMs.toFixed(0)} ms)`);
  const t = performance.now();
  const sweep = await sweepK({ num: x, cat: null, dc: 0, gamma: 0 }, 2, 10, { seed: 1, restarts: 'auto', cardinalities: [] });
  const sweepMs = performance.now() - t;
  console.error(`k sweep 2–10 (${sweep.method}, silhouette on ${sweep.silhouetteRows} rows): ${sweepMs.toFixed(0)} ms, recommended k = ${sweep.recommended}`);
  const runs = sk.map((s) => ({
    k: s.k,
    segmentdesk: { fitMs: Math.round(mine[s.k].fitMs), inertia: mine[s.k].inertia },
    sklearn: { fitMs: Math.round(s.fitMs), inertia: s.inertia },
    ratio: Math.round((mine[s.k].fitMs / s.fitMs) * 100) / 100,
  }));
  console.log(JSON.stringify({ mlKmeans: { k: 5, fitMs: Math.round(ml.fitMs), inertia: ml.inertia } }));
  console.log(JSON.stringify({ rows: ROWS, runs, sweepMs: Math.round(sweepMs) }));
} finally {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
