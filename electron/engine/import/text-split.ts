/**
 * Text that papaparse cannot split: columns separated by runs of whitespace (the CDNOW purchase log,
 * printouts of reports) and fixed-width columns (mainframe and accounting exports). Neither has quotes,
 * so a record is a line and splitting is per line.
 */

/** Split on runs of spaces/tabs; leading and trailing whitespace is padding, not an empty column. */
export function splitWhitespace(line: string): string[] {
  const t = line.trim();
  return t === '' ? [''] : t.split(/[ \t]+/);
}

/** Cut a line at fixed widths (the last column takes the rest of the line); values are trimmed of their padding. */
export function splitFixed(line: string, widths: number[]): string[] {
  const out: string[] = new Array<string>(widths.length);
  let at = 0;
  for (let i = 0; i < widths.length; i++) {
    const end = i === widths.length - 1 ? line.length : at + widths[i];
    out[i] = line.slice(at, end).trim();
    at = end;
  }
  return out;
}

/** Lines of text (LF or CRLF; the last may lack its line end); blank lines are kept as [''] records for the callers that skip them. */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function splitLines(lines: string[], delimiter: 'whitespace' | 'fixed', widths: number[]): string[][] {
  return delimiter === 'whitespace' ? lines.map(splitWhitespace) : lines.map((l) => (l.trim() === '' ? [''] : splitFixed(l, widths)));
}

/**
 * Fixed-width column boundaries from sample lines: a boundary is where a run of character positions that are
 * blank on every line ends (the next column starts). Returns the widths, or null when no column of
 * blanks separates two columns.
 */
export function detectWidths(lines: string[]): number[] | null {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 500);
  if (sample.length < 2) return null;
  const len = Math.max(...sample.map((l) => l.length));
  const blank = new Uint8Array(len).fill(1);
  for (const l of sample) {
    for (let i = 0; i < l.length; i++) if (l.charCodeAt(i) !== 32) blank[i] = 0;
  }
  // Column starts: a non-blank position right after a blank one (position 0 always starts a column).
  const starts = [0];
  for (let i = 1; i < len; i++) if (blank[i - 1] === 1 && blank[i] === 0) starts.push(i);
  if (starts.length < 2) return null;
  return starts.map((s, i) => (i + 1 < starts.length ? starts[i + 1] - s : Math.max(1, len - s)));
}

/** Share of records with the modal field count, and that count. */
export function consistency(rows: string[][]): { width: number; share: number } {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let width = 0;
  let freq = 0;
  for (const [w, f] of counts) if (f > freq || (f === freq && w > width)) [width, freq] = [w, f];
  return { width, share: rows.length > 0 ? freq / rows.length : 0 };
}

/**
 * The first line read as a single column but holding obvious separators: which delimiter to try (the
 * one that splits the sample lines most consistently into two or more columns), or null.
 */
export function oneColumnFix(lines: string[], current: string): string | null {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 200);
  if (sample.length === 0) return null;
  const candidates = [',', ';', '\t', '|', 'whitespace', ':', '~', '^', '#'].filter((d) => d !== current);
  let best: string | null = null;
  let bestScore = 0;
  for (const d of candidates) {
    const rows = d === 'whitespace' ? sample.map(splitWhitespace) : sample.map((l) => l.split(d));
    const { width, share } = consistency(rows);
    if (width < 2 || share < 0.8) continue;
    const score = share * 1000 + Math.min(width, 999);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}
