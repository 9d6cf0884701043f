import { createRequire } from 'node:module';

/**
 * Load a library the first time a command needs it. echarts and exceljs are kept out of the
 * bundles (scripts/build-node.mjs marks them external) and required here on first use: bundled,
 * they ran their module set-up on every start (an import from the CLI paid ~0.3 s for a report
 * renderer and a spreadsheet writer it never touches).
 */
const load = createRequire(__filename);

export function lazyRequire<T>(name: 'echarts' | 'exceljs'): T {
  return load(name) as T;
}
