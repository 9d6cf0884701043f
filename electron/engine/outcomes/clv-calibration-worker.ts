/**
 * Entry of lifetime value's second thread (bundled as dist/clv-worker.cjs; outcomes/clv-calibration-thread.ts
 * starts it): the calibration check, while the fit's thread predicts every customer.
 */
import { parentPort } from 'node:worker_threads';
import { calibrate, type CalibrationReply, type CalibrationTask } from './clv-calibration-thread';

const port = parentPort;
if (!port) throw new Error('clv-worker runs as a worker thread');
port.on('message', (task: CalibrationTask) => {
  let reply: CalibrationReply;
  try {
    reply = { ok: true, outcome: calibrate(task) };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
