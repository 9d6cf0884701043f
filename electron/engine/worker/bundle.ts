import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A worker thread's bundle (`dist/<name>.cjs`): beside the running bundle, or (tests running the TypeScript
 * sources) the one test/global-setup.ts builds into dist/.
 */
export function workerBundle(name: string): string {
  // Sources run as ES modules (the benchmarks, under tsx) have no __dirname: they run from the repository's root.
  if (typeof __dirname === 'undefined') return path.resolve('dist', `${name}.cjs`);
  const beside = path.join(__dirname, `${name}.cjs`);
  return fs.existsSync(beside) ? beside : path.resolve(__dirname, '..', '..', '..', 'dist', `${name}.cjs`);
}

/**
 * Whether work may go to a second thread: the machine has a second core (the environment variable `env`, when set
 * to a whole number, stands for the number of cores: 1 keeps the work on one thread) and the bundle is built.
 */
export function secondThread(name: string, env: string): boolean {
  const n = Number(process.env[env]);
  const cores = Number.isInteger(n) && n >= 1 ? n : (os.availableParallelism?.() ?? os.cpus().length);
  return cores > 1 && fs.existsSync(workerBundle(name));
}
