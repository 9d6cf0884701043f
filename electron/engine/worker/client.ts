import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { InvokeRequest } from '../../../shared/contract/api';
import type { EngineEvent } from '../../../shared/contract/events';
import type { Result } from '../../../shared/contract/result';
import type { FromWorker, ToWorker, WorkerData } from './protocol';

/**
 * Host-side handle on the engine worker: numbers requests, matches results, fans out events.
 * Used by the Electron main process, the web host and the CLI alike.
 */
export class EngineClient {
  private seq = 0;
  private pending = new Map<number, (r: Result<unknown>) => void>();
  private listeners = new Set<(e: EngineEvent) => void>();
  private readonly worker: Worker;
  readonly ready: Promise<void>;

  /**
   * `printPdf`: the host's HTML → PDF printer (the Electron app's printToPDF). When given, the
   * engine asks for it over the protocol instead of launching headless Chromium.
   */
  private readonly printTimeoutMs: number;

  constructor(opts: { workerFile?: string; stateDir?: string | null; printPdf?: (html: string) => Promise<Uint8Array>; printTimeoutMs?: number } = {}) {
    this.printTimeoutMs = opts.printTimeoutMs ?? 120_000;
    const file = opts.workerFile ?? defaultWorkerFile();
    const printPdf = opts.printPdf;
    this.worker = new Worker(file, { workerData: { stateDir: opts.stateDir ?? null, hostPrints: Boolean(printPdf) } satisfies WorkerData });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'result') {
          this.pending.get(m.seq)?.(m.result);
          this.pending.delete(m.seq);
        } else if (m.type === 'print') {
          if (printPdf) this.print(printPdf, m.id, m.html);
        } else for (const l of this.listeners) l(m.event);
      });
    });
    this.worker.on('exit', (code) => {
      for (const done of this.pending.values()) done({ ok: false, error: { code: 'INTERNAL', message: `engine stopped (exit code ${code})` } });
      this.pending.clear();
    });
  }

  invoke(req: InvokeRequest): Promise<Result<unknown>> {
    const seq = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(seq, resolve);
      this.worker.postMessage({ type: 'invoke', seq, req } satisfies ToWorker);
    });
  }

  /**
   * Runs the host printer for one worker request; always answers, so the engine's save never hangs:
   * a printer that has not answered within `printTimeoutMs` (a stuck hidden window) is reported as failed.
   */
  private print(printPdf: (html: string) => Promise<Uint8Array>, id: number, html: string): void {
    let answered = false;
    const reply = (m: ToWorker) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      this.worker.postMessage(m);
    };
    const timer = setTimeout(() => reply({ type: 'printed', id, error: `the PDF printer did not answer within ${Math.round(this.printTimeoutMs / 1000)} s` }), this.printTimeoutMs);
    printPdf(html).then(
      (pdf) => reply({ type: 'printed', id, pdf }),
      (e: unknown) => reply({ type: 'printed', id, error: e instanceof Error ? e.message : String(e) }),
    );
  }

  onEvent(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: 'shutdown' } satisfies ToWorker);
    await new Promise<void>((r) => {
      const t = setTimeout(() => void this.worker.terminate().then(() => r()), 2000);
      this.worker.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
  }
}

/** Node-side code is bundled to CommonJS in dist/; the worker sits next to the host bundle. */
function defaultWorkerFile(): string {
  return path.join(__dirname, 'engine-worker.cjs');
}
