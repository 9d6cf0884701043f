/**
 * Entry of the import's parsing thread (bundled as dist/import-worker.cjs): waits for the plan,
 * runs produceBatches on it and posts the encoded batches, at most CREDITS ahead of the writer.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/result';
import { CREDITS, type FromParser, type ToParser } from './parse-protocol';
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
  for (;;) {
    const next = await gen.next();
    if (next.done) {
      post({ type: 'end', end: next.value });
      return;
    }
    while (credits === 0) await new Promise<void>((r) => (wake = r));
    credits--;
    const b = next.value;
    post({ type: 'batch', batch: b }, [b.starts.buffer as ArrayBuffer, b.ends.buffer as ArrayBuffer, b.numbers.buffer as ArrayBuffer]);
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
