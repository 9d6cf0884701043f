import { Worker } from 'node:worker_threads';
import { secondThread, workerBundle } from '../worker/bundle';
import type { CustomerDays } from './clv-summary';
import { calibrationSteps, type CalibrationOutcome, type ClvOptions } from './clv-model';

/** What the calibration reads: the customers' purchase days (not their names), the options and the first purchase day. */
export interface CalibrationTask {
  customers: number;
  start: Int32Array;
  day: Int32Array;
  value: Float64Array;
  o: ClvOptions;
  firstDay: number;
}

export type CalibrationReply = { ok: true; outcome: CalibrationOutcome } | { ok: false; message: string };

/** The calibration as a function of the task alone (the second thread runs this; so does this one when it cannot). */
export function calibrate(t: CalibrationTask): CalibrationOutcome {
  const days: CustomerDays = {
    // Only how many there are is read: summarize() numbers the customers, it does not name them here.
    names: new Array<string>(t.customers),
    start: t.start,
    day: t.day,
    value: t.value,
    hasAmount: true,
    skipped: { missingCustomer: 0, missingDate: 0, excluded: 0, netted: 0, unmatched: 0 },
  };
  const steps = calibrationSteps(days, t.o, t.firstDay);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}


/** A second core and the bundle (SEGMENTDESK_CLV_THREADS=1: calibrate on the fit's own thread, after the predictions). */
export function calibrateOnOwnThread(): boolean {
  return secondThread('clv-worker', 'SEGMENTDESK_CLV_THREADS');
}

/**
 * The calibration check (a second BG/NBD fit on the data up to a cut-off, 1.3 s of a 1M-customer run) on a thread
 * of its own while the fit's thread predicts every customer. The same function of the same data, so the same
 * numbers as on one thread (test/engine/outcomes/clv-calibration-thread.test.ts); where the thread fails, it runs here.
 * `stop` ends the thread (a cancelled job).
 */
export function calibrateOnThread(task: CalibrationTask): { outcome: Promise<CalibrationOutcome>; stop(): void } {
  const worker = new Worker(workerBundle('clv-worker'));
  const outcome = new Promise<CalibrationOutcome>((resolve, reject) => {
    let settled = false;
    const finish = (r: CalibrationReply | null) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      try {
        // A failure there is tried here: an error of the fit itself is then thrown here, as on one thread.
        resolve(r && r.ok ? r.outcome : calibrate(task));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    worker.once('message', (m: CalibrationReply) => finish(m));
    worker.once('error', () => finish(null));
    worker.once('exit', () => finish(null));
  });
  worker.postMessage(task);
  return { outcome, stop: () => void worker.terminate() };
}
