import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { defaultWorkspaceDir } from '../../../electron/engine/workspace/suggest';
import { createApi } from '../../../shared/contract/client';
import { tmpDir } from '../../helpers/tmp';

const api = () => createApi((r) => new Engine().invoke(r));

describe('workspace.suggestPath', () => {
  it('suggests the name in the folder, then -2, -3… without ever naming an existing file', async () => {
    const dir = tmpDir();
    const a = api();
    expect(await a.workspace.suggestPath({ name: 'segmentdesk-demo.sdw', dir })).toEqual({ path: path.join(dir, 'segmentdesk-demo.sdw'), dir });
    fs.writeFileSync(path.join(dir, 'segmentdesk-demo.sdw'), 'x');
    expect((await a.workspace.suggestPath({ name: 'segmentdesk-demo.sdw', dir })).path).toBe(path.join(dir, 'segmentdesk-demo-2.sdw'));
    // A leftover SQLite side file counts as taken too: a new workspace must not adopt its journal.
    fs.writeFileSync(path.join(dir, 'segmentdesk-demo-2.sdw-wal'), 'x');
    expect((await a.workspace.suggestPath({ name: 'segmentdesk-demo.sdw', dir })).path).toBe(path.join(dir, 'segmentdesk-demo-3.sdw'));
  });

  it('the suggested path can be created, and the next suggestion moves on', async () => {
    const dir = tmpDir();
    const engine = new Engine();
    const a = createApi((r) => engine.invoke(r));
    const first = await a.workspace.suggestPath({ name: 'demo.sdw', dir });
    await a.demo.create({ path: first.path });
    expect(fs.existsSync(first.path)).toBe(true);
    expect((await a.workspace.suggestPath({ name: 'demo.sdw', dir })).path).toBe(path.join(dir, 'demo-2.sdw'));
    engine.close();
  });

  it("defaults to the user's Documents folder when there is one, else the home folder", async () => {
    const home = tmpDir();
    expect(defaultWorkspaceDir(home)).toBe(home);
    fs.mkdirSync(path.join(home, 'Documents'));
    expect(defaultWorkspaceDir(home)).toBe(path.join(home, 'Documents'));
    const s = await api().workspace.suggestPath({ name: 'segmentdesk-demo.sdw' });
    expect(s.dir).toBe(defaultWorkspaceDir(os.homedir()));
    expect(path.dirname(s.path)).toBe(s.dir);
    expect(fs.existsSync(s.path)).toBe(false);
  });

  it('takes a bare .sdw file name and an existing folder only', async () => {
    const dir = tmpDir();
    const a = api();
    for (const name of ['../escape.sdw', 'sub/demo.sdw', 'demo.csv', '', 'C:demo.sdw']) {
      await expect(a.workspace.suggestPath({ name, dir }), name).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(a.workspace.suggestPath({ name: 'demo.sdw', dir: path.join(dir, 'missing') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
