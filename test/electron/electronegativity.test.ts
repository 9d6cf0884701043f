import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';

const SCRIPT = path.resolve(__dirname, '../../scripts/electronegativity.mjs');

describe('electronegativity gate (npm run test:security)', () => {
  it('fails on a HIGH finding even though the scanner itself exits 0', () => {
    const dir = tmpDir();
    fs.writeFileSync(
      path.join(dir, 'main.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const r = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(r.stderr).toMatch(/HIGH finding/);
  });
});
