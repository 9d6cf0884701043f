import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The installers cannot be built here (electron-builder downloads Electron for every target), so this checks
// everything about the configuration that can be checked offline, with electron-builder's own loader and schema.
const ROOT = path.resolve(__dirname, '../..');
const require = createRequire(path.join(ROOT, 'package.json'));

interface BuilderConfig {
  appId: string;
  productName: string;
  files: (string | { filter: string[] })[];
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string; name: string; icon?: string }[];
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  publish: unknown;
  directories: { buildResources: string };
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    getConfig(dir: string, file: string, extra: null): Promise<unknown>;
    validateConfiguration(cfg: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const cfg = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
  await validateConfiguration(cfg, new DebugLogger(false));
  return cfg as BuilderConfig;
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1'), file).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder.yml (offline check)', () => {
  it('passes electron-builder’s own schema validation and names the app', async () => {
    const cfg = await loadConfig();
    expect(cfg.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(cfg.productName).toBe('SegmentDesk');
    expect(cfg.publish).toBeNull();
  });

  it('targets AppImage+deb, NSIS and dmg with icons that exist and are large enough', async () => {
    const cfg = await loadConfig();
    expect(cfg.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(cfg.win.target).toContain('nsis');
    expect(cfg.mac.target).toContain('dmg');
    for (const icon of [cfg.win.icon, cfg.mac.icon]) expect(pngSize(path.join(ROOT, icon)).width).toBeGreaterThanOrEqual(512);
    const linuxIcons = fs.readdirSync(path.join(ROOT, cfg.linux.icon));
    expect(linuxIcons).toEqual(expect.arrayContaining(['16x16.png', '256x256.png', '512x512.png']));
    for (const f of linuxIcons) {
      const [w] = f.split('x').map(Number);
      expect(pngSize(path.join(ROOT, cfg.linux.icon, f)), f).toEqual({ width: w, height: w });
    }
  });

  it('associates .sdw workspaces, unpacks and rebuilds the native SQLite module, and sets the fuses', async () => {
    const cfg = await loadConfig();
    const sdw = cfg.fileAssociations.find((a) => a.ext === 'sdw');
    expect(sdw?.name).toBeTruthy();
    if (sdw?.icon) expect(fs.existsSync(path.join(ROOT, cfg.directories.buildResources, sdw.icon))).toBe(true);
    expect(cfg.asarUnpack.some((p) => p.includes('better-sqlite3'))).toBe(true);
    expect(cfg.npmRebuild).toBe(true);
    expect(cfg.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });

  it('ships the files package.json points at (main, preload, worker, renderer)', async () => {
    const cfg = await loadConfig();
    const files = cfg.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files).toContain('dist/**/*');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main.cjs');
    // The test setup builds the Node bundles, so the entry points must exist now.
    for (const f of [pkg.main, 'dist/preload.cjs', 'dist/engine-worker.cjs', 'dist/import-worker.cjs']) expect(fs.existsSync(path.join(ROOT, f)), f).toBe(true);
  });

  it('lists every library the bundles load at run time as a production dependency (electron-builder packs only those)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // better-sqlite3 (native) and the libraries electron/engine/lazy-require.ts loads on first use.
    for (const name of ['better-sqlite3', 'echarts', 'exceljs', 'jschardet', 'iconv-lite']) expect(pkg.dependencies[name], name).toBeTruthy();
  });
});
