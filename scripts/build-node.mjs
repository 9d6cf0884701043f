// Bundles the Node side (Electron main + preload, engine worker, web host, CLI) into dist/ as CommonJS.
// CommonJS because Electron's sandboxed preload must be CJS and the rest then shares one format.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // Native and Electron modules are loaded at run time, never bundled; so are the large libraries only
  // some commands or files need (echarts, exceljs, jschardet, iconv-lite: see electron/engine/lazy-require.ts), so start-up does not pay for them.
  external: ['electron', 'better-sqlite3', '@duckdb/node-api', 'echarts', 'exceljs', 'jschardet', 'iconv-lite'],
};

const entries = {
  'engine-worker': 'electron/engine/worker/entry.ts',
  // The import's parsing thread (electron/engine/import/batch-source.ts starts it).
  'import-worker': 'electron/engine/import/parse-worker.ts',
  // The profile's second thread: PII tallies and the stale count (electron/engine/profile/read-thread.ts starts it).
  'profile-worker': 'electron/engine/profile/read-worker.ts',
  // Lifetime value's calibration check on a second thread (electron/engine/outcomes/clv-calibration-thread.ts starts it).
  'clv-worker': 'electron/engine/outcomes/clv-calibration-worker.ts',
  // The second half of a large CSV export (electron/engine/export/csv-thread.ts starts it).
  'export-worker': 'electron/engine/export/csv-worker.ts',
  // The upper half of a live count over a large table (electron/engine/segments/count-thread.ts starts it).
  'count-worker': 'electron/engine/segments/count-worker.ts',
  host: 'electron/host/index.ts',
  cli: 'electron/cli/index.ts',
  main: 'electron/main/index.ts',
  preload: 'electron/preload/index.ts',
  'web-shim': 'electron/host/web/shim.ts',
};
const only = process.argv.slice(2);
await Promise.all(
  Object.entries(entries)
    .filter(([name]) => only.length === 0 || only.includes(name))
    .map(([name, entry]) =>
      build({
        ...common,
        entryPoints: [entry],
        outfile: `dist/${name}.cjs`,
        // The preload runs sandboxed in the renderer: no Node built-ins beyond what Electron allows.
        ...(name === 'preload' ? { platform: 'browser', format: 'cjs' } : {}),
        // window.api for a browser tab served by the web host: a classic script, run before the app's modules.
        ...(name === 'web-shim' ? { platform: 'browser', format: 'iife', target: 'chrome120' } : {}),
      }),
    ),
);
