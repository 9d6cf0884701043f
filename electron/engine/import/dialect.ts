import Papa from 'papaparse';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** '\n' handles both LF and CRLF (a trailing CR is stripped from each row); '\r' only for old Mac files without any LF. */
export function detectNewline(text: string): '\n' | '\r' {
  return text.includes('\n') || !text.includes('\r') ? '\n' : '\r';
}

/** Parse complete records of `text` (the last, possibly cut-off record is left out unless `final`). */
export function parseRecords(
  text: string,
  delimiter: string,
  newline: '\n' | '\r',
  final: boolean,
): { rows: string[][]; consumed: number; quoteErrors: { code: string; row: number }[] } {
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  const res = parser.parse(text, 0, !final) as { data: string[][]; errors: { code: string; row: number }[]; meta: { cursor: number } };
  const rows = res.data;
  if (newline === '\n') stripCarriageReturns(rows);
  return { rows, consumed: final ? text.length : res.meta.cursor, quoteErrors: res.errors };
}

/** CRLF files parsed with LF as the record separator keep a CR at the end of each record's last field. */
export function stripCarriageReturns(rows: string[][]): void {
  for (let i = 0; i < rows.length; i++) {
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
