import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../electron/engine/worker/client';
import { startWebHost, type WebHost } from '../../electron/host/server';
import { CSP } from '../../electron/main/csp';
import { cookieName } from '../../electron/host/guard';
import { tmpDir } from '../helpers/tmp';
import { readEvents, request } from './http';

const DIST = path.resolve(__dirname, '../../dist');

let engine: EngineClient;
let host: WebHost;
let renderer: string;

// One engine worker and host for the file: starting a worker costs about a second.
beforeAll(async () => {
  renderer = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-renderer-'));
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><html><head><script type="module" src="./app.js"></script></head><body>start</body></html>');
  fs.writeFileSync(path.join(renderer, 'app.js'), 'console.log(1)');
  engine = new EngineClient({ workerFile: path.join(DIST, 'engine-worker.cjs'), stateDir: renderer });
  await engine.ready;
  host = await startWebHost({ engine, rendererDir: renderer, shimFile: path.join(DIST, 'web-shim.cjs'), appVersion: '9.9.9', maxUploadBytes: 1024 });
});

afterAll(async () => {
  await host.close();
  await engine.close();
  fs.rmSync(renderer, { recursive: true, force: true });
});

const auth = () => ({ 'X-SegmentDesk-Token': host.token });
const invoke = (body: unknown, headers: Record<string, string> = auth()) =>
  request(host.port, { method: 'POST', path: '/api/invoke', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('web host guard', () => {
  it('rejects a request without the token', async () => {
    const r = await request(host.port, { path: '/' });
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/missing token/);
    expect((await invoke({ ns: 'workspace', method: 'info', args: {} }, {})).status).toBe(403);
    expect((await request(host.port, { path: '/api/events' })).status).toBe(403);
  });

  it('rejects a wrong token', async () => {
    expect((await request(host.port, { path: `/?token=${host.token}x` })).status).toBe(403);
    expect((await request(host.port, { path: '/', headers: { Cookie: `${cookieName(host.port)}=nope` } })).status).toBe(403);
  });

  it('rejects a foreign Origin even with the token', async () => {
    const r = await invoke({ ns: 'workspace', method: 'info', args: {} }, { ...auth(), Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/Origin/);
    expect((await request(host.port, { path: '/', headers: { ...auth(), Origin: `http://127.0.0.1:${host.port + 1}` } })).status).toBe(403);
  });

  it('rejects a foreign Host header (DNS rebinding) even with the token', async () => {
    const r = await request(host.port, { path: '/', headers: { ...auth(), Host: 'evil.example' } });
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/Host/);
    expect((await request(host.port, { path: '/', headers: { ...auth(), Host: `evil.example:${host.port}` } })).status).toBe(403);
  });

  it('trades the link token for an HttpOnly cookie, then serves the app with the CSP and the shim', async () => {
    const first = await request(host.port, { path: `/?token=${host.token}` });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']?.[0]);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await request(host.port, { path: '/', headers: { Cookie: cookie.split(';')[0], Host: `localhost:${host.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(page.body).toMatch(/<script src="\.\/__sd\/web-api\.js"><\/script><script type="module"/);
    const shim = await request(host.port, { path: '/__sd/web-api.js', headers: auth() });
    expect(shim.status).toBe(200);
    expect(shim.body).toMatch(/window\.api/);
  });

  it('never serves files outside the renderer folder', async () => {
    fs.writeFileSync(path.join(path.dirname(renderer), 'secret.txt'), 'secret');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/a/../../secret.txt']) {
      const r = await request(host.port, { path: p, headers: auth() });
      expect(r.body, p).not.toMatch(/secret/);
    }
    fs.rmSync(path.join(path.dirname(renderer), 'secret.txt'));
  });
});

describe('web host contract', () => {
  it('round-trips engine methods and answers host methods itself', async () => {
    const file = path.join(tmpDir(), 'w.sdw');
    const created = JSON.parse((await invoke({ ns: 'workspace', method: 'create', args: { path: file } })).body);
    expect(created).toMatchObject({ ok: true, value: { workspace: file, datasets: [] } });
    const info = JSON.parse((await invoke({ ns: 'host', method: 'info', args: {} })).body);
    expect(info).toEqual({ ok: true, value: { kind: 'web', appVersion: '9.9.9', canPickFiles: false, locale: null } });
    const pick = JSON.parse((await invoke({ ns: 'host', method: 'pickFile', args: { purpose: 'import' } })).body);
    expect(pick).toEqual({ ok: true, value: { path: null } });
    const bad = JSON.parse((await invoke({ ns: 'host', method: 'pickFile', args: { purpose: 'delete-everything' } })).body);
    expect(bad.error.code).toBe('BAD_REQUEST');
  });

  it('refuses methods outside the allowlist', async () => {
    for (const [ns, method] of [['workspace', 'drop'], ['workspace', 'constructor'], ['__proto__', 'toString'], ['host', 'hasOwnProperty'], ['fs', 'readFile']]) {
      const r = JSON.parse((await invoke({ ns, method, args: {} })).body);
      expect(r, `${ns}.${method}`).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect((await invoke('not an envelope')).status).toBe(400);
    const form = await request(host.port, { method: 'POST', path: '/api/invoke', headers: { ...auth(), 'Content-Type': 'text/plain' }, body: '{"ns":"workspace","method":"info"}' });
    expect(form.status).toBe(415);
  });

  it('delivers job events over server-sent events', async () => {
    await invoke({ ns: 'workspace', method: 'create', args: { path: path.join(tmpDir(), 'e.sdw') } });
    const done = readEvents(host.port, auth(), (evs) => evs.some((e) => (e as { job?: { state: string } }).job?.state === 'done'));
    await new Promise((r) => setTimeout(r, 100));
    const started = JSON.parse((await invoke({ ns: 'jobs', method: 'start', args: { kind: 'demo', params: { steps: 5, ms: 30 } } })).body);
    const events = (await done) as { type: string; job?: { jobId: string; state: string; done: number } }[];
    const mine = events.filter((e) => e.type === 'job' && e.job?.jobId === started.value.jobId);
    expect(mine[0].job?.state).toBe('running');
    expect(mine.at(-1)?.job?.state).toBe('done');
  });

  it('stores an uploaded (dropped) file in a private folder and enforces the size limit', async () => {
    const up = await request(host.port, { method: 'POST', path: '/api/upload?name=..%2F..%2Fcustomers.csv', headers: auth(), body: 'id,name\n1,Ann\n' });
    expect(up.status).toBe(200);
    const p = JSON.parse(up.body).value.path as string;
    expect(path.basename(p)).toBe('customers.csv');
    expect(fs.readFileSync(p, 'utf8')).toBe('id,name\n1,Ann\n');
    expect(fs.statSync(path.dirname(path.dirname(p))).mode & 0o077).toBe(0);
    const big = await request(host.port, { method: 'POST', path: '/api/upload?name=big.csv', headers: auth(), body: Buffer.alloc(2048, 65) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.message).toMatch(/big\.csv.*limit/);
    expect((await request(host.port, { method: 'POST', path: '/api/upload?name=x.csv', body: 'x' })).status).toBe(403);
  });
});
