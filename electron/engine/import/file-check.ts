import fs from 'node:fs';
import { msg } from '../../../shared/i18n/current';
import { AppError } from '../../../shared/contract/result';

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel/Office document (save it as CSV first)' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'a SQLite database' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
];

/** Size of a readable regular file, or a BAD_INPUT error naming it. */
export function statInput(file: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new AppError('BAD_INPUT', msg('data.import.noFile', { file }), { file });
  }
  if (!st.isFile()) throw new AppError('BAD_INPUT', msg('data.import.notFile', { file }), { file });
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw new AppError('BAD_INPUT', msg('data.import.denied', { file }), { file });
  }
  return st.size;
}

/** Read up to `max` bytes from `position`. */
export function readBytes(file: string, position: number, max: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(max);
    const n = fs.readSync(fd, buf, 0, max, position);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Refuse files that are recognisably something other than delimited text, naming what they are. */
export function rejectNonText(file: string, head: Buffer, utf16: boolean): void {
  for (const m of MAGIC) {
    if (head.length >= m.bytes.length && m.bytes.every((b, i) => head[i] === b)) {
      throw new AppError('BAD_INPUT', `${file}: this is ${m.what}, not a CSV file`, { file });
    }
  }
  if (utf16) return;
  // Text never contains NUL bytes and rarely other control characters; a few percent of them means binary data.
  const n = Math.min(head.length, 64 * 1024);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) throw new AppError('BAD_INPUT', msg('data.import.binaryAt', { file, byte: String(i + 1) }), { file, byte: i + 1 });
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) controls++;
  }
  if (n > 0 && controls > n * 0.02) throw new AppError('BAD_INPUT', msg('data.import.binary', { file }), { file });
}
