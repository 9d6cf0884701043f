import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, cli } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';
import { fixture } from './helpers';


/** Import a 240,000-row file and kill the process (SIGKILL) once it reports 10% done. */
async function killedImport(dir: string, ws: string): Promise<void> {
  const big = path.join(dir, 'big.csv');
  const fd = fs.openSync(big, 'w');
  fs.writeSync(fd, 'customer_id,postal_code,amount,note\n');
  for (let b = 0; b < 12; b++) {
    let s = '';
    for (let i = 0; i < 20_000; i++) s += `${b * 20_000 + i},${String(i % 99_999).padStart(5, '0')},${i % 1000}.25,some text for row ${i}\n`;
    fs.writeSync(fd, s);
  }
  fs.closeSync(fd);

  const child = spawn(process.execPath, [CLI_BIN, 'import', big, '--workspace', ws, '--name', 'customers', '--json'], { cwd: dir });
  const killedAt = await new Promise<string>((resolve) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const done = Math.max(0, ...[...err.matchAll(/importing (\d+)%/g)].map((m) => Number(m[1])));
      if (done >= 10 && child.exitCode === null && !child.killed) {
        child.kill('SIGKILL');
        resolve(`importing ${done}%`);
      }
    });
  });
  await new Promise((r) => child.on('close', r));
  expect(child.signalCode).toBe('SIGKILL');
  expect(killedAt).toMatch(/importing/);
}

/** The workspace as it was before the killed import, and still working: the next import becomes version 2. */
async function expectPreviousVersionIntact(dir: string, ws: string): Promise<void> {
  const db = new Database(ws);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.prepare('SELECT version, rows FROM dataset_versions WHERE dataset = ?').all('customers')).toEqual([{ version: 1, rows: 3 }]);
  expect(db.prepare('SELECT customer_id, postal_code FROM customers ORDER BY customer_id').raw().all()).toEqual([
    ['00042', '02108'],
    ['00043', '00501'],
    ['00100', '10001'],
  ]);
  expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name LIKE 'dsv_%'").get()).toEqual({ n: 1 });
  db.close();

  const again = cli(['import', fixture('ragged.csv'), '--workspace', ws, '--name', 'customers', '--json'], dir);
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ version: 2, rows: 4 });
  const list = cli(['datasets', 'list', '--workspace', ws, '--json'], dir);
  expect(JSON.parse(list.stdout).datasets[0]).toMatchObject({ name: 'customers', version: 2, versions: 2, rows: 4 });
  const after = new Database(ws);
  expect(after.pragma('journal_mode', { simple: true })).toBe('wal');
  after.close();
}

async function firstVersion(dir: string, ws: string): Promise<void> {
  const first = cli(['import', fixture('leading-zeros.csv'), '--workspace', ws, '--name', 'customers', '--json'], dir);
  expect(first.code).toBe(0);
  expect(JSON.parse(first.stdout)).toMatchObject({ dataset: 'customers', version: 1, rows: 3 });
}

describe('import: kill -9 in the middle', () => {
  it('leaves the previous version intact and the file consistent (CLI alone: rollback journal)', { timeout: 180_000 }, async () => {
    const dir = tmpDir();
    const ws = path.join(dir, 'ws.sdw');
    await firstVersion(dir, ws);
    await killedImport(dir, ws);
    // Nothing else had the workspace open, so the CLI imported in rollback-journal mode (staging.ts):
    // the kill left a hot journal, which the next open rolls back.
    expect(fs.existsSync(`${ws}-journal`)).toBe(true);
    await expectPreviousVersionIntact(dir, ws);
  });

  it('leaves the previous version intact while another connection has the workspace open (WAL)', { timeout: 180_000 }, async () => {
    const dir = tmpDir();
    const ws = path.join(dir, 'ws.sdw');
    await firstVersion(dir, ws);
    // As an app with the workspace open: the import cannot leave WAL mode and writes through the WAL.
    const app = new Database(ws);
    expect(app.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 3 });
    await killedImport(dir, ws);
    expect(fs.existsSync(`${ws}-journal`)).toBe(false);
    expect(fs.existsSync(`${ws}-wal`)).toBe(true);
    // The open connection still reads the previous version meanwhile.
    expect(app.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 3 });
    app.close();
    await expectPreviousVersionIntact(dir, ws);
  });
});
