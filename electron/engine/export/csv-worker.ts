/**
 * Entry of a large CSV export's second thread (bundled as dist/export-worker.cjs; export/csv-thread.ts starts it):
 * opens the workspace read-only and the dataset's columnar copy while the export resolves its rows, then writes
 * the CSV lines of the second half of the rows into a file of its own while the export's thread writes the first.
 */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { buildMirror } from '../mirror/build';
import type { Mirror } from '../mirror';
import { chunkCsv, columnChunks } from './columnar-rows';
import { csvField } from './csv-writer';
import type { CsvOpen, CsvPartReply, CsvWrite } from './csv-thread';

const port = parentPort;
if (!port) throw new Error('export-worker runs as a worker thread');
let opened: { db: Database.Database; m: Mirror } | null = null;
let failed: string | null = null;

function write(task: CsvWrite): CsvPartReply {
  if (!opened) return { ok: false, message: failed ?? 'the workspace was not opened' };
  const { db, m } = opened;
  const fd = fs.openSync(task.out, 'w');
  try {
    let rows = 0;
    for (const chunk of chunkCsv(columnChunks(db, m, task.columns, task.keep, { from: task.from, to: task.to }), (v) => csvField(v), task.delimiter)) {
      fs.writeSync(fd, chunk.text);
      rows += chunk.rows;
    }
    return { ok: true, rows };
  } finally {
    fs.closeSync(fd);
  }
}

port.on('message', (task: CsvOpen | CsvWrite) => {
  if (task.kind === 'open') {
    try {
      const db = new Database(task.file, { readonly: true, fileMustExist: true });
      opened = { db, m: buildMirror(db, task.dataset, task.version, true) };
    } catch (err) {
      failed = err instanceof Error ? err.message : String(err);
    }
    return;
  }
  let reply: CsvPartReply;
  try {
    reply = write(task);
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  } finally {
    opened?.db.close();
    opened = null;
  }
  port.postMessage(reply);
});
