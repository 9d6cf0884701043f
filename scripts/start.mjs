// `npm start`: the desktop app when Electron's binary is there (or can be downloaded now), otherwise the same
// UI in the user's browser through the loopback web host, saying why. See docs/PACKAGING.md.
//
// Dependency install scripts never run at `npm install` (.npmrc ignore-scripts), so a blocked Electron
// download cannot fail the install: this script fetches Electron's binary on first start instead, and builds
// better-sqlite3 for whichever runtime it launches.
//
// `npm start -- --browser` (or SEGMENTDESK_BROWSER=1) skips Electron and opens the browser UI directly.
// `npm start -- --no-open` (or SEGMENTDESK_NO_OPEN=1), for CI and scripted checks: in the browser fallback,
// opens no browser; once the host answers its printed address, stops it and exits 0 (1 if it never answers).
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cached, ensureNodeBuild, probe, remember, restore, root } from './ensure-node-abi.mjs';

const require = createRequire(import.meta.url);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const say = (text) => process.stderr.write(`${text}\n`);

const args = process.argv.slice(2);
const wantBrowser = args.includes('--browser') || process.env.SEGMENTDESK_BROWSER === '1';
const noOpen = args.includes('--no-open') || process.env.SEGMENTDESK_NO_OPEN === '1';
const appArgs = args.filter((a) => a !== '--browser' && a !== '--no-open');

/** The Electron binary's path, or the reason there is none. Outside Electron the package exports its binary's path and throws when it was never downloaded. */
function electronBinary() {
  try {
    return { path: require('electron') };
  } catch (e) {
    return { error: String(e?.message ?? e).split('\n')[0] };
  }
}

function findElectron() {
  let found = electronBinary();
  if (found.path) return found;
  let installer;
  try {
    installer = require.resolve('electron/install.js');
  } catch {
    return { error: 'Electron is not installed here' };
  }
  say('Downloading Electron (once; needs access to its release host)…');
  // Electron's own installer, as npm would have run it; a proxy or mirror set for it (ELECTRON_MIRROR, …) applies.
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env, timeout: 180_000 });
  found = electronBinary();
  if (found.path) return found;
  const why = (r.stderr || r.error?.message || '').split('\n').find((l) => l.trim()) ?? found.error;
  return { error: `Electron's binary could not be downloaded (${plainWhy(why)})` };
}

/** A network error in a few plain words: "github.com cannot be reached" rather than "RequestError: getaddrinfo ENOTFOUND github.com". */
function plainWhy(line) {
  const text = line.trim().replace(/^\w*Error:\s*/, '');
  const host = /(?:ENOTFOUND|EAI_AGAIN)\s+(\S+)/.exec(text);
  if (host) return `${host[1]} cannot be reached`;
  const refused = /(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\s+(\S+)/.exec(text);
  if (refused) return `${refused[1]} cannot be reached`;
  return text;
}

/** Opens `url` with $BROWSER when set (a command; the URL is its last argument), else the platform's opener. */
function openBrowser(url) {
  const custom = process.env.BROWSER;
  const [cmd, cmdArgs] = custom
    ? [custom, [url]]
    : process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, cmdArgs, { stdio: 'ignore', detached: !custom, shell: Boolean(custom) });
  child.on('error', () => say(`Could not open a browser (${cmd}); open the address above yourself.`));
  if (!custom) child.unref();
}

function startInBrowser(reason) {
  say(`${reason}, so SegmentDesk opens in your browser instead: the same app, served by this computer to itself only (127.0.0.1, with a one-time key in the address); nothing is uploaded.`);
  ensureNodeBuild();
  run(process.execPath, ['scripts/build-node.mjs']);
  run(npx, ['vite', 'build']);
  const host = spawn(process.execPath, ['dist/host.cjs'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let buffer = '';
  let opened = false;
  host.stdout.setEncoding('utf8');
  host.stdout.on('data', (chunk) => {
    buffer += chunk;
    const line = buffer.split('\n').find((l) => l.startsWith('http://127.0.0.1:'));
    if (line && !opened) {
      opened = true;
      const url = line.trim();
      if (noOpen) {
        say(`\n  ${url}\n`);
        void checkAnswers(url, host);
        return;
      }
      say(`\n  ${url}\n\nKeep this window open while you work; press Ctrl+C here to stop SegmentDesk.`);
      openBrowser(url);
    }
  });
  const stop = () => host.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  host.on('exit', (code) => process.exit(noOpen && opened ? (process.exitCode ?? 1) : (code ?? 0)));
}

/** --no-open: the host must serve the UI's page at its printed address within a minute; then it is stopped. */
async function checkAnswers(url, host) {
  const until = Date.now() + 60_000;
  let why = 'no answer';
  while (Date.now() < until) {
    try {
      // The link's token would be traded for a cookie by a redirect, which fetch does not keep; send it as the header instead.
      const u = new URL(url);
      const res = await fetch(`${u.origin}/`, { headers: { 'X-SegmentDesk-Token': u.searchParams.get('token') ?? '' }, signal: AbortSignal.timeout(5_000) });
      const body = await res.text();
      if (res.ok && /<html/i.test(body)) {
        say(`The web host answers at that address (HTTP ${res.status}); stopping it (--no-open).`);
        process.exitCode = 0;
        host.kill('SIGTERM');
        return;
      }
      why = `HTTP ${res.status}`;
    } catch (e) {
      why = String(e?.message ?? e);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  say(`The web host did not answer at ${url} (${why}).`);
  process.exitCode = 1;
  host.kill('SIGTERM');
}

function startDesktop(electron) {
  run(process.execPath, ['scripts/build-node.mjs']);
  run(npx, ['vite', 'build']);
  // The development binary has no fuses flipped, so it can run as plain Node to probe the native module.
  const asNode = { ELECTRON_RUN_AS_NODE: '1' };
  const abiProbe = spawnSync(electron, ['-p', 'process.versions.modules'], { encoding: 'utf8', env: { ...process.env, ...asNode } });
  const key = `electron-${abiProbe.stdout.trim() || 'unknown'}`;
  let p = probe(electron, asNode);
  if (!p.ok) {
    const hit = cached(key);
    if (hit) {
      say(`better-sqlite3: restoring the cached Electron build (${key})`);
      restore(hit);
      p = probe(electron, asNode);
    }
  }
  if (!p.ok) {
    say(`better-sqlite3: rebuilding for Electron (${key}) with electron-builder install-app-deps`);
    run(npx, ['electron-builder', 'install-app-deps']);
    p = probe(electron, asNode);
    if (!p.ok) {
      say(
        `better-sqlite3 still does not load in Electron: ${p.error}\n` +
          'If your npm config sets "nodedir", the rebuild targets Node instead of Electron; unset it and run `npm start` again.',
      );
      process.exit(1);
    }
  }
  remember(key);
  const child = spawn(electron, ['.', ...appArgs], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (wantBrowser) {
  startInBrowser('You asked for the browser (--browser)');
} else {
  const found = findElectron();
  if (found.path) startDesktop(found.path);
  else startInBrowser(found.error);
}
