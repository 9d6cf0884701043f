// `npm test` runs this first: makes sure better-sqlite3's native module is the build for this Node
// (`npm start` may have left the Electron build in its place). Detects by loading it under plain Node
// in a child process; on failure restores a cached Node build or runs `npm rebuild better-sqlite3` (also the
// first build after `npm install`, which runs no dependency install scripts: see .npmrc).
// Builds are cached per ABI in node_modules/.cache/segmentdesk-native/, so switching back and forth
// between `npm start` and `npm test` is a file copy after the first time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const CACHE = path.join(root, 'node_modules', '.cache', 'segmentdesk-native');

export function addonPath() {
  return path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
}

const PROBE = "const D = require('better-sqlite3'); const db = new D(':memory:'); db.prepare('select 1').get(); db.close(); process.stdout.write(String(process.versions.modules));";

/** Tries to open an in-memory database in a child process (`runtime` = node, or Electron run as Node). */
export function probe(runtime = process.execPath, env = {}) {
  const r = spawnSync(runtime, ['-e', PROBE], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { ok: r.status === 0, abi: r.stdout.trim(), error: (r.stderr || r.error?.message || '').split('\n').find((l) => /Error|error/.test(l)) ?? r.stderr };
}

/** The cached addon for `key` (e.g. node-115, electron-139), if any. */
export function cached(key) {
  const f = path.join(CACHE, `better_sqlite3-${key}.node`);
  return fs.existsSync(f) ? f : null;
}

export function remember(key) {
  fs.mkdirSync(CACHE, { recursive: true });
  fs.copyFileSync(addonPath(), path.join(CACHE, `better_sqlite3-${key}.node`));
}

export function restore(file) {
  fs.copyFileSync(file, addonPath());
}

/** Makes better-sqlite3 load under this Node: restores the cached build or rebuilds it; exits the process when it cannot. */
export function ensureNodeBuild() {
  const key = `node-${process.versions.modules}`;
  let p = probe();
  if (p.ok) {
    if (!cached(key)) remember(key);
    return;
  }
  process.stderr.write(`better-sqlite3 does not load under Node ${process.version} (${p.error.trim()}); `);
  const hit = cached(key);
  if (hit) {
    process.stderr.write('restoring the cached Node build\n');
    restore(hit);
    p = probe();
  }
  if (!p.ok) {
    process.stderr.write('building it for Node: npm rebuild better-sqlite3\n');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // .npmrc turns install scripts off for `npm install`; this one build script is run on purpose.
    const r = spawnSync(npm, ['rebuild', 'better-sqlite3', '--ignore-scripts=false', '--foreground-scripts'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    if (r.status !== 0) process.exit(r.status ?? 1);
    p = probe();
  }
  if (!p.ok) {
    process.stderr.write(`better-sqlite3 still does not load under Node: ${p.error}\n`);
    process.exit(1);
  }
  remember(key);
  process.stderr.write(`better-sqlite3 ready for Node (ABI ${p.abi})\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) ensureNodeBuild();
