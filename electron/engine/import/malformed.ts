import fs from 'node:fs';
import { AppError } from '../../../shared/contract/result';
import type { ParseQuoteError } from './dialect';
import { ChunkDecoder } from './encoding';
import { BareCrNormaliser } from './line-ends';
import type { ImportPlan } from './plan';
import { msg } from '../../../shared/i18n/current';
import { mPercent } from '../profile/message-values';

/**
 * A quote that is never closed, or closed and followed by more text, makes papaparse read on across
 * line ends into one value: early in a big file that is most of the file in one cell. A few such
 * lines are kept (with a warning and a cell error, as read); more than a small share of the file stops
 * the import, naming where, unless the user accepts it (ImportParams.acceptMalformed).
 */

/** Lines that malformed quotes may take into other records before the import stops: more than both. */
export const MALFORMED_MIN_LINES = 2;
export const MALFORMED_MAX_SHARE = 0.01;

export interface QuoteProblem {
  /** The data record (1-based) that holds the problem. */
  record: number;
  /** papaparse's code: MissingQuotes (never closed), InvalidQuotes (text after a closing quote). */
  code: string;
  /** Where the quote that opened the field is, in characters of the decoded text. */
  offset: number;
  /** Line ends inside the record's values: lines of the file that did not become records of their own. */
  lostLines: number;
  /** The text from the quote on, shortened (for the message). */
  seen: string;
}

/** A problem papaparse reported in `rows` (parsed from `text`, which starts `charBase` characters into the file). Runs only for records with quote errors. */
export function quoteProblem(e: ParseQuoteError, recordBase: number, charBase: number, text: string, rows: string[][], headerPending: boolean): QuoteProblem {
  let before = 0;
  for (let r = 0; r < e.row && r < rows.length; r++) if (!(rows[r].length === 1 && rows[r][0] === '')) before++;
  if (headerPending && before > 0) before--;
  const rec = rows[e.row] ?? [];
  let lostLines = 0;
  for (const v of rec) for (let i = v.indexOf('\n'); i >= 0; i = v.indexOf('\n', i + 1)) lostLines++;
  // A quote never closed also takes the file's last line end, which starts no line.
  if (e.code === 'MissingQuotes' && rec.length > 0 && rec[rec.length - 1].endsWith('\n')) lostLines--;
  // papaparse's index is just past the opening quote.
  const at = e.index > 0 && text.charCodeAt(e.index - 1) === 34 ? e.index - 1 : e.index;
  const seen = text.slice(at, at + 40).replace(/\r?\n|\r/g, '↵');
  return { record: recordBase + before + 1, code: e.code, offset: charBase + at, lostLines, seen: text.length > at + 40 ? `${seen}…` : seen };
}

export interface MalformedLoss {
  /** Lines taken into malformed records, over all of them. */
  lostLines: number;
  /** Lines of the file: records imported, the header, and the lines taken. */
  lines: number;
  /** The problem that took the most lines. */
  worst: QuoteProblem;
}

/** How much of the file malformed quotes took, when it is more than a small share (else null). */
export function malformedLoss(problems: QuoteProblem[], rows: number, header: boolean): MalformedLoss | null {
  if (problems.length === 0) return null;
  // papaparse can report two problems for one record (a malformed quote, then one never closed): count its lines once.
  const byRecord = new Map<number, QuoteProblem>();
  for (const p of problems) if ((byRecord.get(p.record)?.lostLines ?? -1) < p.lostLines) byRecord.set(p.record, p);
  let lostLines = 0;
  let worst = problems[0];
  for (const p of byRecord.values()) {
    lostLines += p.lostLines;
    if (p.lostLines > worst.lostLines) worst = p;
  }
  const lines = rows + (header ? 1 : 0) + lostLines;
  return lostLines > MALFORMED_MIN_LINES && lostLines > lines * MALFORMED_MAX_SHARE ? { lostLines, lines, worst } : null;
}

/** The line and column (1-based) of a character offset in the file's decoded text: read again from the start, only when an import is refused. */
export function lineAndColumn(plan: ImportPlan, offset: number): { line: number; column: number } {
  const decoder = new ChunkDecoder(plan.encoding, plan.utf8Fallback);
  const lineEnds = plan.bareCr ? new BareCrNormaliser(plan.delimiter) : null;
  const fd = fs.openSync(plan.file, 'r');
  const buf = Buffer.allocUnsafe(1024 * 1024);
  let pos = plan.bomLength;
  let chars = 0;
  let line = 1;
  let lineStart = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, pos);
      const last = n === 0;
      pos += n;
      const decoded = last ? decoder.end() : decoder.write(buf.subarray(0, n));
      const text = lineEnds ? lineEnds.write(decoded, last) : decoded;
      const end = Math.min(text.length, offset - chars);
      for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = chars + i + 1;
      }
      chars += text.length;
      if (chars >= offset || last) break;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { line, column: offset - lineStart + 1 };
}

/** The import's refusal: file, line, column, what was seen, how much of the file it would take, and how to import anyway. */
export function malformedError(plan: ImportPlan, loss: MalformedLoss, rows: number): AppError {
  const { line, column } = lineAndColumn(plan, loss.worst.offset);
  const share = Math.round((loss.lostLines / loss.lines) * 1000) / 10;
  return new AppError(
    'BAD_INPUT',
    msg(loss.worst.code === 'MissingQuotes' ? 'data.import.malformedUnclosed' : 'data.import.malformedTrailing', {
      file: plan.file,
      line: String(line),
      column: String(column),
      seen: loss.worst.seen,
      lost: String(loss.lostLines),
      lines: String(loss.lines),
      share: mPercent(share),
      rows: String(rows),
    }),
    { file: plan.file, line, column, seen: loss.worst.seen, problem: loss.worst.code, lostLines: loss.lostLines, lines: loss.lines, rows, acceptable: 'acceptMalformed', cli: 'to import anyway, add --accept-malformed' },
  );
}
