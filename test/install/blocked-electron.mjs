// CI check for a machine where Electron's binary cannot be downloaded: on a fresh clone, `npm ci` (run by
// .ci/run before this, without ELECTRON_SKIP_BINARY_DOWNLOAD) must have succeeded, and `npm start` must end
// with the UI open in a browser. The download is made to fail on any machine by pointing Electron's
// installer at a closed loopback port; the "browser" is Debian's Chromium driven by playwright-core
// (BROWSER=open-probe.mjs), which loads the printed address and waits for the start screen.
// First, `npm start -- --no-open` must print the web host's address and exit 0 once the host answers it
// (bounded by a timeout, so a hang fails CI instead of stalling it).
//
// Usage: node test/install/blocked-electron.mjs <fresh clone dir>
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const clone = path.resolve(process.argv[2] ?? '.');
const marker = path.join(clone, '.cache', 'blocked-electron.json');
fs.rmSync(marker, { force: true });
const env = { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', BROWSER: `node ${JSON.stringify(path.join(here, 'open-probe.mjs'))}`, SEGMENTDESK_PROBE_MARKER: marker };
delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
delete env.SEGMENTDESK_NO_OPEN;

const headless = spawnSync('npm', ['start', '--', '--no-open'], { cwd: clone, env, encoding: 'utf8', timeout: 15 * 60_000, killSignal: 'SIGKILL' });
const said = `${headless.stdout}${headless.stderr}`;
process.stderr.write(said);
const printed = /http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.exec(said);
const failNoOpen = (why) => {
  process.stderr.write(`\nblocked-electron: FAILED: npm start --no-open: ${why}\n`);
  process.exit(1);
};
if (headless.error) failNoOpen(`did not finish (${headless.error.message})`);
if (headless.status !== 0) failNoOpen(`exited ${headless.status}`);
if (!printed) failNoOpen('printed no web host address');
if (!/could not be downloaded.*so SegmentDesk opens in your browser instead/.test(said)) failNoOpen('did not say in one sentence why the browser is used');
if (!/answers at that address/.test(said)) failNoOpen('did not check that the host answers');
process.stderr.write(`blocked-electron: npm start --no-open printed ${printed[0].replace(/token=\w+/, 'token=…')} and exited 0\n`);

const start = spawn('npm', ['start'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let output = '';
for (const s of [start.stdout, start.stderr]) s.on('data', (d) => { output += d; process.stderr.write(d); });

const deadline = Date.now() + 15 * 60_000;
const fail = (why) => {
  try { process.kill(-start.pid, 'SIGTERM'); } catch { /* already gone */ }
  process.stderr.write(`\nblocked-electron: FAILED: ${why}\n`);
  process.exit(1);
};
start.on('exit', (code) => { if (!fs.existsSync(marker)) fail(`npm start exited (${code}) before the UI opened`); });
while (!fs.existsSync(marker)) {
  if (Date.now() > deadline) fail('the UI did not open within 15 minutes');
  await new Promise((r) => setTimeout(r, 500));
}
const result = JSON.parse(fs.readFileSync(marker, 'utf8'));
try { process.kill(-start.pid, 'SIGTERM'); } catch { /* already gone */ }
if (!result.ok) fail(`the browser did not show the start screen: ${result.error}`);
if (!/could not be downloaded/.test(output)) fail('npm start did not say why Electron is not used');
if (!/opens in your browser instead/.test(output)) fail('npm start did not say that the browser UI opens instead');
process.stdout.write(`blocked-electron: npm start opened the UI in the browser (${result.title}); screenshot ${result.screenshot}\ninstall check: 2 passed, 0 failed\n`);
process.exit(0);
