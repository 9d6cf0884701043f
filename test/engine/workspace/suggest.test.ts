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

  it('defaults to SegmentDesk/ in the Documents folder (else the home folder), overridable, and makes that folder', async () => {
    const home = tmpDir();
    expect(defaultWorkspaceDir(home, {})).toBe(path.join(home, 'SegmentDesk'));
    fs.mkdirSync(path.join(home, 'Documents'));
    expect(defaultWorkspaceDir(home, {})).toBe(path.join(home, 'Documents', 'SegmentDesk'));
    expect(defaultWorkspaceDir(home, { SEGMENTDESK_WORKSPACES_DIR: '/srv/shared/ws' })).toBe(path.resolve('/srv/shared/ws'));
    const target = path.join(tmpDir(), 'not-yet', 'workspaces');
    const before = process.env.SEGMENTDESK_WORKSPACES_DIR;
    process.env.SEGMENTDESK_WORKSPACES_DIR = target;
    try {
      const s = await api().workspace.suggestPath({ name: 'customers.sdw' });
      expect(s).toEqual({ dir: target, path: path.join(target, 'customers.sdw') });
      expect(fs.statSync(target).isDirectory()).toBe(true);
    } finally {
      if (before === undefined) delete process.env.SEGMENTDESK_WORKSPACES_DIR;
      else process.env.SEGMENTDESK_WORKSPACES_DIR = before;
    }
    expect(defaultWorkspaceDir(os.homedir(), {})).toMatch(/SegmentDesk$/);
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

describe('workspace.listFolders', () => {
  it('lists the sub-folders of a folder, sorted, without files or hidden folders, with its parent', async () => {
    const dir = tmpDir();
    for (const d of ['b-reports', 'A-data', '.hidden']) fs.mkdirSync(path.join(dir, d));
    fs.writeFileSync(path.join(dir, 'customers.csv'), 'id\n1\n');
    fs.symlinkSync(path.join(dir, 'A-data'), path.join(dir, 'c-link'));
    const l = await api().workspace.listFolders({ path: dir });
    expect(l.path).toBe(dir);
    expect(l.parent).toBe(path.dirname(dir));
    expect(l.home).toBe(os.homedir());
    expect(l.folders).toEqual(['A-data', 'b-reports', 'c-link'].map((name) => ({ name, path: path.join(dir, name) })));
    expect((await api().workspace.listFolders({ path: '/' })).parent).toBeNull();
    expect((await api().workspace.listFolders({})).path).toBe(os.homedir());
    await expect(api().workspace.listFolders({ path: path.join(dir, 'customers.csv') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
