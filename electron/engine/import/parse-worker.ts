/**
 * Entry of the import's parsing thread (bundled as dist/import-worker.cjs): waits for the plan,
 * runs produceBatches on it and posts the encoded batches, GROUP to a message (a message costs the
 * writer a few tens of µs: thousands of them were ~0.2 s at 1M rows), at most CREDITS messages ahead.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/result';
import type { EncodedBatch } from './encode';
import { CREDITS, GROUP, type FromParser, type ToParser } from './parse-protocol';
import { produceBatches, type ProduceSpec } from './produce';

const port = parentPort!;
let credits = CREDITS;
let wake: (() => void) | null = null;
port.on('message', (m: ToParser) => {
  if (m.type === 'start') start(m.spec);
  else if (m.type === 'credit') {
    credits += m.count;
    wake?.();
    wake = null;
  }
});
const post = (m: FromParser, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function run(spec: ProduceSpec): Promise<void> {
  const gen = produceBatches(spec);
  let group: EncodedBatch[] = [];
  let sent = false;
  let creditWait = 0;
  const t0 = performance.now();
  const flush = async () => {
    const w0 = performance.now();
    while (credits === 0) await new Promise<void>((r) => (wake = r));
    creditWait += performance.now() - w0;
    credits--;
    post(
      { type: 'batches', batches: group },
      group.flatMap((b) => [b.starts.buffer as ArrayBuffer, b.ends.buffer as ArrayBuffer, b.numbers.buffer as ArrayBuffer, ...(b.blocks ?? []).flatMap((x) => (x.data ? [x.data] : []))]),
    );
    group = [];
    sent = true;
  };
  for (;;) {
    const next = await gen.next();
    if (next.done) {
      if (group.length > 0) await flush();
      if (process.env.SEGMENTDESK_TRACE_IMPORT) process.stderr.write(`[import parser] ${Math.round(performance.now() - t0)} ms, ${Math.round(creditWait)} ms of it waiting for the writer\n`);
      post({ type: 'end', end: next.value });
      return;
    }
    group.push(next.value);
    // The first batch goes alone: the writer is waiting for it.
    if (group.length === GROUP || !sent) await flush();
  }
}

function start(spec: ProduceSpec): void {
  run(spec).then(
    () => port.close(),
    (err: unknown) => {
      post({ type: 'error', error: err instanceof AppError ? err.toData() : { code: 'INTERNAL', message: `import parser failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` } });
      port.close();
    },
  );
}
