import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';

/** Files SQLite keeps beside a workspace; a leftover one must not be adopted by a new workspace of that name. */
const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

const isDir = (p: string) => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Overrides where new workspaces go by default (tests, shared machines, users who keep data elsewhere). */
export const WORKSPACES_DIR_ENV = 'SEGMENTDESK_WORKSPACES_DIR';

/**
 * The folder new workspaces go to unless told: SegmentDesk/ in the user's Documents folder when it exists, else
 * in the home folder; the SEGMENTDESK_WORKSPACES_DIR environment variable overrides it. Only a name: it may not
 * exist yet (suggestWorkspacePath creates it).
 */
export function defaultWorkspaceDir(home: string = os.homedir(), env: NodeJS.ProcessEnv = process.env): string {
  const override = env[WORKSPACES_DIR_ENV]?.trim();
  if (override) return path.resolve(override);
  const docs = path.join(home, 'Documents');
  return path.join(isDir(docs) ? docs : home, 'SegmentDesk');
}

/**
 * `dir/name` when nothing of that name exists there, else `dir/<stem>-2.sdw`, `-3`… (never an existing file,
 * nor one whose SQLite side files are left over). A suggestion only: workspace.create refuses existing files.
 */
export function suggestWorkspacePath(name: string, dir?: string): { path: string; dir: string } {
  const folder = path.resolve(dir ?? defaultWorkspaceDir());
  // The default folder is ours to make; a folder the user named must already exist.
  if (dir === undefined && !isDir(folder)) fs.mkdirSync(folder, { recursive: true });
  if (!isDir(folder)) throw new AppError('NOT_FOUND', msg('engine.folder.notAFolder', { folder }));
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  const taken = (file: string) => SIDE_FILES.some((s) => fs.existsSync(file + s));
  for (let n = 1; n < 10_000; n++) {
    const file = path.join(folder, n === 1 ? name : `${stem}-${n}${ext}`);
    if (!taken(file)) return { path: file, dir: folder };
  }
  throw new AppError('CONFLICT', msg('engine.folder.allTaken', { folder, name, max: 9999 }));
}

/** One folder's sub-folders, for the browser's folder picker (the web host has no native dialog to show). */
export function listFolders(dir?: string): { path: string; parent: string | null; home: string; folders: { name: string; path: string }[] } {
  const home = os.homedir();
  const folder = path.resolve(dir ?? home);
  if (!isDir(folder)) throw new AppError('NOT_FOUND', msg('engine.folder.notAFolder', { folder }));
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (e) {
    throw new AppError('IO', msg('engine.folder.cannotRead', { folder, error: (e as Error).message }));
  }
  const folders = entries
    // Hidden folders are noise in a picker for documents; a symlink counts when it points at a folder.
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || (e.isSymbolicLink() && isDir(path.join(folder, e.name)))))
    .map((e) => ({ name: e.name, path: path.join(folder, e.name) }))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  const parent = path.dirname(folder);
  return { path: folder, parent: parent === folder ? null : parent, home, folders };
}
