import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BareCrNormaliser } from '../../../electron/engine/import/line-ends';
import { engineWithWorkspace } from '../../helpers/engine';
import { importFile } from './helpers';

const saved = { threads: process.env.SEGMENTDESK_IMPORT_THREADS, scan: process.env.SEGMENTDESK_IMPORT_SCAN };
afterEach(() => {
  for (const [k, v] of [['SEGMENTDESK_IMPORT_THREADS', saved.threads], ['SEGMENTDESK_IMPORT_SCAN', saved.scan]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** The values each quoted note holds, exactly as written between its quotes. */
const NOTES = ['cr\rinside', 'lf\ninside', 'crlf\r\ninside', 'ends with cr\r', 'two\r\rcrs', 'plain'];

/** One thread reading with papaparse only, and two threads with the scanner. */
const WAYS = [
  { threads: '1', scan: '0' },
  { threads: '2', scan: '1' },
];

async function importAndRead(text: string): Promise<unknown[][][]> {
  const out: unknown[][][] = [];
  for (const way of WAYS) {
    process.env.SEGMENTDESK_IMPORT_THREADS = way.threads;
    process.env.SEGMENTDESK_IMPORT_SCAN = way.scan;
    const { engine, api, dir, file: ws } = await engineWithWorkspace();
    const file = path.join(dir, 'notes.csv');
    fs.writeFileSync(file, text);
    const { status } = await importFile(engine, api, { path: file, name: 'notes' });
    expect(status.error).toBeUndefined();
    await api.workspace.close({});
    engine.close();
    const db = new Database(ws, { readonly: true });
    out.push(db.prepare('SELECT id, note, last FROM notes ORDER BY id').raw().all() as unknown[][]);
    db.close();
  }
  return out;
}

describe('import: CR, LF and CRLF inside quoted fields are stored exactly as in the file', () => {
  for (const [label, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const) {
    it(`${label} line ends, one and two threads`, async () => {
      const rows = NOTES.map((n, i) => `${i + 1},"${n}","${n}"`);
      const expected = NOTES.map((n, i) => [String(i + 1), n, n]);
      for (const stored of await importAndRead(`id,note,last${eol}${rows.join(eol)}${eol}`)) expect(stored).toEqual(expected);
    });
  }

  it('a file that also ends some lines with a bare CR: those are line breaks, CRs inside quotes stay', async () => {
    const rows = NOTES.map((n, i) => `${i + 1},"${n}","${n}"`);
    const text = `id,note,last\n${rows[0]}\r${rows[1]}\r\n${rows[2]}\n${rows.slice(3).join('\r')}\r`;
    const expected = NOTES.map((n, i) => [String(i + 1), n, n]);
    for (const stored of await importAndRead(text)) expect(stored).toEqual(expected);
  });

  it('the bare-CR normaliser gives the same text wherever the chunks are cut', () => {
    const text = 'a,"x\ry",b\rc,d"e\r"q""\r",f\r\n"g""\r",h\r';
    const whole = new BareCrNormaliser(',').write(text, true);
    expect(whole).toBe('a,"x\ry",b\nc,d"e\n"q""\r",f\r\n"g""\r",h\n');
    for (let cut = 0; cut <= text.length; cut++) {
      const n = new BareCrNormaliser(',');
      expect(n.write(text.slice(0, cut)) + n.write(text.slice(cut), true), `cut at ${cut}`).toBe(whole);
    }
  });
});
