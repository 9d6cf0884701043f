/**
 * Just enough ZIP to read a workbook: the central directory, a small entry whole, a large entry as a
 * stream of inflated chunks (a 1M-row sheet is hundreds of MB of XML; it is never in memory at once).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { AppError } from '../../../shared/contract/result';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipFile {
  readonly entries = new Map<string, ZipEntry>();

  constructor(readonly file: string) {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const tailLen = Math.min(size, 65_557);
      const tail = Buffer.alloc(tailLen);
      fs.readSync(fd, tail, 0, tailLen, size - tailLen);
      let eocd = -1;
      for (let i = tailLen - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === 0x06054b50) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) throw new AppError('BAD_INPUT', `${file}: not a readable Excel workbook (its ZIP directory is missing: the file is cut off or damaged)`, { file });
      const count = tail.readUInt16LE(eocd + 10);
      const dirSize = tail.readUInt32LE(eocd + 12);
      const dirOffset = tail.readUInt32LE(eocd + 16);
      if (dirOffset === 0xffffffff || count === 0xffff) throw new AppError('BAD_INPUT', `${file}: workbooks above 4 GB (ZIP64) are not read: save the sheet as CSV`, { file });
      const dir = Buffer.alloc(dirSize);
      fs.readSync(fd, dir, 0, dirSize, dirOffset);
      for (let at = 0, k = 0; k < count && at + 46 <= dir.length; k++) {
        if (dir.readUInt32LE(at) !== 0x02014b50) throw new AppError('BAD_INPUT', `${file}: damaged ZIP directory in the workbook`, { file });
        const nameLen = dir.readUInt16LE(at + 28);
        const extraLen = dir.readUInt16LE(at + 30);
        const commentLen = dir.readUInt16LE(at + 32);
        const name = dir.toString('utf8', at + 46, at + 46 + nameLen);
        this.entries.set(name, {
          name,
          method: dir.readUInt16LE(at + 10),
          compressedSize: dir.readUInt32LE(at + 20),
          size: dir.readUInt32LE(at + 24),
          localOffset: dir.readUInt32LE(at + 42),
        });
        at += 46 + nameLen + extraLen + commentLen;
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  private dataStart(e: ZipEntry): number {
    const fd = fs.openSync(this.file, 'r');
    try {
      const h = Buffer.alloc(30);
      fs.readSync(fd, h, 0, 30, e.localOffset);
      if (h.readUInt32LE(0) !== 0x04034b50) throw new AppError('BAD_INPUT', `${this.file}: damaged workbook (entry ${e.name})`, { file: this.file });
      return e.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** A small entry's text, or null when the workbook has no such part. */
  text(name: string): string | null {
    const e = this.entries.get(name);
    if (!e) return null;
    const start = this.dataStart(e);
    const fd = fs.openSync(this.file, 'r');
    try {
      const raw = Buffer.alloc(e.compressedSize);
      fs.readSync(fd, raw, 0, e.compressedSize, start);
      return (e.method === 0 ? raw : zlib.inflateRawSync(raw)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  }

  /** A large entry's inflated bytes, chunk by chunk (stop early by leaving the loop). */
  async *stream(name: string): AsyncGenerator<Buffer> {
    const e = this.entries.get(name);
    if (!e) throw new AppError('BAD_INPUT', `${this.file}: the workbook has no part ${name}`, { file: this.file });
    const start = this.dataStart(e);
    const raw = fs.createReadStream(this.file, { start, end: start + Math.max(0, e.compressedSize - 1), highWaterMark: 1024 * 1024 });
    const src = e.method === 0 ? raw : raw.pipe(zlib.createInflateRaw({ chunkSize: 64 * 1024 }));
    try {
      for await (const chunk of src as AsyncIterable<Buffer>) yield chunk;
    } finally {
      raw.destroy();
      if (src !== raw) (src as zlib.InflateRaw).destroy();
    }
  }
}
