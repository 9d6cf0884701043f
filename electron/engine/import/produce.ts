import type { ColumnSpec } from '../../../shared/contract/ns/datasets';
import type { ColumnType } from '../../../shared/types/columns';
import { makeConverter, problemFor, type ColumnState } from './convert';
import { BatchEncoder, type EncodedBatch } from './encode';
import { BatchCapture, type CaptureEnd } from './capture';
import { IdHashSet } from './id-hash';
import { locateFields } from './locate';
import type { ImportPlan } from './plan';
import { readRecords, type ReadSummary } from './reader';
import { fieldValue } from './scan';
import { BAD } from './values';

/** What the parsing side needs: plain data, so it can be handed to a worker thread as is. */
export interface ProduceSpec {
  /** The plan, its inference sample emptied. */
  plan: ImportPlan;
  columns: ColumnSpec[];
  /** Per column: a boolean column whose sample was all 0/1 (larger whole numbers widen it to integer). */
  numericBooleans: boolean[];
  /** Column whose repeats are checked (the customer ID), or -1. */
  idIndex: number;
  /** Send values as slices of the text (another thread writes) rather than as strings (same thread). */
  slices: boolean;
  /** About how many records the file holds (sizes the ID hash set). */
  expectedRows: number;
  /** Read well-formed text with the scanner (scan.ts); false: papaparse only (SEGMENTDESK_IMPORT_SCAN=0, and the tests' reference). */
  scan: boolean;
  /**
   * Take the typed columns for the stored columnar copy (capture.ts): the ID column's index (-1: none), the IDs' entry name
   * (null: none, an orders file), and text columns to take as codes whatever their number of distinct values.
   */
  capture?: { idIndex: number; idsEntry: string | null; coded?: number[] };
}

export interface ProduceEnd {
  rows: number;
  missing: number[];
  widened: (ColumnType | null)[];
  summary: ReadSummary;
  /** An ID value may repeat (by hash): the writer then counts duplicates exactly. False: none does. */
  idsMayRepeat: boolean;
  /** What the capture took whole (spec.capture). */
  capture?: CaptureEnd;
}

/**
 * The parsing half of an import: stream the file's records (the scanner, or papaparse where it declines), convert every cell to its
 * column's type, record cell errors and ragged rows, and hand out encoded batches. Runs on its own
 * thread (parse-worker.ts) while the import's thread writes the previous batch, or inline.
 */
export async function* produceBatches(spec: ProduceSpec): AsyncGenerator<EncodedBatch, ProduceEnd> {
  const { plan, columns, idIndex } = spec;
  const width = columns.length;
  const { decimal, dateOrder } = plan.locale;
  const states: ColumnState[] = columns.map(() => ({ widened: null }));
  const conv = columns.map((c, i) => makeConverter(c.type, decimal, dateOrder, states[i], spec.numericBooleans[i]));
  const problems = columns.map((c) => problemFor(c.type, decimal, dateOrder));
  const names = columns.map((c) => c.name);
  const missing = new Array<number>(width).fill(0);
  const summary: ReadSummary = { quoteProblems: [], switchedEncodingAt: null, finalEncoding: plan.encoding };
  const ids = idIndex >= 0 ? new IdHashSet(spec.expectedRows) : null;
  const newline = plan.newline.charCodeAt(0);
  // Extra fields are kept joined as they were separated; named delimiters (whitespace, fixed, json…) by a space.
  const joiner = plan.delimiter.length === 1 ? plan.delimiter : ' ';
  const asText = Uint8Array.from(columns, (c) => (c.type === 'text' || c.type === 'category' ? 1 : 0));
  let pos = new Int32Array(Math.max(1, width));
  // Done here, on the parsing side: it waits for the writer about half of the time, and the writer is the import's bottleneck.
  const capture = spec.capture ? new BatchCapture(columns, spec.capture.idIndex, spec.capture.idsEntry, spec.capture.coded) : null;
  const done = (b: EncodedBatch): EncodedBatch => {
    capture?.take(b);
    return b;
  };
  let row = 0;
  let bytesRead = 0;
  /** A converted (not text) cell; `at` is where its text starts when the value may travel as a slice, else -1. */
  const putConverted = (enc: BatchEncoder, c: number, f: string, at: number): void => {
    const v = conv[c](f);
    if (v === BAD) {
      enc.errors.push({ row, column: names[c], raw: f, problem: problems[c] });
      enc.putNull();
      missing[c]++;
    } else if (v === null) {
      enc.putNull();
      missing[c]++;
    } else {
      if (typeof v === 'number') enc.putNumber(v);
      else if (at >= 0 && v === f) enc.putSlice(at, at + f.length);
      else enc.putInline(v);
      if (c === idIndex) ids!.add(v);
    }
  };
  /** A record with more or fewer fields than the header: pad it, and keep what it had in a cell error. */
  const ragged = (enc: BatchEncoder, fields: number, extra: () => string): void => {
    for (let c = fields; c < width; c++) {
      enc.putNull();
      missing[c]++;
    }
    const more = fields > width;
    enc.errors.push({
      row,
      column: more ? '(extra fields)' : names[fields],
      raw: more ? extra() : '',
      problem: more ? `record has ${fields} fields, expected ${width}; the extra fields are kept here` : `record has ${fields} fields, expected ${width}; the missing ones are empty`,
    });
  };
  for await (const batch of readRecords(plan, summary, spec.scan)) {
    bytesRead = batch.bytesRead;
    const { text } = batch;
    const enc = new BatchEncoder(batch.dataRecords * width, text);
    const sc = batch.scanned;
    if (sc) {
      // The scanner's offsets: text cells go as slices without a string being cut here (in one thread too:
      // the writer cuts them from the same string).
      const { starts, ends, escaped, fieldCounts } = sc;
      for (let r = 0, first = 0; r < sc.records; first += fieldCounts[r], r++) {
        const count = fieldCounts[r];
        if (r === batch.headerRecord || (count === 1 && starts[first] === ends[first])) continue;
        row++;
        const n = count < width ? count : width;
        for (let c = 0; c < n; c++) {
          const fi = first + c;
          const s = starts[fi];
          const e = ends[fi];
          if (asText[c] === 1) {
            if (e === s) {
              enc.putNull();
              missing[c]++;
            } else if (escaped[fi] === 0) {
              enc.putSlice(s, e);
              if (c === idIndex) ids!.add(text.substring(s, e));
            } else {
              const v = fieldValue(text, sc, fi);
              enc.putInline(v);
              if (c === idIndex) ids!.add(v);
            }
            continue;
          }
          putConverted(enc, c, escaped[fi] === 0 ? text.substring(s, e) : fieldValue(text, sc, fi), escaped[fi] === 0 ? s : -1);
        }
        if (count !== width) {
          ragged(enc, count, () => {
            const extra: string[] = [];
            for (let k = width; k < count; k++) extra.push(fieldValue(text, sc, first + k));
            return extra.join(joiner);
          });
        }
        enc.endRow();
      }
      yield done(enc.finish(bytesRead, true));
      continue;
    }
    const { rows, parsed } = batch;
    // Text with malformed quotes is not walked (papaparse's values there need not be the text between delimiters).
    let cursor = spec.slices && batch.quoteErrors === 0 && text !== '' ? 0 : -1;
    let k = 0;
    for (let p = 0; p < parsed.length; p++) {
      const rec = parsed[p];
      if (rec.length > pos.length) pos = new Int32Array(rec.length);
      if (cursor >= 0) cursor = locateFields(rec, text, cursor, plan.delimiter, newline, pos);
      else pos.fill(-1, 0, rec.length);
      // Header and blank lines are walked over but not imported.
      if (k >= rows.length || rec !== rows[k]) continue;
      k++;
      row++;
      const n = rec.length < width ? rec.length : width;
      for (let c = 0; c < n; c++) {
        const f = rec[c];
        if (asText[c] === 1) {
          // Text and category cells are stored as written (convert.ts), inline here: most cells are text, and a
          // call through the per-column converters (a different closure per column) cost more than the cell.
          if (f.length === 0) {
            enc.putNull();
            missing[c]++;
          } else {
            if (pos[c] >= 0) enc.putSlice(pos[c], pos[c] + f.length);
            else enc.putInline(f);
            if (c === idIndex) ids!.add(f);
          }
          continue;
        }
        putConverted(enc, c, f, pos[c]);
      }
      if (rec.length !== width) ragged(enc, rec.length, () => rec.slice(width).join(joiner));
      enc.endRow();
    }
    yield done(enc.finish(bytesRead, spec.slices));
  }
  return { rows: row, missing, widened: states.map((s) => s.widened), summary, idsMayRepeat: ids?.repeated ?? false, ...(capture ? { capture: capture.finish() } : {}) };
}
