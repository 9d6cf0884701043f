import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ColumnInfo } from '../../../shared/types/columns';
import type { Tally } from './tally';

/** A free-text PII column to tally on the second thread (tally-worker.ts). */
export interface TallyTask {
  file: string;
  table: string;
  column: ColumnInfo;
  rowids: Float64Array;
}

export type TallyReply = { ok: true; tally: Tally } | { ok: false; message: string };

/** The bundle beside this one in dist/, or (tests running the sources) the one test/global-setup.ts builds. */
function workerFile(): string {
  const beside = path.join(__dirname, 'tally-worker.cjs');
  return fs.existsSync(beside) ? beside : path.resolve(__dirname, '..', '..', '..', 'dist', 'tally-worker.cjs');
}

/** Whether a second thread can take the tallies: a second core, the bundle, a workspace on disk (SEGMENTDESK_PROFILE_THREADS=1: never). */
export function tallyOnOwnThread(file: string): boolean {
  const env = Number(process.env.SEGMENTDESK_PROFILE_THREADS);
  const cores = Number.isInteger(env) && env >= 1 ? env : (os.availableParallelism?.() ?? os.cpus().length);
  return cores > 1 && fs.existsSync(workerFile()) && file !== ':memory:' && fs.existsSync(file);
}

/**
 * Tallies the tasks one after another on a thread of their own, all posted at once so the thread works while
 * this one goes on with the profile's other columns. Each result is the tally the same call gives here: where
 * the thread fails (it could not start, or could not open the file), `inline` tallies that column here instead.
 */
export async function tallyOnThread(tasks: readonly TallyTask[], inline: (task: TallyTask) => Tally): Promise<Tally[]> {
  if (!tasks.length) return [];
  const worker = new Worker(workerFile());
  const replies: (TallyReply | null)[] = [];
  const done = new Promise<void>((resolve) => {
    const finish = (reply: TallyReply | null) => {
      replies.push(reply);
      if (replies.length === tasks.length) resolve();
    };
    worker.on('message', (m: TallyReply) => finish(m));
    // The thread is gone: the tasks it did not answer are tallied here.
    const fail = () => {
      while (replies.length < tasks.length) finish(null);
    };
    worker.on('error', fail);
    worker.on('exit', fail);
  });
  for (const task of tasks) worker.postMessage(task);
  try {
    await done;
  } finally {
    await worker.terminate();
  }
  return tasks.map((task, i) => {
    const r = replies[i];
    return r && r.ok ? r.tally : inline(task);
  });
}
