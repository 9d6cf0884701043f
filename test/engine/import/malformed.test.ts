import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { engineWithWorkspace } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';
import { fixture, importFile, snapshot } from './helpers';

/**
 * A quote never closed (or closed and followed by more text) early in a big file reads the rest of the
 * file into one value: such an import stops with file, line and column and stores nothing, unless the
 * user accepts it. Every way of reading: papaparse or the scanner, one thread or two.
 */
const saved = { threads: process.env.SEGMENTDESK_IMPORT_THREADS, scan: process.env.SEGMENTDESK_IMPORT_SCAN };
afterEach(() => {
  for (const [k, v] of [['SEGMENTDESK_IMPORT_THREADS', saved.threads], ['SEGMENTDESK_IMPORT_SCAN', saved.scan]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const WAYS = [
  { threads: '1', scan: '0' },
  { threads: '1', scan: '1' },
  { threads: '2', scan: '0' },
  { threads: '2', scan: '1' },
];

/** 20,000 records (about 1 MB, many read chunks); record `bad` (line bad + 1) holds `field`. */
function bigFile(dir: string, bad: number, field: string): string {
  const lines = ['id,name,amount,note'];
  for (let i = 1; i <= 20_000; i++) lines.push(i === bad ? `${i},Eve,${i}.5,${field}` : `${i},name ${i},${i}.25,plain note number ${i}`);
  const file = path.join(dir, `big-${bad}.csv`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('import: malformed quotes that would swallow much of the file', () => {
  for (const way of WAYS) {
    it(`a quote never closed at record 5 is refused with file, line and column, and nothing is stored (${way.threads} thread(s), scanner ${way.scan === '1' ? 'on' : 'off'})`, async () => {
      process.env.SEGMENTDESK_IMPORT_THREADS = way.threads;
      process.env.SEGMENTDESK_IMPORT_SCAN = way.scan;
      const { engine, api, dir, file: ws } = await engineWithWorkspace();
      await importFile(engine, api, { path: fixture('leading-zeros.csv'), name: 'existing' });
      const before = snapshot(ws);
      const file = bigFile(dir, 5, '"never closed');
      const { status } = await importFile(engine, api, { path: file, name: 'existing' });
      expect(status.state).toBe('failed');
      expect(status.error?.code).toBe('BAD_INPUT');
      // "5,Eve,5.5," is 10 characters: the quote is in column 11 of line 6 (the header is line 1).
      expect(status.error?.message).toContain(`${file}: line 6, column 11: a quote opened here is never closed (seen: "never closed↵6,name 6`);
      expect(status.error?.message).toMatch(/19995 of the file's 20001 lines .* leaving 5 rows/);
      // The app offers "import anyway" as a choice; only the CLI names the flag.
      expect(status.error?.message).toMatch(/import anyway keeping the text as read\.$/);
      expect(status.error?.details).toMatchObject({ line: 6, column: 11, acceptable: 'acceptMalformed', cli: 'to import anyway, add --accept-malformed' });
      expect(snapshot(ws)).toBe(before);

      // Accepted: imported as read, with the problem recorded.
      const { status: s2, result } = await importFile(engine, api, { path: file, name: 'swallowed', acceptMalformed: true });
      expect(s2.error).toBeUndefined();
      expect(result.rows).toBe(5);
      expect(result.warnings.join(' ')).toMatch(/19995 of the file's 20001 lines .* as asked/);
      engine.close();
    });
  }

  it('a quoted field followed by more text early in the file is refused too (papaparse reads on to the next quote)', async () => {
    const { engine, api, dir, file: ws } = await engineWithWorkspace();
    const before = snapshot(ws);
    const file = bigFile(dir, 3, '"quoted"then more');
    const { status } = await importFile(engine, api, { path: file });
    expect(status.error?.code).toBe('BAD_INPUT');
    expect(status.error?.message).toContain(`${file}: line 4, column 11: a quoted field is followed by more text`);
    expect(snapshot(ws)).toBe(before);
    engine.close();
  });

  it('a quote problem that takes only a line or two is kept with a warning, as before', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const file = bigFile(dir, 19_999, '"never closed');
    const { status, result } = await importFile(engine, api, { path: file });
    expect(status.error).toBeUndefined();
    expect(result.rows).toBe(19_999);
    expect(result.warnings.join(' ')).toMatch(/never closed/);
    engine.close();
  });

  it('the CLI refuses with exit 1 and the message, and imports with --accept-malformed', () => {
    const dir = tmpDir();
    const file = bigFile(dir, 5, '"never closed');
    const bin = path.resolve(__dirname, '../../../bin/segmentdesk.js');
    const refused = spawnSync(process.execPath, [bin, 'import', file, '--workspace', 'ws.sdw', '--json'], { cwd: dir, encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('line 6, column 11: a quote opened here is never closed');
    expect(refused.stderr).toMatch(/\(to import anyway, add --accept-malformed\)\n$/);
    const accepted = spawnSync(process.execPath, [bin, 'import', file, '--workspace', 'ws.sdw', '--accept-malformed', '--json'], { cwd: dir, encoding: 'utf8' });
    expect(accepted.status).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ rows: 5 });
  });
});
