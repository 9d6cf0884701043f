import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { secondThread, workerBundle } from '../worker/bundle';
import type { ColumnInfo } from '../../../shared/types/columns';

/** Open the workspace and read the dataset's columnar copy, while the export resolves its rows. */
export interface CsvOpen {
  kind: 'open';
  file: string;
  dataset: string;
  version: number;
}

/** Write the CSV lines of mirror rows from..to-1 (kept by `keep`) of `columns` into `out`. */
export interface CsvWrite {
  kind: 'write';
  columns: ColumnInfo[];
  keep: Uint8Array | null;
  from: number;
  to: number;
  delimiter: string;
  out: string;
}

export type CsvPartReply = { ok: true; rows: number } | { ok: false; message: string };

/**
 * Rows below which a second thread costs more (its start, its own read of the columns) than it saves
 * (SEGMENTDESK_EXPORT_SPLIT_ROWS overrides: the tests split small files).
 */
export function splitRows(): number {
  const env = Number(process.env.SEGMENTDESK_EXPORT_SPLIT_ROWS);
  return Number.isInteger(env) && env >= 1 ? env : 100_000;
}


/** A second core, the bundle and a workspace on disk (SEGMENTDESK_EXPORT_THREADS=1: one thread). */
export function csvOnOwnThread(file: string): boolean {
  return secondThread('export-worker', 'SEGMENTDESK_EXPORT_THREADS') && file !== ':memory:' && fs.existsSync(file);
}

/**
 * The second thread of a large plain CSV export: started (and its columns opened) before the export resolves its
 * rows, then given the second half to write into a file of its own. `write` resolves to the rows it wrote, or null
 * when it failed (the export then writes that half itself); `stop` ends it (a cancelled export, or no split after all).
 */
export class CsvPartThread {
  private readonly worker = new Worker(workerBundle('export-worker'));
  private readonly reply: Promise<CsvPartReply | null>;

  constructor(open: Omit<CsvOpen, 'kind'>) {
    this.reply = new Promise<CsvPartReply | null>((resolve) => {
      let settled = false;
      const finish = (r: CsvPartReply | null) => {
        if (settled) return;
        settled = true;
        void this.worker.terminate();
        resolve(r);
      };
      this.worker.once('message', (m: CsvPartReply) => finish(m));
      this.worker.once('error', () => finish(null));
      this.worker.once('exit', () => finish(null));
    });
    this.worker.postMessage({ kind: 'open', ...open } satisfies CsvOpen);
  }

  async write(task: Omit<CsvWrite, 'kind'>): Promise<number | null> {
    this.worker.postMessage({ kind: 'write', ...task } satisfies CsvWrite);
    const r = await this.reply;
    return r && r.ok ? r.rows : null;
  }

  stop(): void {
    void this.worker.terminate();
  }
}
