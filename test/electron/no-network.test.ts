import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';
import { request } from '../host/http';

// The engine and the CLI open no sockets at all; the web host opens exactly one: its listener on 127.0.0.1.
// Each process runs under test/electron/network-guard.cjs, which logs every socket, listen and DNS lookup
// (in the main thread and in the engine worker thread).
const ROOT = path.resolve(__dirname, '../..');
const GUARD = path.join(ROOT, 'test', 'electron', 'network-guard.cjs');
const BIN = path.join(ROOT, 'bin', 'segmentdesk.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'import', 'bad-cells.csv');

interface Entry {
  kind: string;
  threadId: number;
  host?: string;
  port?: number;
  path?: string;
}

const readLog = (file: string): Entry[] =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Entry)
    : [];

describe('no network', () => {
  it('the guard sees and refuses outbound connections (so a clean log means something)', () => {
    const log = path.join(tmpDir(), 'net.log');
    const code = "fetch('http://example.com/').then(() => process.exit(3), () => require('https').get('https://x.example/').on('error', () => process.exit(0)))";
    const r = spawnSync(process.execPath, ['--require', GUARD, '-e', code], { env: { ...process.env, SD_NETWORK_LOG: log, SD_NETWORK_GUARD: 'block' }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readLog(log).filter((e) => e.kind === 'connect').map((e) => `${e.host}:${e.port}`)).toEqual(['example.com:80', 'x.example:443']);
  });

  it('the CLI (and the engine inside it) opens no socket and looks up no name', () => {
    const dir = tmpDir();
    const log = path.join(dir, 'net.log');
    const env = { ...process.env, SD_NETWORK_LOG: log };
    const runs = [
      ['workspace', 'create', '--workspace', 'a.sdw', '--json'],
      ['import', FIXTURE, '--workspace', 'a.sdw', '--name', 'customers', '--json'],
      ['workspace', 'info', '--workspace', 'a.sdw', '--json'],
      ['demo-job', '--steps', '3', '--ms', '10', '--json'],
    ];
    for (const args of runs) {
      const r = spawnSync(process.execPath, ['--require', GUARD, BIN, ...args], { cwd: dir, env, encoding: 'utf8' });
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    const entries = readLog(log);
    expect(entries.filter((e) => e.kind === 'loaded').length).toBeGreaterThanOrEqual(runs.length);
    expect(entries.filter((e) => e.kind !== 'loaded')).toEqual([]);
  });

  it('the web host listens on 127.0.0.1 only, and it and its engine worker connect nowhere', async () => {
    const dir = tmpDir();
    const log = path.join(dir, 'net.log');
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>t</title>');
    const child = spawn(process.execPath, ['--require', GUARD, path.join(ROOT, 'dist', 'host.cjs'), '--state-dir', path.join(dir, 'state'), '--renderer-dir', renderer], {
      env: { ...process.env, SD_NETWORK_LOG: log },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = new URL(await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)));
      const port = Number(url.port);
      const token = url.searchParams.get('token') ?? '';
      const invoke = async (ns: string, method: string, args: unknown) =>
        JSON.parse(
          (await request(port, { method: 'POST', path: '/api/invoke', headers: { 'Content-Type': 'application/json', 'X-SegmentDesk-Token': token }, body: JSON.stringify({ ns, method, args }) })).body,
        );
      expect((await invoke('workspace', 'create', { path: path.join(dir, 'w.sdw') })).ok).toBe(true);
      expect((await invoke('jobs', 'start', { kind: 'demo', params: { steps: 2, ms: 10 } })).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    const entries = readLog(log);
    // The guard ran in the host's main thread and in the engine worker.
    expect(new Set(entries.filter((e) => e.kind === 'loaded').map((e) => e.threadId > 0)).size).toBe(2);
    // listen('127.0.0.1') resolves its own numeric address through dns.lookup: no query leaves the machine.
    const sockets = entries.filter((e) => e.kind !== 'loaded' && !(e.kind === 'lookup' && e.host === '127.0.0.1'));
    expect(sockets.map(({ kind, host, threadId }) => ({ kind, host, threadId }))).toEqual([{ kind: 'listen', host: '127.0.0.1', threadId: 0 }]);
  });
});
