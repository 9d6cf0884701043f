import fs from 'node:fs';
import path from 'node:path';
import { CLUSTER_SCALES, CLUSTER_TRANSFORMS, type ClusterParams } from '../../../shared/contract/ns/clusters';
import { list, required, str, UsageError, type CliCommand } from '../command';
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

function oneOf<T extends string>(v: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${flag} ${v}: expected one of ${allowed.join(', ')}`);
  return v as T;
}

/** RFC 4180 quoting for the --out file. */
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const clusterCommand: CliCommand = {
  path: ['cluster'],
  summary: 'Cluster a dataset on the given features (k fixed or chosen by a k sweep); saves the run as view cluster_<run>',
  usage:
    'segmentdesk cluster --workspace WS --dataset NAME --features a,b,c [--k N|auto] [--k-range 2-10] [--seed S] [--scale standard|robust|none] [--transform auto|none] [--restarts N|auto] [--from-run RUN] [--out FILE.csv] [--json]',
  options: {
    dataset: { type: 'string' },
    features: { type: 'string', multiple: true },
    k: { type: 'string' },
    'k-range': { type: 'string' },
    seed: { type: 'string' },
    scale: { type: 'string' },
    transform: { type: 'string' },
    restarts: { type: 'string' },
    'from-run': { type: 'string' },
    out: { type: 'string' },
  },
  workspace: 'open',
  run: async (v, _p, io) => {
    const dataset = required(v, 'dataset');
    const features = list(v, 'features');
    if (!features?.length) throw new UsageError('--features a,b,c is required');
    const kArg = str(v, 'k') ?? 'auto';
    const k = kArg === 'auto' ? 'auto' : intOption(kArg, 'k', 2, 50);
    const out = str(v, 'out');
    const outPath = out ? path.resolve(io.cwd, out) : undefined;
    if (outPath && !fs.existsSync(path.dirname(outPath))) throw new UsageError(`--out ${out}: folder ${path.dirname(outPath)} does not exist`);
    const params: ClusterParams = {
      dataset,
      features,
      k,
      kRange: kRange(str(v, 'k-range')),
      seed: intOption(str(v, 'seed'), 'seed', 0, 2 ** 31 - 1),
      scale: oneOf(str(v, 'scale'), 'scale', CLUSTER_SCALES),
      transform: oneOf(str(v, 'transform'), 'transform', CLUSTER_TRANSFORMS),
      restarts: str(v, 'restarts') === 'auto' ? 'auto' : intOption(str(v, 'restarts'), 'restarts', 1, 50),
      fromRun: intOption(str(v, 'from-run'), 'from-run', 1, 2 ** 31 - 1),
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
  text: (r) => {
    const clusters = r.clusters as { cluster: number; name: string; size: number; top: { text: string }[] }[];
    return [
      `run ${String(r.run)}: k = ${String(r.k)}, silhouette ${String(r.silhouette)}, inertia ${Number(r.inertia).toFixed(2)}, fit ${String(r.fitMs)} ms`,
      ...(r.reason ? [`  why this k: ${String(r.reason)}`] : []),
      ...clusters.map((c) => `  ${c.cluster}. ${c.name} (${c.size}): ${c.top.map((t) => t.text).join('; ')}`),
    ].join('\n');
  },
};

/** `id,cluster` for every row, paged through the contract; written to a temp file and renamed so a failure leaves no half file. */
async function writeMembers(io: Parameters<CliCommand['run']>[2], run: number, file: string): Promise<void> {
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
