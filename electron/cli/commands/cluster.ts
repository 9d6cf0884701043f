import fs from 'node:fs';
import path from 'node:path';
import { CLUSTER_SCALES, CLUSTER_TRANSFORMS, type ClusterParams } from '../../../shared/contract/ns/clusters';
import { defineCommand, UsageError, type CliIO } from '../command';
import { runJob } from '../jobs';

function intOption(v: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} ${v}: expected a whole number from ${min} to ${max}`);
  return n;
}

function kRange(v: string | undefined): [number, number] | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)\s*-\s*(\d+)$/.exec(v);
  if (!m) throw new UsageError(`--k-range ${v}: expected LOW-HIGH, e.g. 2-10`);
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  if (lo < 2 || hi > 50 || lo > hi) throw new UsageError(`--k-range ${v}: expected 2 ≤ LOW ≤ HIGH ≤ 50`);
  return [lo, hi];
}

/** RFC 4180 quoting for the --out file. */
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const clusterCommand = defineCommand({
  path: ['cluster'],
  summary: 'Cluster a dataset on the given features (k fixed or chosen by a k sweep); saves the run as view cluster_<run>',
  options: {
    dataset: { type: 'string', value: 'NAME', required: true, description: 'the dataset to cluster' },
    features: { type: 'string', value: 'a,b,c', list: true, repeatable: true, required: true, description: 'the columns to cluster on' },
    k: { type: 'string', value: 'N|auto', default: 'auto', description: 'the number of clusters (2 to 50), or auto to choose it by a k sweep' },
    'k-range': { type: 'string', value: '2-10', description: 'the k values the sweep tries' },
    seed: { type: 'string', value: 'S', description: 'the random seed (same seed, same clusters)' },
    scale: { type: 'string', choices: CLUSTER_SCALES, description: 'how features are scaled' },
    transform: { type: 'string', choices: CLUSTER_TRANSFORMS, description: 'log-transform skewed features (auto) or not' },
    restarts: { type: 'string', value: 'N|auto', default: 'auto', description: 'k-means restarts (1 to 50), or auto: at least 10, more on small data, on a subsample above 50,000 rows' },
    'from-run': { type: 'string', value: 'RUN', description: "pick k from that run's kept k-sweep fits (with --k N)" },
    out: { type: 'string', value: 'FILE.csv', description: 'also write id,cluster for every row to this CSV file' },
  },
  conventions: ['clusterPrep', 'kmeans', 'chooseK', 'customers'],
  workspace: 'open',
  run: async (v, io) => {
    const k = v.k === 'auto' ? 'auto' : intOption(v.k, 'k', 2, 50);
    const outPath = v.out ? path.resolve(io.cwd, v.out) : undefined;
    if (outPath && !fs.existsSync(path.dirname(outPath))) throw new UsageError(`--out ${v.out}: folder ${path.dirname(outPath)} does not exist`);
    const params: ClusterParams = {
      dataset: v.dataset,
      features: v.features,
      k,
      kRange: kRange(v['k-range']),
      seed: intOption(v.seed, 'seed', 0, 2 ** 31 - 1),
      scale: v.scale,
      transform: v.transform,
      restarts: v.restarts === 'auto' ? 'auto' : intOption(v.restarts, 'restarts', 1, 50),
      fromRun: intOption(v['from-run'], 'from-run', 1, 2 ** 31 - 1),
    };
    if (params.fromRun !== undefined && k === 'auto') throw new UsageError('--from-run RUN picks a k from that run\'s sweep: give it with --k N');
    const r = await runJob(io, 'cluster', params);
    if (outPath) await writeMembers(io, r.run, outPath);
    return {
      run: r.run,
      k: r.k,
      features: r.features,
      inertia: r.inertia,
      silhouette: r.silhouette,
      iterations: r.iterations,
      sizes: r.sizes,
      fitMs: r.fitMs,
      ms: r.ms,
      kScores: r.kScores.map((s) => ({ k: s.k, inertia: s.inertia, silhouette: s.silhouette })),
      recommendedK: r.recommendedK,
      reason: r.reason,
      stability: { ari: r.stability ? r.stability.ari : null },
      clusters: r.clusters.map((c) => ({ cluster: c.cluster, name: c.name, size: c.size, top: c.top.map((t) => ({ feature: t.feature, effect: t.effect, text: t.text })) })),
    };
  },
  text: (r) =>
    [
      `run ${r.run}: k = ${r.k}, silhouette ${String(r.silhouette)}, inertia ${r.inertia.toFixed(2)}, fit ${r.fitMs} ms`,
      ...(r.reason ? [`  why this k: ${r.reason}`] : []),
      ...r.clusters.map((c) => `  ${c.cluster}. ${c.name} (${c.size}): ${c.top.map((t) => t.text).join('; ')}`),
    ].join('\n'),
});

/** `id,cluster` for every row, paged through the contract; written to a temp file and renamed so a failure leaves no half file. */
async function writeMembers(io: CliIO, run: number, file: string): Promise<void> {
  const tmp = `${file}.part-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, 'id,cluster\n');
    let offset = 0;
    for (;;) {
      const page = await io.api.clusters.members({ run, offset, limit: 100_000 });
      if (page.ids.length === 0) break;
      fs.writeSync(fd, page.ids.map((id, i) => `${csvCell(id)},${page.clusters[i]}`).join('\n') + '\n');
      offset += page.ids.length;
      if (offset >= page.total) break;
    }
    fs.closeSync(fd);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
