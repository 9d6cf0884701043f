import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EngineClient } from '../engine/worker/client';
import { distPaths, startWebHost } from './server';

/**
 * `npm run web` / `node dist/host.cjs [--port N] [--state-dir DIR] [--max-upload-mb N] [--renderer-dir DIR]`:
 * the same renderer and contract as the desktop app, on 127.0.0.1 only, behind a per-run token.
 */
/** The app's package.json is the nearest one above the bundle (dist/, or a copy of it deeper in the repo). */
function appVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'segmentdesk' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      /* not here: keep climbing */
    }
    if (path.dirname(dir) === dir) return '0.0.0';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'state-dir': { type: 'string' }, 'max-upload-mb': { type: 'string' }, 'renderer-dir': { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${values.port}`);
  const stateDir = path.resolve(values['state-dir'] ?? path.join(os.homedir(), '.segmentdesk'));
  fs.mkdirSync(stateDir, { recursive: true });
  const paths = distPaths(__dirname);
  if (values['renderer-dir']) paths.rendererDir = path.resolve(values['renderer-dir']);
  if (!fs.existsSync(path.join(paths.rendererDir, 'index.html'))) throw new Error(`no renderer build in ${paths.rendererDir}: run "npm run build" first`);
  const engine = new EngineClient({ workerFile: paths.workerFile, stateDir });
  await engine.ready;
  const maxMb = values['max-upload-mb'] === undefined ? 2048 : Number(values['max-upload-mb']);
  const host = await startWebHost({ engine, ...paths, appVersion: appVersion(), port, maxUploadBytes: maxMb * 1024 * 1024 });
  // The URL is the last stdout line and the only thing on it, so scripts and the e2e harness can read it.
  process.stderr.write(`SegmentDesk web host on 127.0.0.1:${host.port} (state: ${stateDir}). Open:\n`);
  process.stdout.write(`${host.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => engine.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`segmentdesk web host: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
