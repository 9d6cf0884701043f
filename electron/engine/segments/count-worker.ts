/**
 * Entry of the live counts' second thread (bundled as dist/count-worker.cjs; segments/count-thread.ts starts it):
 * counts a compiled rule over the chunks of rows it takes from the shared counter and hands the sum back through
 * shared memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { countPlan } from './plan';
import { DONE, READY, SHARED_BYTES, TAKEN, takeChunks, type CountJob } from './count-thread';

const port = parentPort;
if (!port) throw new Error('count-worker runs as a worker thread');
const { shared } = workerData as { shared: SharedArrayBuffer };
const control = new Int32Array(shared, 0, 4);
const result = new Float64Array(shared, SHARED_BYTES - 8, 1);
port.on('message', (m: CountJob) => {
  try {
    const mine = takeChunks(control, m.rows, m.chunk, (lo, hi) => countPlan(m.plan, lo, hi, m.block));
    result[0] = mine.n;
    Atomics.store(control, TAKEN, mine.chunks);
  } catch {
    // NaN: the counting thread counts every row itself.
    result[0] = NaN;
  }
  Atomics.store(control, DONE, m.job);
  Atomics.notify(control, DONE);
});
Atomics.store(control, READY, 1);
