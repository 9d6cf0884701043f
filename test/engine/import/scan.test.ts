import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../../electron/engine/import/dialect';
import { mulberry32 } from '../../../electron/engine/random';
import { canScan, fieldValue, RecordScanner, type ScannedRecords } from '../../../electron/engine/import/scan';

/**
 * The scanner is a fast path beside papaparse (scan.ts): whenever it answers, it must give exactly
 * papaparse's records (values and the end of the last complete record); where it cannot be sure it
 * must say so (null) so papaparse parses the text.
 */
function records(text: string, s: ScannedRecords): string[][] {
  const out: string[][] = [];
  let f = 0;
  for (let r = 0; r < s.records; r++) {
    const rec: string[] = [];
    for (let k = 0; k < s.fieldCounts[r]; k++) rec.push(fieldValue(text, s, f++));
    out.push(rec);
  }
  return out;
}

function papa(text: string, delimiter: string, final: boolean): { rows: string[][]; consumed: number } {
  const { rows, consumed, quoteErrors } = parseRecords(text, delimiter, '\n', final);
  // papaparse ends a final text that ends with a line break with one more, empty record; the import
  // skips blank records, and the scanner does not make that one.
  if (final && rows.length > 0 && /\n$/.test(text)) {
    const last = rows[rows.length - 1];
    if (last.length === 1 && last[0] === '') rows.pop();
  }
  // Errors in the cut-off tail (parsed again with the next chunk) do not concern these records.
  const inRecords = quoteErrors.filter((e) => e.row < rows.length);
  return { rows, consumed: inRecords.length ? -1 : consumed };
}

function randomText(rand: () => number, alphabet: string[], length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

/** Text made of fields (plain, quoted, quoted with doubled quotes, with line breaks inside) and records. */
function csvText(rand: () => number, d: string, crlf: boolean): string {
  const rows: string[] = [];
  const nRows = 1 + Math.floor(rand() * 8);
  for (let r = 0; r < nRows; r++) {
    const nFields = 1 + Math.floor(rand() * 5);
    const fields: string[] = [];
    for (let f = 0; f < nFields; f++) {
      const kind = rand();
      const plain = randomText(rand, ['a', 'b', 'Ł', 'é', ' ', '1', '.'], Math.floor(rand() * 5));
      if (kind < 0.55) fields.push(plain);
      else if (kind < 0.75) fields.push(`"${plain}${d}${plain}"`);
      else if (kind < 0.85) fields.push(`"${plain}""${plain}"""`);
      else if (kind < 0.95) fields.push(`"${plain}\n${plain}\r\n"`);
      else fields.push('');
    }
    rows.push(fields.join(d));
  }
  const nl = crlf ? '\r\n' : '\n';
  return rows.join(nl) + (rand() < 0.5 ? nl : '');
}

function check(text: string, d: string, final: boolean): 'scanned' | 'declined' {
  const s = new RecordScanner(d).scan(text, final);
  if (s === null) return 'declined';
  const p = papa(text, d, final);
  expect({ text, final, rows: records(text, s), consumed: s.consumed }).toEqual({ text, final, rows: p.rows, consumed: p.consumed });
  return 'scanned';
}

describe('RecordScanner', () => {
  it('reads well-formed CSV exactly as papaparse does, cut anywhere', () => {
    const rand = mulberry32(7);
    let scanned = 0;
    for (let t = 0; t < 3000; t++) {
      const d = [',', ';', '\t', '|'][t % 4];
      const text = csvText(rand, d, t % 3 === 0);
      // Whole, and cut at a random point as a chunk of a stream is.
      if (check(text, d, true) === 'scanned') scanned++;
      const cut = Math.floor(rand() * (text.length + 1));
      check(text.slice(0, cut), d, false);
    }
    // Well-formed text is the fast path's whole point: it must not decline it.
    expect(scanned).toBe(3000);
  });

  it('agrees with papaparse or declines on arbitrary text (stray quotes, CRs, unclosed quotes)', () => {
    const rand = mulberry32(11);
    const counts = { scanned: 0, declined: 0 };
    for (let t = 0; t < 20000; t++) {
      const d = [',', ';'][t % 2];
      const text = randomText(rand, ['a', '"', '"', d, d, '\n', '\r', ' ', 'é'], Math.floor(rand() * 24));
      counts[check(text, d, t % 2 === 0)]++;
    }
    expect(counts.scanned).toBeGreaterThan(2000);
    expect(counts.declined).toBeGreaterThan(2000);
  });

  it('grows past its initial buffers (records with many fields, many records)', () => {
    const wide = Array.from({ length: 20000 }, (_, i) => `v${i}`).join(',');
    const text = `${wide}\n${wide}\n${'x\n'.repeat(5000)}`;
    expect(check(text, ',', true)).toBe('scanned');
  });

  it('only takes dialects it reads like papaparse', () => {
    expect(canScan(',', '\n')).toBe(true);
    expect(canScan('\t', '\n')).toBe(true);
    expect(canScan(',', '\r')).toBe(false);
    expect(canScan('"', '\n')).toBe(false);
    expect(canScan('ab', '\n')).toBe(false);
  });
});
