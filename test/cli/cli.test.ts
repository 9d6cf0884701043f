import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CLI_BIN as BIN, cli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';


describe('segmentdesk CLI', () => {
  it('creates a workspace and prints one JSON object', () => {
    const dir = tmpDir();
    const r = cli(['workspace', 'create', '--workspace', 'x.sdw', '--json'], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ workspace: path.join(dir, 'x.sdw'), schemaVersion: expect.any(Number), datasets: [] });
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const db = new Database(path.join(dir, 'x.sdw'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const info = JSON.parse(execFileSync(process.execPath, [BIN, 'workspace', 'info', '--workspace', 'x.sdw', '--json'], { cwd: dir, encoding: 'utf8' }));
    expect(info.schemaVersion).toBe(out.schemaVersion);
  });

  it('fails with a one-line error and a non-zero exit code', () => {
    const dir = tmpDir();
    const missing = cli(['workspace', 'info', '--workspace', 'nope.sdw', '--json'], dir);
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/does not exist/);
    const unknown = cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    const noWs = cli(['workspace', 'info', '--json']);
    expect(noWs.stderr).toMatch(/--workspace/);
  });

  it('runs a job with progress on stderr and the result on stdout', () => {
    const r = cli(['demo-job', '--steps', '3', '--ms', '120', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ steps: 3 });
    expect(r.stderr).toMatch(/Demo job/);
  });
});
