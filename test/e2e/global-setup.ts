import fs from 'node:fs';
import path from 'node:path';

// The e2e run uses a private copy of dist/ (inside the repository, so node_modules still resolves): a
// build started meanwhile by another command (vitest's own setup rebuilds dist/) cannot swap files under a
// running spec. `npm run test:e2e` builds dist/ right before this copy.
const ROOT = path.resolve(__dirname, '..', '..');
export const SNAPSHOT = path.join(ROOT, '.cache', 'e2e', 'dist');

export default function setup(): () => void {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'host.cjs')) || !fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('e2e needs the built app in dist/: run `npm run test:e2e` (it builds first)');
  }
  fs.rmSync(SNAPSHOT, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'dist'), SNAPSHOT, { recursive: true });
  return () => fs.rmSync(SNAPSHOT, { recursive: true, force: true });
}
