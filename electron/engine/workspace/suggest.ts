import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/contract/result';

/** Files SQLite keeps beside a workspace; a leftover one must not be adopted by a new workspace of that name. */
const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

const isDir = (p: string) => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** The folder new workspaces go to unless told: the user's Documents folder when it exists, else the home folder. */
export function defaultWorkspaceDir(home: string = os.homedir()): string {
  const docs = path.join(home, 'Documents');
  return isDir(docs) ? docs : home;
}

/**
 * `dir/name` when nothing of that name exists there, else `dir/<stem>-2.sdw`, `-3`… (never an existing file,
 * nor one whose SQLite side files are left over). A suggestion only: workspace.create refuses existing files.
 */
export function suggestWorkspacePath(name: string, dir?: string): { path: string; dir: string } {
  const folder = path.resolve(dir ?? defaultWorkspaceDir());
  if (!isDir(folder)) throw new AppError('NOT_FOUND', `${folder} is not a folder`);
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  const taken = (file: string) => SIDE_FILES.some((s) => fs.existsSync(file + s));
  for (let n = 1; n < 10_000; n++) {
    const file = path.join(folder, n === 1 ? name : `${stem}-${n}${ext}`);
    if (!taken(file)) return { path: file, dir: folder };
  }
  throw new AppError('CONFLICT', `${folder} already holds ${name} and 9,999 numbered copies of it`);
}
