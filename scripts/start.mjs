// `npm start`: builds the app, makes sure better-sqlite3 is the build for Electron's ABI (not Node's, which
// `npm test` needs), then launches Electron. See docs/PACKAGING.md.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { cached, probe, remember, restore, root } from './ensure-node-abi.mjs';

const require = createRequire(import.meta.url);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// Fail fast, before building, when there is no Electron to launch.
let electron;
try {
  // Outside Electron, the electron package exports the path of its binary (and throws if it was never downloaded).
  electron = require('electron');
} catch (e) {
  process.stderr.write(`The Electron binary is missing (${e.message.split('\n')[0]}).\nInstall it with: node node_modules/electron/install.js (needs internet once).\n`);
  process.exit(1);
}

run(process.execPath, ['scripts/build-node.mjs']);
run(npx, ['vite', 'build']);

// The development binary has no fuses flipped, so it can run as plain Node to probe the module.
const asNode = { ELECTRON_RUN_AS_NODE: '1' };
const abiProbe = spawnSync(electron, ['-p', 'process.versions.modules'], { encoding: 'utf8', env: { ...process.env, ...asNode } });
const key = `electron-${abiProbe.stdout.trim() || 'unknown'}`;
let p = probe(electron, asNode);
if (!p.ok) {
  const hit = cached(key);
  if (hit) {
    process.stderr.write(`better-sqlite3: restoring the cached Electron build (${key})\n`);
    restore(hit);
    p = probe(electron, asNode);
  }
}
if (!p.ok) {
  process.stderr.write(`better-sqlite3: rebuilding for Electron (${key}) with electron-builder install-app-deps\n`);
  run(npx, ['electron-builder', 'install-app-deps']);
  p = probe(electron, asNode);
  if (!p.ok) {
    process.stderr.write(
      `better-sqlite3 still does not load in Electron: ${p.error}\n` +
        'If your npm config sets "nodedir", the rebuild targets Node instead of Electron; unset it and run `npm start` again.\n',
    );
    process.exit(1);
  }
}
remember(key);

const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
