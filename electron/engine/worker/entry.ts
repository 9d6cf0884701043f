import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/result';
import { Engine } from '../engine';
import { setHostPrinter } from '../report/host-printer';
import type { FromWorker, ToWorker, WorkerData } from './protocol';
import { msg as text } from '../../../shared/i18n/current';

// The engine thread: all data work happens here, off the host's main thread.
const port = parentPort;
if (!port) throw new Error('engine worker must run in a worker thread');
const data = workerData as WorkerData;
const send = (m: FromWorker) => port.postMessage(m);
const engine = new Engine({ stateDir: data.stateDir, onEvent: (event) => send({ type: 'event', event }) });

// Print requests waiting for the host's answer, by id.
let printSeq = 0;
const printing = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (e: Error) => void }>();
if (data.hostPrints) {
  setHostPrinter(
    (html) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const id = ++printSeq;
        printing.set(id, { resolve, reject });
        send({ type: 'print', id, html });
      }),
  );
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'shutdown') {
    for (const p of printing.values()) p.reject(new AppError('INTERNAL', text('engine.worker.shuttingDown')));
    printing.clear();
    engine.close();
    port.close();
    return;
  }
  if (msg.type === 'printed') {
    const p = printing.get(msg.id);
    printing.delete(msg.id);
    if (!p) return;
    if ('error' in msg) p.reject(new AppError('IO', text('engine.worker.pdfFailed', { error: msg.error })));
    else p.resolve(msg.pdf);
    return;
  }
  void engine.invoke(msg.req).then((result) => send({ type: 'result', seq: msg.seq, result }));
});
send({ type: 'ready' });
