import fs from 'node:fs';
import { AppError } from '../../../shared/contract/result';
import { parseRecords } from './dialect';
import { ChunkDecoder } from './encoding';
import { BareCrNormaliser } from './line-ends';
import { quoteProblem, type QuoteProblem } from './malformed';
import type { ImportPlan } from './plan';
import { canScan, RecordScanner, type ScannedRecords } from './scan';
import { tabularRows } from './tabular';
import { splitFixed, splitWhitespace } from './text-split';
import { msg } from '../../../shared/i18n/current';

/**
 * A batch of records, in one of two forms: papaparse's arrays of values (`rows`, `parsed`), or, for
 * text the scanner read (scan.ts), the offsets of every field in `text` (`scanned`; `rows` and
 * `parsed` are then empty).
 */
export interface RecordBatch {
  /** The records to import (papaparse's form). */
  rows: string[][];
  /** Records to import in this batch, in either form. */
  dataRecords: number;
  /** The scanner's form: offsets valid until the next batch is requested. */
  scanned: ScannedRecords | null;
  /** In the scanner's form, the record that is the header (skipped), or -1. */
  headerRecord: number;
  /** Bytes of the file read so far (for progress). */
  bytesRead: number;
  /** The text these records were parsed from (complete records, as decoded and line-end normalised). */
  text: string;
  /** Every record papaparse returned for `text`, in order: `rows` plus the skipped header and blank lines (same arrays). */
  parsed: string[][];
  /** Quote errors papaparse reported in `text`. */
  quoteErrors: number;
}

export interface ReadSummary {
  /** Records whose quotes were malformed or left open (papaparse kept their text as read). */
  quoteProblems: QuoteProblem[];
  /** Where decoding fell back from UTF-8 to Windows-1252, if it did. */
  switchedEncodingAt: number | null;
  finalEncoding: string;
}

/**
 * The file is read 1 MB at a time (fewer trips to the I/O thread pool) but decoded and parsed 32 KB at
 * a time, so each decoded string (and the strings cut from it) stays below V8's large-object size
 * (128 KB, i.e. 64K two-byte characters): 256 KB chunks went to large-object space, one mapping each,
 * and on the 1M-row benchmark decoding alone took 1.6 s instead of 0.1 s.
 */
const READ_BYTES = 1024 * 1024;
const DECODE_BYTES = 32 * 1024;

/**
 * Stream the file's records in batches: bytes → decoder → the scanner (scan.ts), or papaparse's Parser
 * where the scanner declines, on the text that holds complete records; the cut-off tail waits for the next chunk. The whole file is never in memory
 * (except a single record longer than a chunk, which is buffered until it ends).
 */
/**
 * The file's bytes from `start`, 1 MB at a time into one reused buffer (a fresh 1 MB buffer per read
 * cost page faults on every read). Each chunk is valid until the next is requested; the decoders copy.
 */
async function* fileChunks(file: string, start: number): AsyncGenerator<Buffer> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(READ_BYTES);
    for (let pos = start; ; ) {
      const { bytesRead } = await fh.read(buf, 0, READ_BYTES, pos);
      if (bytesRead === 0) return;
      pos += bytesRead;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** A batch of records that has no text behind it to slice values from (JSON, workbooks, split lines). */
function rowsBatch(rows: string[][], bytesRead: number): RecordBatch {
  return { rows, dataRecords: rows.length, scanned: null, headerRecord: -1, bytesRead, text: '', parsed: rows, quoteErrors: 0 };
}

/** Whitespace-separated and fixed-width text: a record is a line (no quotes), split by text-split.ts. */
async function* lineRecords(plan: ImportPlan, summary: ReadSummary): AsyncGenerator<RecordBatch> {
  const decoder = new ChunkDecoder(plan.encoding, plan.utf8Fallback);
  const split = plan.delimiter === 'fixed' ? (l: string) => splitFixed(l, plan.widths) : splitWhitespace;
  let pending = '';
  let bytesRead = plan.bomLength;
  let skipHeader = plan.header;
  const cut = (text: string, final: boolean): string[][] => {
    const rows: string[][] = [];
    let at = 0;
    for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', at)) {
      if (nl < 0 && !final) break;
      const end = nl < 0 ? text.length : nl;
      let line = text.slice(at, end);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      at = end + 1;
      if (line.trim() !== '') {
        if (skipHeader) skipHeader = false;
        else rows.push(split(line));
      }
      if (nl < 0) break;
    }
    pending = final ? '' : text.slice(at);
    return rows;
  };
  try {
    for await (const big of fileChunks(plan.file, plan.bomLength)) {
      bytesRead += big.length;
      const rows = cut(pending + decoder.write(big), false);
      if (rows.length > 0) yield rowsBatch(rows, bytesRead);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('IO', msg('data.import.readFailed', { file: plan.file, bytes: String(bytesRead), error: (err as Error).message }), { file: plan.file });
  }
  const rows = cut(pending + decoder.end(), true);
  summary.switchedEncodingAt = decoder.switchedAt;
  summary.finalEncoding = decoder.encoding;
  if (rows.length > 0) yield rowsBatch(rows, bytesRead);
}

export async function* readRecords(plan: ImportPlan, summary: ReadSummary, scan = true): AsyncGenerator<RecordBatch> {
  if (plan.format === 'xlsx' || plan.format === 'json' || plan.format === 'ndjson') {
    const progress = { bytes: 0 };
    for await (const rows of tabularRows(plan.file, plan.format, plan, progress)) yield rowsBatch(rows, Math.min(plan.sizeBytes, progress.bytes));
    return;
  }
  if (plan.delimiter === 'whitespace' || plan.delimiter === 'fixed') {
    yield* lineRecords(plan, summary);
    return;
  }
  const decoder = new ChunkDecoder(plan.encoding, plan.utf8Fallback);
  const lineEnds = plan.bareCr ? new BareCrNormaliser(plan.delimiter) : null;
  let pending = '';
  // Parse again only when the buffer has grown well past the last failed attempt, so a huge record costs linear time.
  let retryAt = 0;
  let bytesRead = plan.bomLength;
  let recordBase = 0;
  /** Characters of decoded text before `pending` (where a quote problem is in the file). */
  let charBase = 0;
  let skipHeader = plan.header;
  const scanner = scan && canScan(plan.delimiter, plan.newline) ? new RecordScanner(plan.delimiter) : null;
  /** A scanned batch: which record is the header (the first non-blank one, once), and how many records import. */
  const scannedBatch = (text: string, sc: ScannedRecords): RecordBatch | null => {
    let headerRecord = -1;
    let data = 0;
    for (let r = 0, f = 0; r < sc.records; f += sc.fieldCounts[r], r++) {
      if (sc.fieldCounts[r] === 1 && sc.starts[f] === sc.ends[f]) continue; // a blank line
      if (skipHeader) {
        headerRecord = r;
        skipHeader = false;
        continue;
      }
      data++;
    }
    recordBase += data;
    return data > 0 ? { rows: [], dataRecords: data, scanned: sc, headerRecord, bytesRead, text, parsed: [], quoteErrors: 0 } : null;
  };
  const take = (rows: string[][]): string[][] => {
    let out = rows.filter((r) => !(r.length === 1 && r[0] === ''));
    if (skipHeader && out.length > 0) {
      out = out.slice(1);
      skipHeader = false;
    }
    return out;
  };
  try {
    for await (const big of fileChunks(plan.file, plan.bomLength)) {
      for (let off = 0; off < big.length; off += DECODE_BYTES) {
        const chunk = big.subarray(off, Math.min(big.length, off + DECODE_BYTES));
        bytesRead += chunk.length;
        const decoded = decoder.write(chunk);
        pending += lineEnds ? lineEnds.write(decoded) : decoded;
        if (pending.length < retryAt) continue;
        const sc = scanner?.scan(pending, false);
        if (sc) {
          if (sc.consumed === 0) {
            retryAt = pending.length * 2;
            continue;
          }
          retryAt = 0;
          const text = pending.slice(0, sc.consumed);
          pending = pending.slice(sc.consumed);
          charBase += sc.consumed;
          const batch = scannedBatch(text, sc);
          if (batch) yield batch;
          continue;
        }
        const { rows, consumed, quoteErrors: errors } = parseRecords(pending, plan.delimiter, plan.newline, false);
        // Errors in the cut-off tail are not about these records: the tail is parsed again with the next chunk.
        const quoteErrors = errors.filter((e) => e.row < rows.length);
        if (consumed === 0) {
          retryAt = pending.length * 2;
          continue;
        }
        retryAt = 0;
        const text = pending.slice(0, consumed);
        pending = pending.slice(consumed);
        for (const e of quoteErrors) summary.quoteProblems.push(quoteProblem(e, recordBase, charBase, text, rows, skipHeader));
        charBase += consumed;
        const batch = take(rows);
        recordBase += batch.length;
        if (batch.length > 0) yield { rows: batch, dataRecords: batch.length, scanned: null, headerRecord: -1, bytesRead, text, parsed: rows, quoteErrors: quoteErrors.length };
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('IO', msg('data.import.readFailed', { file: plan.file, bytes: String(bytesRead), error: (err as Error).message }), { file: plan.file });
  }
  if (bytesRead < plan.sizeBytes) {
    throw new AppError('BAD_INPUT', msg('data.import.changed', { file: plan.file, size: String(plan.sizeBytes), bytes: String(bytesRead) }), {
      file: plan.file,
    });
  }
  const tail = decoder.end();
  pending += lineEnds ? lineEnds.write(tail, true) : tail;
  summary.switchedEncodingAt = decoder.switchedAt;
  summary.finalEncoding = decoder.encoding;
  if (pending.length > 0) {
    const sc = scanner?.scan(pending, true);
    if (sc) {
      const batch = scannedBatch(pending, sc);
      if (batch) yield batch;
      return;
    }
    const { rows, quoteErrors } = parseRecords(pending, plan.delimiter, plan.newline, true);
    for (const e of quoteErrors) summary.quoteProblems.push(quoteProblem(e, recordBase, charBase, pending, rows, skipHeader));
    const batch = take(rows);
    if (batch.length > 0) yield { rows: batch, dataRecords: batch.length, scanned: null, headerRecord: -1, bytesRead, text: pending, parsed: rows, quoteErrors: quoteErrors.length };
  }
}
