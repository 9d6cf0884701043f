#!/usr/bin/env node
// Entry for `npx segmentdesk`: runs the bundled CLI, building it (and the native SQLite module) first on a fresh checkout.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('segmentdesk: building the command line (first run)…\n');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-node.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
// `npm install` runs no dependency build scripts (.npmrc): the first run builds the native SQLite module.
const { addonPath, ensureNodeBuild } = await import('../scripts/ensure-node-abi.mjs');
if (!existsSync(addonPath())) ensureNodeBuild();
const { main } = createRequire(import.meta.url)(cli);
process.exitCode = await main(process.argv.slice(2));
