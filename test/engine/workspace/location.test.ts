import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { workspacePath } from '../../../electron/engine/workspace/location';
import { createApi } from '../../../shared/contract/client';
import { tmpDir } from '../../helpers/tmp';

const BIN = path.resolve(__dirname, '../../../bin/segmentdesk.js');
const savedHome = process.env.HOME;
afterEach(() => {
  if (savedHome === undefined) delete process.env.HOME;
  else process.env.HOME = savedHome;
});

/** A home folder of the test's own, with a Documents folder in it. */
function fakeHome(): { home: string; docs: string } {
  const home = tmpDir();
  fs.mkdirSync(path.join(home, 'Documents'));
  process.env.HOME = home;
  // New workspaces go to the app's own folder in Documents (created on first use).
  return { home, docs: path.join(home, 'Documents', 'SegmentDesk') };
}

describe('workspace paths are always absolute', () => {
  it('a bare name is created in the documents folder with the .sdw extension, never in the working folder', async () => {
    const { docs } = fakeHome();
    const before = fs.readdirSync(process.cwd());
    const engine = new Engine();
    const api = createApi((r) => engine.invoke(r));
    const info = await api.workspace.create({ path: 'my shop' });
    expect(info.workspace).toBe(path.join(docs, 'my shop.sdw'));
    expect(fs.existsSync(path.join(docs, 'my shop.sdw'))).toBe(true);
    expect(fs.readdirSync(process.cwd())).toEqual(before);
    await api.workspace.close({});
    // Opening by the same bare name finds the same file.
    expect((await api.workspace.open({ path: 'my shop' })).workspace).toBe(path.join(docs, 'my shop.sdw'));
    engine.close();
  });

  it('absolute paths are kept; an existing file without an extension still opens as named', () => {
    const { docs } = fakeHome();
    const dir = tmpDir();
    expect(workspacePath(path.join(dir, 'a.sdw'))).toBe(path.join(dir, 'a.sdw'));
    expect(workspacePath(path.join(dir, 'new'))).toBe(path.join(dir, 'new.sdw'));
    fs.writeFileSync(path.join(dir, 'old'), '');
    expect(workspacePath(path.join(dir, 'old'))).toBe(path.join(dir, 'old'));
    expect(workspacePath('shops/north')).toBe(path.join(docs, 'shops', 'north.sdw'));
    expect(workspacePath('shop', dir)).toBe(path.join(dir, 'shop.sdw'));
  });

  it('the CLI resolves a relative --workspace in its working folder and adds .sdw to a bare name', () => {
    const dir = tmpDir();
    const r = spawnSync(process.execPath, [BIN, 'workspace', 'create', '--workspace', 'my shop', '--json'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).workspace).toBe(path.join(dir, 'my shop.sdw'));
    expect(fs.readdirSync(dir)).toContain('my shop.sdw');
    expect(fs.existsSync(path.join(dir, 'my shop'))).toBe(false);
  });
});
