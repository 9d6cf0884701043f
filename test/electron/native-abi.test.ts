import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

describe('native module ABI (scripts/ensure-node-abi.mjs, run first by npm test)', () => {
  it('confirms better-sqlite3 loads under this Node and caches that build for later switches', async () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-node-abi.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { probe, cached } = (await import(path.join(ROOT, 'scripts', 'ensure-node-abi.mjs'))) as {
      probe(): { ok: boolean; abi: string };
      cached(key: string): string | null;
    };
    const p = probe();
    expect(p).toMatchObject({ ok: true, abi: process.versions.modules });
    const file = cached(`node-${process.versions.modules}`);
    expect(file && fs.statSync(file).size).toBeGreaterThan(100_000);
  });
});
