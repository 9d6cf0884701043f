import Papa from 'papaparse';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** '\n' handles both LF and CRLF (a trailing CR is stripped from each row); '\r' only for old Mac files without any LF. */
export function detectNewline(text: string): '\n' | '\r' {
  return text.includes('\n') || !text.includes('\r') ? '\n' : '\r';
}

/** A quote problem papaparse reported: in which of the parsed records, and where in the text (the quote that opened it). */
export interface ParseQuoteError {
  code: string;
  row: number;
  index: number;
}

/** Parse complete records of `text` (the last, possibly cut-off record is left out unless `final`). */
export function parseRecords(
  text: string,
  delimiter: string,
  newline: '\n' | '\r',
  final: boolean,
): { rows: string[][]; consumed: number; quoteErrors: ParseQuoteError[] } {
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  const res = parser.parse(text, 0, !final) as { data: string[][]; errors: ParseQuoteError[]; meta: { cursor: number } };
  const rows = res.data;
  if (newline === '\n') {
    // A quoted value ending in CR ("x\r") looks like an unquoted one before a CRLF line end: only text
    // that has one needs the walk that tells them apart.
    const from = text.includes('\r"') ? keepQuotedCarriageReturns(rows, text, delimiter) : 0;
    stripCarriageReturns(rows, from);
  }
  return { rows, consumed: final ? text.length : res.meta.cursor, quoteErrors: res.errors };
}

/**
 * CRLF files parsed with LF as the record separator keep a CR at the end of each record's last field
 * when it is unquoted (papaparse drops the CR after a closing quote itself).
 */
export function stripCarriageReturns(rows: string[][], from = 0): void {
  for (let i = from; i < rows.length; i++) {
    const r = rows[i];
    const last = r[r.length - 1];
    if (last !== undefined && last.charCodeAt(last.length - 1) === 13) r[r.length - 1] = last.slice(0, -1);
  }
}

/**
 * The delimiter that splits the first records into the most consistent, widest rows.
 * Scored on records parsed with each candidate so quoted delimiters do not count.
 */
export function detectDelimiter(text: string, newline: '\n' | '\r'): Delimiter {
  // 200 records are scored: 64 KB hold them unless records are very wide (then up to 256 KB).
  let head = text.slice(0, 64 * 1024);
  if (countOf(head, newline, 201) < 201) head = text.slice(0, 256 * 1024);
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const rows = parseRecords(head, d, newline, false).rows.slice(0, 200).filter((r) => !(r.length === 1 && r[0] === ''));
    if (rows.length === 0) continue;
    const widths = new Map<number, number>();
    for (const r of rows) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
    const [mode, freq] = [...widths.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    if (mode < 2) continue;
    // Consistency first (share of rows with the modal width), then width.
    const score = (freq / rows.length) * 1000 + Math.min(mode, 999);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function countOf(s: string, ch: string, max: number): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0 && n < max; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Strip the line end's CR from unquoted last values only, walking the records over the text they were
 * parsed from. Returns the record where the walk lost its place (a malformed quote): from there on
 * stripCarriageReturns decides as for any text.
 */
function keepQuotedCarriageReturns(rows: string[][], text: string, delimiter: string): number {
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const last = r.length - 1;
    for (let j = 0; j <= last; j++) {
      const f = r[j];
      const quoted = text.charCodeAt(at) === 34;
      if (quoted) {
        let quotes = 0;
        for (let k = f.indexOf('"'); k >= 0; k = f.indexOf('"', k + 1)) quotes++;
        at += f.length + quotes + 2;
        if (text.charCodeAt(at - 1) !== 34) return i;
      } else {
        at += f.length;
      }
      if (j < last) {
        if (!text.startsWith(delimiter, at)) return i;
        at += delimiter.length;
      } else if (!quoted && f.charCodeAt(f.length - 1) === 13) {
        r[last] = f.slice(0, -1);
      }
    }
    if (text.charCodeAt(at) === 13) at++;
    if (at < text.length && text.charCodeAt(at) !== 10) return i + 1;
    at++;
  }
  return rows.length;
}
