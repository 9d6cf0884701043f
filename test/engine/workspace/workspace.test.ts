import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../../shared/contract/result';
import { engineWithWorkspace } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';
import { Engine } from '../../../electron/engine/engine';
import { createApi } from '../../../shared/contract/client';
import { SCHEMA_VERSION } from '../../../electron/engine/db/migrate';
import { WORKSPACE_PAGE_SIZE } from '../../../electron/engine/db/open';

describe('workspace', () => {
  it('creates a WAL SQLite file at the current schema version and describes it', async () => {
    const { api, file } = await engineWithWorkspace();
    const info = await api.workspace.info({});
    expect(info.workspace).toBe(file);
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    expect(info.datasets).toEqual([]);
    expect(info.sizeBytes).toBeGreaterThan(0);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Large pages for bulk-loaded, scanned tables (see electron/engine/db/open.ts).
    expect(db.pragma('page_size', { simple: true })).toBe(WORKSPACE_PAGE_SIZE);
    db.close();
  });

  it('refuses to overwrite an existing file and to open a non-workspace', async () => {
    const dir = tmpDir();
    const api = createApi((r) => new Engine().invoke(r));
    const notDb = path.join(dir, 'notes.txt');
    fs.writeFileSync(notDb, 'hello');
    await expect(api.workspace.create({ path: notDb })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(api.workspace.open({ path: notDb })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(api.workspace.open({ path: path.join(dir, 'missing.sdw') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = path.join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE t(x)');
    db.close();
    await expect(api.workspace.open({ path: other })).rejects.toThrow(/not a SegmentDesk workspace/);
  });

  it('answers NO_WORKSPACE before one is open, and remembers recent workspaces', async () => {
    const dir = tmpDir();
    const engine = new Engine({ stateDir: dir });
    const api = createApi((r) => engine.invoke(r));
    const err = await api.workspace.info({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).code).toBe('NO_WORKSPACE');
    await api.workspace.create({ path: path.join(dir, 'a.sdw') });
    await api.workspace.create({ path: path.join(dir, 'b.sdw') });
    await api.workspace.open({ path: path.join(dir, 'a.sdw') });
    const recent = await api.workspace.recent({});
    expect(recent.map((r) => path.basename(r.path))).toEqual(['a.sdw', 'b.sdw']);
    expect(recent.every((r) => r.exists)).toBe(true);
    engine.close();
  });

  it('keeps the as-of date in the workspace', async () => {
    const { api, file, engine } = await engineWithWorkspace();
    await api.workspace.setAsOf({ asOf: '2011-12-10' });
    engine.close();
    const again = createApi((r) => new Engine().invoke(r));
    expect((await again.workspace.open({ path: file })).asOf).toBe('2011-12-10');
  });

  it('rejects invalid arguments with BAD_REQUEST naming the field', async () => {
    const { engine } = await engineWithWorkspace();
    const r = await engine.invoke({ ns: 'workspace', method: 'setAsOf', args: { asOf: 'yesterday' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_REQUEST');
      expect(r.error.message).toContain('asOf');
    }
    const u = await engine.invoke({ ns: 'workspace', method: 'dropEverything', args: {} });
    expect(u).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });
});
