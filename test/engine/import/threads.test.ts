import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportParams } from '../../../shared/contract/ns/datasets';
import { engineWithWorkspace } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';
import { fixture, importFile } from './helpers';
import { mulberry32 } from '../../../electron/engine/random';
import { planImport } from '../../../electron/engine/import/plan';
import { produceBatches, type ProduceSpec } from '../../../electron/engine/import/produce';
import { decodeBatch } from '../../../electron/engine/import/encode';

/**
 * With two cores the import parses on a second thread and sends most values as slices of the text
 * (electron/engine/import/encode.ts, locate.ts), and well-formed text is read by the scanner (scan.ts)
 * rather than papaparse. Every way must store exactly the same thing: this imports the same files
 * each way and compares every stored value (with its SQLite type), every cell error and the reported result.
 */
const saved = { threads: process.env.SEGMENTDESK_IMPORT_THREADS, scan: process.env.SEGMENTDESK_IMPORT_SCAN };
afterEach(() => {
  if (saved.threads === undefined) delete process.env.SEGMENTDESK_IMPORT_THREADS;
  else process.env.SEGMENTDESK_IMPORT_THREADS = saved.threads;
  if (saved.scan === undefined) delete process.env.SEGMENTDESK_IMPORT_SCAN;
  else process.env.SEGMENTDESK_IMPORT_SCAN = saved.scan;
});

/**
 * One thread reading with papaparse only is the reference; two threads read well-formed text with the
 * scanner (scan.ts) and send text cells as slices.
 */
async function importedWith(threads: 1 | 2, params: Omit<ImportParams, 'options'> & { options?: Partial<ImportParams['options']> }): Promise<string> {
  process.env.SEGMENTDESK_IMPORT_THREADS = String(threads);
  process.env.SEGMENTDESK_IMPORT_SCAN = threads === 1 ? '0' : '1';
  const { engine, api, file } = await engineWithWorkspace();
  const { status, result } = await importFile(engine, api, { ...params, options: { encoding: 'auto', delimiter: 'auto', decimal: 'auto', dateOrder: 'auto', header: 'auto', ...params.options } } as ImportParams);
  await api.workspace.close({});
  if (status.state !== 'done') return JSON.stringify({ state: status.state, error: status.error });
  const db = new Database(file, { readonly: true });
  try {
    const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(result.dataset) as string[]).map((c) => `"${c.replace(/"/g, '""')}"`);
    const values = db.prepare(`SELECT ${cols.flatMap((c) => [c, `typeof(${c})`]).join(', ')} FROM "${result.dataset}"`).raw().all();
    const errors = db.prepare('SELECT row, column_name, raw, problem FROM cell_errors ORDER BY rowid').raw().all();
    const { ms: _ms, ...rest } = result;
    return JSON.stringify({ rest, values, errors });
  } finally {
    db.close();
  }
}

/** A deterministic CSV with the awkward cases: quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF, blanks, ragged rows, non-ASCII text. */
function trickyCsv(seed: number, rows: number, crlf: boolean): string {
  const r = mulberry32(seed);
  const texts = ['Łukasz', 'Żaneta', 'Chloé', "O'Brien", 'a,b', 'say "hi"', 'two\nlines', '', '  padded  ', '00042', 'x'.repeat(40), '"', 'plain'];
  const nl = crlf ? '\r\n' : '\n';
  const q = (s: string) => (/[",\r\n]/.test(s) || r() < 0.1 ? `"${s.replace(/"/g, '""')}"` : s);
  let out = `id,name,amount,joined,flag,note${nl}`;
  for (let i = 1; i <= rows; i++) {
    if (r() < 0.02) out += nl; // a blank line
    const fields = [`C${String(i).padStart(5, '0')}`, q(texts[Math.floor(r() * texts.length)]), r() < 0.1 ? '' : (r() * 1000).toFixed(2), r() < 0.05 ? 'not a date' : `2024-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`, r() < 0.5 ? 'yes' : 'no', q(texts[Math.floor(r() * texts.length)])];
    if (r() < 0.02) fields.push('extra');
    if (r() < 0.02) fields.pop();
    out += fields.join(',') + nl;
  }
  return out;
}

async function decoded(spec: ProduceSpec): Promise<{ rows: unknown[][]; errors: unknown[]; sliced: number; cells: number }> {
  const rows: unknown[][] = [];
  const errors: unknown[] = [];
  let sliced = 0;
  let cells = 0;
  const sink = {
    slots: [] as (string | number | null)[],
    beginRow: () => 0,
    endRow: () => {
      rows.push(sink.slots.slice(0, spec.columns.length));
    },
  };
  const gen = produceBatches(spec);
  for (let next = await gen.next(); !next.done; next = await gen.next()) {
    const b = next.value;
    // A structured clone, as when the batch crosses threads.
    const copy = structuredClone(b);
    for (const s of copy.starts) sliced += +(s >= 0);
    cells += copy.starts.length;
    decodeBatch(copy, spec.columns.length, sink);
    errors.push(...copy.errors);
  }
  return { rows, errors, sliced, cells };
}

describe('import on two threads', () => {
  it('sends most values as slices of the text, and they decode to exactly the values sent as strings', async () => {
    const file = path.join(tmpDir(), 'tricky.csv');
    fs.writeFileSync(file, trickyCsv(9, 20_000, true));
    const plan = planImport(file, { encoding: 'auto', delimiter: 'auto', decimal: 'auto', dateOrder: 'auto', header: 'auto' });
    const spec: ProduceSpec = { plan: { ...plan, sample: [] }, columns: plan.columns, numericBooleans: plan.columns.map(() => false), idIndex: 0, slices: true, expectedRows: 20_000, scan: false };
    const asSlices = await decoded(spec);
    const asStrings = await decoded({ ...spec, slices: false });
    // The scanner (scan.ts) reads the same values as papaparse, on either thread layout; it gives offsets,
    // so its text cells travel as slices even on one thread (which is how it shows it read the text).
    for (const slices of [true, false]) {
      const scanned = await decoded({ ...spec, slices, scan: true });
      expect(scanned).toMatchObject({ rows: asStrings.rows, errors: asStrings.errors });
      expect(scanned.sliced / scanned.cells).toBeGreaterThan(0.4);
    }
    expect(asSlices.rows.length).toBeGreaterThan(19_000);
    expect(asSlices.rows).toEqual(asStrings.rows);
    expect(asSlices.errors).toEqual(asStrings.errors);
    expect(asStrings.sliced).toBe(0);
    // Text-like cells are most of this file; all but the doubled-quote ones should travel as slices.
    expect(asSlices.sliced / asSlices.cells).toBeGreaterThan(0.4);
  });

  const files = ['bad-cells.csv', 'bools-langs.csv', 'dates-ambiguous.csv', 'dates-mdy.csv', 'dup-headers.csv', 'leading-zeros.csv', 'mixed-eol.csv', 'ragged.csv', 'unterminated-quote.csv', 'utf16be-bom.csv', 'utf16le-bom.csv'];
  for (const name of files) {
    it(`stores ${name} exactly as one thread does`, async () => {
      const one = await importedWith(1, { path: fixture(name), as: 'customers' });
      const two = await importedWith(2, { path: fixture(name), as: 'customers' });
      expect(two).toBe(one);
    });
  }

  it('stores generated files with quotes, line breaks in fields, CRLF, blanks and ragged rows exactly as one thread does', async () => {
    const dir = tmpDir();
    for (const [seed, crlf] of [
      [1, false],
      [2, true],
      [3, false],
    ] as const) {
      const file = path.join(dir, `tricky-${seed}.csv`);
      // Large enough for many read chunks, so records and quoted fields straddle chunk boundaries.
      fs.writeFileSync(file, trickyCsv(seed, 20_000, crlf));
      const one = await importedWith(1, { path: file, as: 'customers' });
      const two = await importedWith(2, { path: file, as: 'customers' });
      expect(JSON.parse(two).rest.rows).toBeGreaterThan(19_000);
      expect(two).toBe(one);
    }
  });

  it('stores a semicolon Windows-1250 file with decimal commas exactly as one thread does', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'pl.csv');
    const text = ['imię;kwota;data', ...Array.from({ length: 5000 }, (_, i) => `${i % 2 ? 'Łukasz' : 'Żaneta'};${i},5${i % 10};${String(1 + (i % 28)).padStart(2, '0')}.0${1 + (i % 9)}.2023`)].join('\r\n');
    const iconv = await import('iconv-lite');
    fs.writeFileSync(file, iconv.default.encode(text, 'windows-1250'));
    const one = await importedWith(1, { path: file, as: 'customers' });
    const two = await importedWith(2, { path: file, as: 'customers' });
    expect(JSON.parse(two).values[0]).toEqual(['Żaneta', 'text', 0.5, 'real', '2023-01-01', 'text']);
    expect(two).toBe(one);
  });
});
