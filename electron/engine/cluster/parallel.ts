import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { kApplyCenter, kAssign, kFinish, kSilhouette, kTrialPots } from './kernels';

/**
 * Runs the kernels of kernels.ts over row ranges on this thread and on a small pool of worker
 * threads at once (both cores here). Inputs and outputs that workers write must live in
 * SharedArrayBuffers; small arguments are copied. The workers run the kernels' own source text,
 * so there is one implementation. Below `MIN_WORK` the thread hand-off costs more than it saves.
 */
const KERNELS = { kTrialPots, kApplyCenter, kAssign, kFinish, kSilhouette } as const;
type Kernels = typeof KERNELS;
type Op = keyof Kernels;

/** Work (≈ multiply-adds) below which a call runs on the calling thread only. */
export const MIN_WORK = 4_000_000;

const SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
var __name = (f) => f;
// Keyed by name, as expressions: a bundler may have renamed the declarations themselves.
const K = {
${Object.entries(KERNELS)
  .map(([name, f]) => `  ${name}: (${f.toString()}),`)
  .join('\n')}
};
parentPort.on('message', (m) => {
  try {
    parentPort.postMessage({ id: m.id, ok: true, r: K[m.op](...m.args) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, ok: false, e: String((e && e.stack) || e) });
  }
});
`;

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

class Pool {
  private seq = 0;
  private pending = new Map<number, Pending>();
  private busy = 0;
  constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (m: { id: number; ok: boolean; r?: unknown; e?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (--this.busy === 0) for (const x of this.workers) x.unref();
        if (m.ok) p.resolve(m.r);
        else p.reject(new Error(`clustering worker failed: ${m.e}`));
      });
      w.on('error', (e) => {
        broken = true;
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      w.unref();
    }
  }
  get size(): number {
    return this.workers.length;
  }
  call(i: number, op: Op, args: unknown[]): Promise<unknown> {
    const id = ++this.seq;
    // Keep the process alive only while a worker has something to do.
    if (this.busy++ === 0) for (const x of this.workers) x.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.workers[i].postMessage({ id, op, args });
    });
  }
}

let pool: Pool | null = null;
let broken = false;

/** Worker threads to use: SEGMENTDESK_CLUSTER_THREADS − 1, or cores − 1 (at most 3). */
function workerCount(): number {
  const env = Number(process.env.SEGMENTDESK_CLUSTER_THREADS);
  const threads = Number.isInteger(env) && env >= 1 ? env : Math.min(4, os.availableParallelism?.() ?? os.cpus().length);
  return Math.max(0, threads - 1);
}

function getPool(): Pool | null {
  if (broken) return null;
  if (!pool) {
    const count = workerCount();
    if (count === 0) return null;
    try {
      pool = new Pool(Array.from({ length: count }, () => new Worker(SOURCE, { eval: true })));
    } catch {
      broken = true;
      return null;
    }
  }
  return pool;
}

export function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
}

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * 4));
}

/** The array itself when shared, else a shared copy (so workers can read it without a copy per call). */
export function asShared(a: Float64Array): Float64Array {
  if (isShared(a)) return a;
  const s = sharedFloat64(a.length);
  s.set(a);
  return s;
}

/**
 * Runs `op` over [0, n) split into one range per thread and returns the per-range results in order.
 * `args(lo, hi)` builds the kernel's arguments for a range. Arrays a kernel writes must be shared
 * whenever `work` ≥ MIN_WORK (callers allocate them with sharedFloat64 / sharedInt32).
 */
export async function splitRows<O extends Op>(op: O, n: number, work: number, args: (lo: number, hi: number) => Parameters<Kernels[O]>): Promise<ReturnType<Kernels[O]>[]> {
  const fn = KERNELS[op] as (...a: unknown[]) => ReturnType<Kernels[O]>;
  const p = work >= MIN_WORK ? getPool() : null;
  if (!p) return [fn(...args(0, n))];
  const parts = p.size + 1;
  const bounds = Array.from({ length: parts + 1 }, (_, i) => Math.round((i * n) / parts));
  const remote = Array.from({ length: p.size }, (_, w) => p.call(w, op, args(bounds[w + 1], bounds[w + 2])) as Promise<ReturnType<Kernels[O]>>);
  const local = fn(...args(bounds[0], bounds[1]));
  return [local, ...(await Promise.all(remote))];
}
