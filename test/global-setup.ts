import { execFileSync } from 'node:child_process';

// Tests of the worker, the hosts and the CLI run the real bundles in dist/: build them once per run.
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}
