import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from '../engine';
import type { FromWorker, ToWorker, WorkerData } from './protocol';

// The engine thread: all data work happens here, off the host's main thread.
const port = parentPort;
if (!port) throw new Error('engine worker must run in a worker thread');
const data = workerData as WorkerData;
const send = (m: FromWorker) => port.postMessage(m);
const engine = new Engine({ stateDir: data.stateDir, onEvent: (event) => send({ type: 'event', event }) });

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'shutdown') {
    engine.close();
    port.close();
    return;
  }
  void engine.invoke(msg.req).then((result) => send({ type: 'result', seq: msg.seq, result }));
});
send({ type: 'ready' });
