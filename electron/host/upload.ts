import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../shared/contract/result';

/**
 * Dropped files in the browser have no path, so the web client sends their bytes here and imports the copy.
 * Copies live in one private folder (mode 0700) per host run, removed when the host stops.
 */
export class UploadStore {
  private dir: string | null = null;
  private seq = 0;

  constructor(readonly maxBytes: number) {}

  folder(): string {
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'segmentdesk-upload-'));
    fs.chmodSync(this.dir, 0o700);
    return this.dir;
  }

  /** A file name that keeps the user's name recognisable (it shows in dataset labels) but cannot leave the folder. */
  static safeName(name: string): string {
    const base = path.basename(name.replace(/\\/g, '/')).replace(/[^\p{L}\p{N}._ -]+/gu, '_').replace(/^\.+/, '');
    return (base || 'upload').slice(0, 120);
  }

  /** Streams the request body to a new file; rejects (and removes the partial file) past `maxBytes`. */
  async receive(req: IncomingMessage, name: string): Promise<string> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > this.maxBytes) throw new AppError('BAD_INPUT', `${name}: file is larger than the upload limit of ${this.maxBytes} bytes`);
    const sub = path.join(this.folder(), String(++this.seq));
    fs.mkdirSync(sub, { mode: 0o700 });
    const file = path.join(sub, UploadStore.safeName(name));
    const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let size = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        req.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxBytes) {
            req.unpipe(out);
            req.resume();
            reject(new AppError('BAD_INPUT', `${name}: file is larger than the upload limit of ${this.maxBytes} bytes`));
          }
        });
        req.on('error', reject);
        req.on('aborted', () => reject(new AppError('IO', `${name}: upload was interrupted`)));
        out.on('error', reject);
        out.on('finish', resolve);
        req.pipe(out);
      });
      return file;
    } catch (e) {
      out.destroy();
      fs.rmSync(sub, { recursive: true, force: true });
      throw e;
    }
  }

  close(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
