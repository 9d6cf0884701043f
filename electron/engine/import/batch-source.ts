import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/result';
import type { EncodedBatch } from './encode';
import { CREDIT_BUNCH, type FromParser, type ToParser } from './parse-protocol';
import { produceBatches, type ProduceEnd, type ProduceSpec } from './produce';

/**
 * The parsing thread's bundle: beside this bundle in dist/, or (tests running the TypeScript
 * sources) the one test/global-setup.ts builds into dist/.
 */
function parserFile(): string {
  const beside = path.join(__dirname, 'import-worker.cjs');
  return fs.existsSync(beside) ? beside : path.resolve(__dirname, '..', '..', '..', 'dist', 'import-worker.cjs');
}

/** Parse on a second thread when there is a second core (SEGMENTDESK_IMPORT_THREADS=1 forces one thread). */
export function parseOnOwnThread(): boolean {
  const env = Number(process.env.SEGMENTDESK_IMPORT_THREADS);
  const wanted = Number.isInteger(env) && env >= 1 ? env > 1 : (os.availableParallelism?.() ?? os.cpus().length) > 1;
  // Sources run without a build (no bundle to start) parse on this thread.
  return wanted && fs.existsSync(parserFile());
}

/**
 * The parsing thread's JavaScript heap limit, in MB (SEGMENTDESK_PARSER_HEAP_MB overrides). Streaming needs
 * far less; the limit is what keeps a 1M-row workbook at ~300 MB peak whatever the machine's load: without
 * it V8 lets the thread's heap grow towards the system's default limit before collecting (927 MB measured).
 */
export function parserHeapMb(): number {
  const env = Number(process.env.SEGMENTDESK_PARSER_HEAP_MB);
  return Number.isInteger(env) && env >= 32 ? env : 192;
}

/**
 * The import's parsing thread, started before the file is even planned (loading it overlaps the
 * planning), then given the plan. `stop` ends it whatever state it is in.
 */
export class ParserThread {
  private readonly heapMb = parserHeapMb();
  private readonly worker = new Worker(parserFile(), { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
  private readonly queue: FromParser[] = [];
  private waiting: ((m: FromParser) => void) | null = null;
  private finished = false;

  constructor() {
    this.worker.on('message', (m: FromParser) => {
      if (m.type !== 'batches') this.finished = true;
      this.deliver(m);
    });
    this.worker.on('error', (err: Error & { code?: string }) =>
      this.deliver({
        type: 'error',
        error:
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? {
                code: 'IO',
                message: `reading this file needed more than the ${this.heapMb} MB of memory the import's reader may use, so the import stopped and nothing was stored. A row far longer than usual (a cell holding a whole document, or a file that is not the table it seems) is the usual cause; check the file, or set SEGMENTDESK_PARSER_HEAP_MB higher.`,
                details: { heapMb: this.heapMb },
              }
            : { code: 'INTERNAL', message: `import parser failed: ${err.message}` },
      }),
    );
    this.worker.on('exit', (code) => {
      if (!this.finished) this.deliver({ type: 'error', error: { code: 'INTERNAL', message: `import parser stopped unexpectedly (exit code ${code})` } });
    });
  }

  private deliver(m: FromParser): void {
    const w = this.waiting;
    this.waiting = null;
    if (w) w(m);
    else this.queue.push(m);
  }

  private next(): Promise<FromParser> {
    return this.queue.length > 0 ? Promise.resolve(this.queue.shift()!) : new Promise<FromParser>((r) => (this.waiting = r));
  }

  async *batches(spec: ProduceSpec): AsyncGenerator<EncodedBatch[], ProduceEnd> {
    this.worker.postMessage({ type: 'start', spec } satisfies ToParser);
    let consumed = 0;
    try {
      for (;;) {
        const m = await this.next();
        if (m.type === 'batches') {
          yield m.batches;
          // Credits go back in bunches: a message per batch cost the writing thread ~0.2 s per million rows.
          if (++consumed === CREDIT_BUNCH) {
            this.worker.postMessage({ type: 'credit', count: consumed } satisfies ToParser);
            consumed = 0;
          }
        } else if (m.type === 'end') return m.end;
        else if (m.error.details?.heapMb !== undefined) throw new AppError(m.error.code, `${spec.plan.file}: ${m.error.message}`, { ...m.error.details, file: spec.plan.file });
        else throw new AppError(m.error.code, m.error.message, m.error.details);
      }
    } finally {
      await this.stop();
    }
  }

  async stop(): Promise<void> {
    this.finished = true;
    await this.worker.terminate();
  }
}

/**
 * The import's converted batches: from the parsing thread while the caller writes the previous ones
 * (two cores: parsing and SQLite inserts overlap; values travel as slices of the text), or produced
 * on this thread. Closing the generator early (cancel, failure) stops the parsing thread.
 */
export function convertedBatches(spec: ProduceSpec, parser: ParserThread | null): AsyncGenerator<EncodedBatch[], ProduceEnd> {
  return parser ? parser.batches({ ...spec, slices: true }) : inline({ ...spec, slices: false });
}

async function* inline(spec: ProduceSpec): AsyncGenerator<EncodedBatch[], ProduceEnd> {
  const gen = produceBatches(spec);
  for (let next = await gen.next(); ; next = await gen.next()) {
    if (next.done) return next.value;
    yield [next.value];
  }
}
