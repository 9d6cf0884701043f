import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { tokenizeFast } from '../../../electron/engine/import/tokenize';

/** papaparse exactly as the importer called it before the fast path: the reference. */
function reference(text: string, delimiter: string, newline: '\n' | '\r', final: boolean): { rows: string[][]; consumed: number } {
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  const res = parser.parse(text, 0, !final) as { data: string[][]; meta: { cursor: number } };
  return { rows: res.data, consumed: final ? text.length : res.meta.cursor };
}

/** Where the fast path answers, it must answer exactly as papaparse; where it declines, papaparse is used. */
function agree(text: string, delimiter: string, newline: '\n' | '\r'): number {
  let answered = 0;
  for (const final of [true, false]) {
    const fast = tokenizeFast(text, delimiter, newline, final);
    if (!fast) continue;
    answered++;
    expect(fast, JSON.stringify({ text, delimiter, newline, final })).toEqual(reference(text, delimiter, newline, final));
  }
  return answered;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fast CSV tokenizer vs papaparse', () => {
  it('agrees on every fixture, with every delimiter and both newline modes', () => {
    const dir = path.resolve(__dirname, '../../fixtures/import');
    for (const f of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, f), 'latin1');
      for (const d of [',', ';', '\t', '|']) for (const nl of ['\n', '\r'] as const) agree(text, d, nl);
    }
  });

  it('agrees on random quoted, ragged, multi-line inputs cut at random points', () => {
    const r = rng(42);
    const atoms = ['a', 'bc', '', ' ', ',', ';', '"', '""', '\n', '\r\n', '\r', 'ż', 'x y'];
    let answered = 0;
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const rows = 1 + Math.floor(r() * 5);
      for (let i = 0; i < rows; i++) {
        const width = 1 + Math.floor(r() * 4);
        const fields: string[] = [];
        for (let j = 0; j < width; j++) {
          let v = '';
          for (let m = Math.floor(r() * 3); m > 0; m--) v += atoms[Math.floor(r() * atoms.length)];
          // Mostly well-formed quoting (so the fast path is exercised), sometimes raw (malformed) text.
          fields.push(r() < 0.4 ? `"${v.replace(/"/g, '""')}"` : r() < 0.8 ? v.replace(/["\n\r,]/g, '') : v);
        }
        text += fields.join(',') + (r() < 0.5 ? '\n' : '\r\n');
      }
      const cut = r() < 0.5 ? text : text.slice(0, Math.floor(r() * text.length));
      answered += agree(cut, ',', '\n');
    }
    // The comparison is only meaningful if the fast path answered a good share of the cases.
    expect(answered).toBeGreaterThan(1000);
  });
});
