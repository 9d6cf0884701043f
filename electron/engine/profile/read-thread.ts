import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { secondThread, workerBundle } from '../worker/bundle';
import type { ColumnInfo } from '../../../shared/types/columns';
import type { Tally } from './tally';

/** One SQL read that returns a row (the stale-customer count). */
export interface SqlRead {
  sql: string;
  params: (string | number)[];
}

/**
 * A read for the profile's second thread (read-worker.ts), on a read-only connection of its own: a free-text PII
 * column's tally, or one row of SQL.
 */
export type ReadTask = { kind: 'tally'; file: string; table: string; column: ColumnInfo; rowids: Float64Array } | ({ kind: 'get'; file: string } & SqlRead);
export type TallyTask = Extract<ReadTask, { kind: 'tally' }>;

export type ReadReply = { ok: true; tally: Tally } | { ok: true; row: unknown } | { ok: false; message: string };


/** Whether a second thread can take reads: a second core, the bundle, a workspace on disk (SEGMENTDESK_PROFILE_THREADS=1: never). */
export function readOnOwnThread(file: string): boolean {
  return secondThread('profile-worker', 'SEGMENTDESK_PROFILE_THREADS') && file !== ':memory:' && fs.existsSync(file);
}

/**
 * Runs the tasks one after another on a thread of their own, all posted at once so the thread works while this
 * one goes on with the profile's other columns. Each result is what the same read gives here: where the thread
 * fails (it could not start, or could not open the file), `inline` does that task here instead.
 */
export async function readOnThread(tasks: readonly ReadTask[], inline: (task: ReadTask) => Tally | unknown): Promise<unknown[]> {
  if (!tasks.length) return [];
  const worker = new Worker(workerBundle('profile-worker'));
  const replies: (ReadReply | null)[] = [];
  const done = new Promise<void>((resolve) => {
    const finish = (reply: ReadReply | null) => {
      replies.push(reply);
      if (replies.length === tasks.length) resolve();
    };
    worker.on('message', (m: ReadReply) => finish(m));
    // The thread is gone: the tasks it did not answer are done here.
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
    if (!r || !r.ok) return inline(task);
    return 'tally' in r ? r.tally : r.row;
  });
}
