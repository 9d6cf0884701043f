import fs from 'node:fs';
import path from 'node:path';

const FILE = 'recent-workspaces.json';
const MAX = 10;

interface Entry {
  path: string;
  openedAt: string;
}

/** Recent workspaces live in the host's state folder, never inside a workspace. */
export function readRecent(stateDir: string): { path: string; openedAt: string; exists: boolean }[] {
  let entries: Entry[] = [];
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(stateDir, FILE), 'utf8'));
    if (Array.isArray(parsed)) entries = parsed.filter((e): e is Entry => typeof e?.path === 'string' && typeof e?.openedAt === 'string');
  } catch {
    /* first run or unreadable: start empty */
  }
  return entries.map((e) => ({ ...e, exists: fs.existsSync(e.path) }));
}

export function rememberRecent(stateDir: string, file: string): void {
  const list = readRecent(stateDir)
    .filter((e) => e.path !== file)
    .map(({ path: p, openedAt }) => ({ path: p, openedAt }));
  list.unshift({ path: file, openedAt: new Date().toISOString() });
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(path.join(stateDir, FILE), JSON.stringify(list.slice(0, MAX), null, 2));
}
