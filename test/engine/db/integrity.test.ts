import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { afterIntegrity, assertIntact, checkInBackground, checkIntegrity, whenChecked, writableNow } from '../../../electron/engine/db/integrity';
import { tmpDir } from '../../helpers/tmp';
import { Engine } from '../../../electron/engine/engine';
import { mulberry32 } from '../../../electron/engine/random';
import { createApi } from '../../../shared/contract/client';
import { engineWithWorkspace } from '../../helpers/engine';
import { importFile } from '../import/helpers';

const BIN = path.resolve(__dirname, '../../../bin/segmentdesk.js');

/** A CSV of `rows` customers, written into `dir`. */
function customersCsv(dir: string, name: string, rows: number): string {
  const file = path.join(dir, name);
  const lines = ['customer_id,name,city,spend'];
  for (let i = 1; i <= rows; i++) lines.push(`C${String(i).padStart(6, '0')},Customer number ${i},City ${i % 97},${(i * 1.37).toFixed(2)}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Overwrite 4 KB in the middle of the file with (seeded) random bytes, as a failing disk or a bad copy would. */
function corrupt(file: string): void {
  const r = mulberry32(4242);
  const junk = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(r() * 256)));
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, junk, 0, junk.length, Math.floor(fs.statSync(file).size / 2));
  fs.closeSync(fd);
}

/** The file and its journals as bytes (an empty WAL, which a read-only connection may leave, holds nothing). */
const digest = (file: string) =>
  ['', '-wal', '-journal'].map((s) => (fs.existsSync(file + s) && fs.statSync(file + s).size > 0 ? createHash('sha256').update(fs.readFileSync(file + s)).digest('hex') : '-')).join(',');

/** A real workspace with a 60,000-row dataset, closed (checkpointed) and then damaged. */
async function damagedWorkspace(): Promise<{ dir: string; file: string }> {
  const { engine, api, dir, file } = await engineWithWorkspace();
  const { status } = await importFile(engine, api, { path: customersCsv(dir, 'customers.csv', 60_000), name: 'customers' });
  expect(status.error).toBeUndefined();
  await api.workspace.close({});
  engine.close();
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  corrupt(file);
  return { dir, file };
}

describe('damaged workspaces', () => {
  it('an intact workspace opens read-write with no damage reported', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    await api.workspace.close({});
    const info = await api.workspace.open({ path: file });
    expect(info.damaged ?? null).toBeNull();
    engine.close();
  });

  it('opens read-only with a message saying what to do, and an import writes nothing into it', async () => {
    const { dir, file } = await damagedWorkspace();
    const engine = new Engine();
    const api = createApi((r) => engine.invoke(r));
    const info = await api.workspace.open({ path: file });
    expect(info.damaged).toContain(`${file} is damaged`);
    expect(info.damaged).toMatch(/read-only/);
    expect(info.damaged).toMatch(/last good copy/);
    expect(info.damaged).toMatch(/\.recover/);
    const before = digest(file);
    const { status } = await importFile(engine, api, { path: customersCsv(dir, 'more.csv', 100), name: 'more' });
    expect(status.state).toBe('failed');
    expect(status.error?.message).toContain(`${file} is damaged`);
    await api.workspace.close({});
    engine.close();
    expect(digest(file)).toBe(before);
  });

  it('the CLI refuses to import into it (exit 1, the message on stderr) and leaves the file as it was', async () => {
    const { dir, file } = await damagedWorkspace();
    const before = digest(file);
    const r = spawnSync(process.execPath, [BIN, 'import', customersCsv(dir, 'more.csv', 100), '--workspace', file, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file} is damaged`);
    expect(digest(file)).toBe(before);
  });

  it('before a write, a check older than a minute is run again: damage after opening is caught too', () => {
    const file = path.join(tmpDir(), 'plain.sqlite');
    const db = new Database(file);
    db.pragma('cache_size = 0');
    db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)');
    const ins = db.prepare('INSERT INTO t(v) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++) ins.run(`value number ${i} ${'x'.repeat(40)}`);
    })();
    expect(checkIntegrity(db)).toBeNull();
    corrupt(file);
    // Within a minute of the last check the write goes ahead unchecked (the CLI checks on every open).
    expect(() => assertIntact(db, file)).not.toThrow();
    const now = performance.now();
    const clock = vi.spyOn(performance, 'now').mockReturnValue(now + 61_000);
    try {
      expect(() => assertIntact(db, file)).toThrow(/is damaged/);
    } finally {
      clock.mockRestore();
      db.close();
    }
  });
});


describe('big workspaces are checked on their own thread (cold open, #20)', () => {
  const saved = process.env.SEGMENTDESK_BACKGROUND_CHECK_BYTES;
  const withThreshold = async (bytes: string, fn: () => Promise<void>) => {
    process.env.SEGMENTDESK_BACKGROUND_CHECK_BYTES = bytes;
    try {
      await fn();
    } finally {
      if (saved === undefined) delete process.env.SEGMENTDESK_BACKGROUND_CHECK_BYTES;
      else process.env.SEGMENTDESK_BACKGROUND_CHECK_BYTES = saved;
    }
  };

  it('a write during the check is refused by query_only, waits for the check and runs again', async () => {
    const file = path.join(tmpDir(), 'plain.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)');
    const check = checkInBackground(db, file);
    let attempts = 0;
    const id = await afterIntegrity(db, file, async () => {
      attempts++;
      return db.prepare('INSERT INTO t(v) VALUES (?)').run('kept').lastInsertRowid;
    });
    expect(attempts).toBe(2);
    expect(id).toBe(1);
    expect(await check).toBeNull();
    expect(await whenChecked(db)).toBeNull();
    expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual(['kept']);
    db.close();
  });

  it('work that ends in a write fails fast during the check (writableNow), so its expensive part runs once', async () => {
    const file = path.join(tmpDir(), 'plain.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)');
    const check = checkInBackground(db, file);
    let attempts = 0;
    let expensive = 0;
    await afterIntegrity(db, file, async () => {
      attempts++;
      writableNow(db);
      expensive++;
      db.prepare('INSERT INTO t(v) VALUES (?)').run('once');
    });
    expect(attempts).toBe(2);
    expect(expensive).toBe(1);
    expect(await check).toBeNull();
    // After the check it passes at once.
    expect(() => writableNow(db)).not.toThrow();
    expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual(['once']);
    db.close();
  });

  it('an intact one answers at once, and a write made while the check runs waits for it and is kept', async () =>
    withThreshold('0', async () => {
      const { engine, api, dir, file } = await engineWithWorkspace();
      expect((await importFile(engine, api, { path: customersCsv(dir, 'customers.csv', 60_000), name: 'customers' })).status.state).toBe('done');
      await api.workspace.close({});
      const info = await api.workspace.open({ path: file });
      expect(info.damaged ?? null).toBeNull();
      expect((await api.segments.count({ dataset: 'customers', rule: { field: 'spend', op: 'gt', value: 100 } })).count).toBe(60_000 - 72);
      // Saved straight after opening: the connection is query_only until the check passes; the save waits and runs.
      await api.segments.save({ dataset: 'customers', name: 'spenders', rule: { field: 'spend', op: 'gt', value: 100 } });
      expect((await api.segments.list({})).map((x) => x.name)).toEqual(['spenders']);
      expect((await importFile(engine, api, { path: customersCsv(dir, 'more.csv', 10), name: 'more' })).status.state).toBe('done');
      await api.workspace.close({});
      engine.close();
      const db = new Database(file, { readonly: true });
      expect(db.prepare('SELECT name FROM segments').pluck().all()).toEqual(['spenders']);
      db.close();
    }));

  it('a damaged one is found after opening: the app is told, it turns read-only, and no write reaches the file', async () =>
    withThreshold('0', async () => {
      const { dir, file } = await damagedWorkspace();
      const events: string[] = [];
      const engine = new Engine({ onEvent: (e) => e.type === 'workspace' && events.push(e.change) });
      const api = createApi((r) => engine.invoke(r));
      const before = digest(file);
      await api.workspace.open({ path: file });
      await expect.poll(async () => (await api.workspace.info({})).damaged ?? null, { timeout: 20_000 }).toContain(`${file} is damaged`);
      expect(events).toContain('external');
      await expect(api.segments.save({ dataset: 'customers', name: 'x', rule: { field: 'spend', op: 'gt', value: 1 } })).rejects.toThrow(/is damaged|read-only|readonly/);
      const { status } = await importFile(engine, api, { path: customersCsv(dir, 'more.csv', 100), name: 'more' });
      expect(status.state).toBe('failed');
      expect(status.error?.message).toContain(`${file} is damaged`);
      await api.workspace.close({});
      engine.close();
      expect(digest(file)).toBe(before);
    }));
});
