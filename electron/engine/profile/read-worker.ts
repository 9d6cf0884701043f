/**
 * Entry of the profile's second thread (bundled as dist/profile-worker.cjs; profile/read-thread.ts starts it):
 * tallies free-text PII columns (e-mails, phones) and runs the stale-customer count on a read-only connection of
 * its own, while the profile's thread reads and summarises the other columns.
 */
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { contactCheck } from './alerts';
import { streamTally } from './tally';
import type { ReadReply, ReadTask } from './read-thread';

const port = parentPort;
if (!port) throw new Error('profile-worker runs as a worker thread');
port.on('message', (task: ReadTask) => {
  let reply: ReadReply;
  try {
    const db = new Database(task.file, { readonly: true, fileMustExist: true });
    try {
      if (task.kind === 'get') reply = { ok: true, row: db.prepare(task.sql).get(...task.params) };
      else {
        const t = streamTally(db, task.table, task.column.name, task.rowids, contactCheck(task.column)?.valid ?? null);
        reply = { ok: true, tally: { count: t.count, distinct: t.distinct, ...(t.invalid !== undefined ? { invalid: t.invalid } : {}) } };
      }
    } finally {
      db.close();
    }
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
