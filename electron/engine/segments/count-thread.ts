import { Worker } from 'node:worker_threads';
import { secondThread, workerBundle } from '../worker/bundle';
import type { Filter } from './mirror-filter';
import type { Plan } from './plan';

/**
 * Live counts over large tables on two cores: this thread and the second one (count-worker.ts,
 * dist/count-worker.cjs) take chunks of rows in turn from a shared counter until none is left, then this thread
 * waits for the other's sum (Atomics.wait, so a count stays one synchronous call). Taking chunks rather than halves
 * balances the two: measured at 5M rows, the second thread (a small heap of its own) ran the same loops faster than
 * this one. The thread starts at a process's second large count and stays while counts keep coming (a minute
 * without one stops it), sharing the columns (SharedArrayBuffer) rather than copying them per count. If it is not
 * ready yet, fails or is late, this thread counts every row itself: the count is the same either way
 * (count-thread.test.ts).
 * SEGMENTDESK_COUNT_THREADS=1 keeps counts on one thread; SEGMENTDESK_COUNT_SPLIT_ROWS (default 262,144) sets
 * the table size from which counts split.
 */

export interface CountJob {
  job: number;
  plan: Plan;
  rows: number;
  chunk: number;
  block: number;
}

/**
 * Control words shared with the thread: [0] the thread is ready, [1] the last job it finished, [2] the next chunk
 * to take, [3] how many chunks it took in that job; then its sum as a float.
 */
export const READY = 0;
export const DONE = 1;
export const NEXT = 2;
export const TAKEN = 3;
export const SHARED_BYTES = 24;
const RESULT_AT = 16;

/** Rows per chunk taken from the counter: 32 blocks, so a 5M-row count has about 40 to share out. */
const CHUNK_BLOCKS = 32;

/** Counts chunks of `rows` taken from the shared counter until none is left (both threads run this). */
export function takeChunks(control: Int32Array, rows: number, chunk: number, count: (lo: number, hi: number) => number): { n: number; chunks: number } {
  let n = 0;
  let chunks = 0;
  for (;;) {
    const lo = Atomics.add(control, NEXT, 1) * chunk;
    if (lo >= rows) return { n, chunks };
    n += count(lo, Math.min(rows, lo + chunk));
    chunks++;
  }
}

const WAIT_MS = 5_000;

let worker: Worker | null = null;
let control: Int32Array | null = null;
let result: Float64Array | null = null;
let jobs = 0;
let split = 0;
let theirChunks = 0;

/** How many counts were shared with the second thread, and how many chunks it counted (tests check it took part). */
export function countsSplit(): { counts: number; chunks: number } {
  return { counts: split, chunks: theirChunks };
}

/** Starts the thread if need be and resolves once it is ready (false: counts stay on this thread). */
export async function whenCountThreadReady(timeoutMs = 10_000): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (!ready(true)) {
    if (!worker || performance.now() > until) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

function splitRows(): number {
  const n = Number(process.env.SEGMENTDESK_COUNT_SPLIT_ROWS);
  return Number.isInteger(n) && n > 0 ? n : 262_144;
}

let largeCounts = 0;

function ready(start = false): boolean {
  if (!secondThread('count-worker', 'SEGMENTDESK_COUNT_THREADS')) return false;
  // Started at a process's second large count, not its first: a one-shot command (`segmentdesk count`) would
  // only pay for starting a thread it never uses, and for stopping it at exit (0.32 → 0.41 s at 1M rows).
  if (!worker && !start && ++largeCounts < 2) return false;
  if (!worker) {
    const shared = new SharedArrayBuffer(SHARED_BYTES);
    control = new Int32Array(shared, 0, 4);
    result = new Float64Array(shared, RESULT_AT, 1);
    const w = new Worker(workerBundle('count-worker'), { workerData: { shared } });
    w.unref();
    const gone = () => {
      if (worker === w) worker = null;
    };
    w.on('error', gone);
    w.on('exit', gone);
    worker = w;
    // The first count while the thread starts runs here.
    return false;
  }
  return control !== null && Atomics.load(control, READY) === 1;
}

/** Stops the thread (tests; the process does not wait for it otherwise). */
export async function stopCountThread(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}

/**
 * The count of a compiled rule over rows 0..rows-1, the upper half on the second thread when the table is
 * large; `local(lo, hi)` counts a range on this thread.
 */
let idle: ReturnType<typeof setTimeout> | null = null;
/** A thread left without counts for this long is stopped (it would otherwise hold the columns of its last plan). */
const IDLE_MS = 60_000;

export function countSplit(plan: Plan, rows: number, block: number, local: (lo: number, hi: number) => number): number {
  if (rows < splitRows() || !ready() || !worker || !control || !result) return local(0, rows);
  if (idle) clearTimeout(idle);
  idle = setTimeout(() => void stopCountThread(), IDLE_MS);
  idle.unref();
  const job = ++jobs;
  const chunk = CHUNK_BLOCKS * block;
  Atomics.store(control, NEXT, 0);
  try {
    worker.postMessage({ job, plan: shareable(plan), rows, chunk, block } satisfies CountJob);
  } catch {
    return local(0, rows);
  }
  const mine = takeChunks(control, rows, chunk, local).n;
  const deadline = performance.now() + WAIT_MS;
  for (;;) {
    const done = Atomics.load(control, DONE);
    if (done === job) break;
    const left = deadline - performance.now();
    if (left <= 0) {
      // A thread this late is not trusted again: the next count starts a new one. Which chunks it took is not
      // known, so every row is counted here.
      void stopCountThread();
      return local(0, rows);
    }
    Atomics.wait(control, DONE, done, left);
  }
  const theirs = result[0];
  if (!Number.isInteger(theirs)) return local(0, rows);
  split++;
  theirChunks += Atomics.load(control, TAKEN);
  return mine + theirs;
}

type Typed = Uint8Array | Uint16Array | Int32Array | Float64Array;
const copies = new WeakMap<Typed, Typed>();

/** A copy of a column in shared memory, made once per column array (the mirror's arrays do not change). */
function shared<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer || a.length < 4096) return a;
  let c = copies.get(a) as T | undefined;
  if (!c) {
    const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
    c = new Ctor(new SharedArrayBuffer(a.byteLength));
    c.set(a as never);
    copies.set(a, c);
  }
  return c;
}

function shareFilter(f: Filter): Filter {
  switch (f.kind) {
    case 'lut':
    case 'span':
      return { ...f, codes: shared(f.codes) };
    case 'lut8':
      return { ...f, values: shared(f.values) };
    case 'lut16':
      return { ...f, values: shared(f.values) };
    case 'binned':
      return { ...f, bins: shared(f.bins), values: shared(f.values) };
    case 'range':
      return { ...f, values: shared(f.values) };
  }
}

/** The plan with every column in shared memory, so posting it copies only the small lookup tables. */
function shareable(p: Plan): Plan {
  switch (p.kind) {
    case 'leaf':
      return { kind: 'leaf', f: shareFilter(p.f) };
    case 'and':
      return { kind: 'and', filters: p.filters.map(shareFilter), groups: p.groups.map(shareable), fuse: p.fuse };
    case 'or':
      return { kind: 'or', kids: p.kids.map(shareable) };
    case 'not':
      return { kind: 'not', kid: shareable(p.kid) };
    default:
      return p;
  }
}
