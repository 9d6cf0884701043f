import { createRequire } from 'node:module';

/**
 * Load a library the first time a command needs it. These are kept out of the bundles
 * (scripts/build-node.mjs marks them external) and required here on first use: bundled, every
 * start read, compiled and set them up (an import from the CLI paid ~0.3 s for a report renderer
 * and a spreadsheet writer it never touches; jschardet and iconv-lite, 1.7 MB, are needed only
 * for files that are not UTF-8).
 */
// Bundled (CJS) code has __filename; engine modules loaded as ES modules by tsx (benchmarks) do
// not, and run from the project root, so node_modules resolves from there.
const load = createRequire(typeof __filename === 'string' ? __filename : `${process.cwd()}/`);

export function lazyRequire<T>(name: 'echarts' | 'exceljs' | 'jschardet' | 'iconv-lite'): T {
  return load(name) as T;
}
