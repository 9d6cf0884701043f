import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { knownIntact } from '../../../electron/engine/db/checked';
import { Engine } from '../../../electron/engine/engine';
import { Workspace } from '../../../electron/engine/workspace/workspace';
import { mulberry32 } from '../../../electron/engine/random';
import { createApi } from '../../../shared/contract/client';
import { engineWithWorkspace } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';
import { importFile } from '../import/helpers';

/**
 * Workspaces closed intact are remembered per file state (db/checked.ts): an unchanged one opens without
 * its whole-file check, and any change to the file (a write by another tool, damaged bytes) makes the
 * next opening check it again.
 */
const BIN = path.resolve(__dirname, '../../../bin/segmentdesk.js');
const saved = process.env.SEGMENTDESK_BACKGROUND_CHECK_BYTES;
afterEach(() => {
  if (saved === undefined) delete process.env.SEGMENTDESK_BACKGROUND_CHECK_BYTES;
  else process.env.SEGMENTDESK_BACKGROUND_CHECK_BYTES = saved;
});

function customersCsv(dir: string, rows: number): string {
  const file = path.join(dir, 'customers.csv');
  const lines = ['customer_id,city,spend'];
  for (let i = 1; i <= rows; i++) lines.push(`C${i},City ${i % 13},${i}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function closedWorkspace(): Promise<{ dir: string; file: string }> {
  const { engine, api, dir, file } = await engineWithWorkspace();
  expect((await importFile(engine, api, { path: customersCsv(dir, 20_000), name: 'customers' })).status.state).toBe('done');
  await api.workspace.close({});
  engine.close();
  return { dir, file };
}

/**
 * As if the workspace had last been written a while ago: its time set 10 s back, then opened (checked, the state
 * having changed) and closed without a write, which records a state old enough to trust.
 */
function settled(dir: string, file: string): void {
  const past = new Date(Date.now() - 10_000);
  fs.utimesSync(file, past, past);
  Workspace.open(file, { checkMemory: dir }).close();
}

/** Opens `file` with `memory` as the engine's state folder; every file is checked on its own thread, so a pending check shows as query_only. */
async function openWith(memory: string, file: string) {
  process.env.SEGMENTDESK_BACKGROUND_CHECK_BYTES = '0';
  const engine = new Engine({ stateDir: memory });
  const api = createApi((r) => engine.invoke(r));
  const info = await api.workspace.open({ path: file });
  const checking = engine.ctx.ws().db.pragma('query_only', { simple: true }) === 1;
  return { engine, api, info, checking };
}

describe('workspaces remembered intact', () => {
  it('an unchanged workspace opens without the whole-file check; a fresh state folder checks it', async () => {
    const { dir, file } = await closedWorkspace();
    // The close waited out the racy window after its own last write, so the entry is trusted at once.
    expect(knownIntact(dir, file)).toBe(true);
    // An entry recorded within a clock tick or two of the file's last change is not (a write right after could leave the same time).
    const memory = path.join(dir, 'checked-workspaces.json');
    const entries = JSON.parse(fs.readFileSync(memory, 'utf8')) as Record<string, string>;
    const mtimeMs = Number(fs.statSync(file, { bigint: true }).mtimeNs / 1_000_000n);
    const key = entries[file].split('@')[0];
    fs.writeFileSync(memory, JSON.stringify({ ...entries, [file]: `${key}@${mtimeMs + 10}` }));
    expect(knownIntact(dir, file)).toBe(false);
    fs.writeFileSync(memory, JSON.stringify({ ...entries, [file]: `${key}@${mtimeMs + 100}` }));
    expect(knownIntact(dir, file)).toBe(true);
    const known = await openWith(dir, file);
    expect(known.checking).toBe(false);
    expect((await known.api.segments.count({ dataset: 'customers', rule: { field: 'spend', op: 'gt', value: 100 } })).count).toBe(19_900);
    await known.api.workspace.close({});
    known.engine.close();

    const other = await openWith(tmpDir(), file);
    expect(other.checking).toBe(true);
    other.engine.close();
  });

  it('a write by another program makes the next opening check again', async () => {
    const { dir, file } = await closedWorkspace();
    settled(dir, file);
    expect(knownIntact(dir, file)).toBe(true);
    const db = new Database(file);
    db.exec("INSERT INTO meta(key, value) VALUES ('note', 'written by sqlite3')");
    db.close();
    expect(knownIntact(dir, file)).toBe(false);
    const again = await openWith(dir, file);
    expect(again.checking).toBe(true);
    again.engine.close();
  });

  it('damaged bytes are found although the workspace was remembered intact, and it is forgotten', async () => {
    const { dir, file } = await closedWorkspace();
    settled(dir, file);
    expect(knownIntact(dir, file)).toBe(true);
    // Junk over the first bytes of the customers table's root page: its B-tree, which quick_check reads
    // (random bytes in the middle of the file may land in BLOB content, which it does not).
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = (SELECT table_name FROM dataset_versions WHERE dataset = 'customers')").pluck().get() as number;
    db.close();
    const r = mulberry32(7);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from(Array.from({ length: 512 }, () => Math.floor(r() * 256))), 0, 512, (root - 1) * pageSize);
    fs.closeSync(fd);
    const opened = await openWith(dir, file);
    await expect.poll(async () => (await opened.api.workspace.info({})).damaged ?? null, { timeout: 20_000 }).toContain(`${file} is damaged`);
    await opened.api.workspace.close({});
    opened.engine.close();
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'checked-workspaces.json'), 'utf8'))).not.toHaveProperty(file);
  });

  it('the CLI remembers in SEGMENTDESK_STATE_DIR (empty: never)', async () => {
    const { file } = await closedWorkspace();
    const past = new Date(Date.now() - 10_000);
    fs.utimesSync(file, past, past);
    const state = tmpDir();
    const run = (env: Record<string, string>) => spawnSync(process.execPath, [BIN, 'datasets', 'list', '--workspace', file, '--json'], { encoding: 'utf8', env: { ...process.env, ...env } });
    expect(run({ SEGMENTDESK_STATE_DIR: '' }).status).toBe(0);
    expect(fs.existsSync(path.join(state, 'checked-workspaces.json'))).toBe(false);
    expect(run({ SEGMENTDESK_STATE_DIR: state }).status).toBe(0);
    expect(knownIntact(state, file)).toBe(true);
  });
});
