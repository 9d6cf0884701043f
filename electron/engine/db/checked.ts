import fs from 'node:fs';
import path from 'node:path';

/**
 * Workspaces known intact, remembered per file state outside the workspace (the host's state folder,
 * `~/.segmentdesk` for the CLI), so a workspace that has not changed since it was last checked and
 * closed is not read whole again on every opening. quick_check reads every page: 2–6 s for a 1.5 GB
 * workspace, which a short CLI command paid in full at exit (Node joins the checking thread, and
 * SQLite's check cannot be interrupted), whatever the command itself cost.
 *
 * The state is the file's device, inode, size and modification time to the nanosecond, and the same of
 * its -wal. A file written by anything while closed (another SQLite tool, a sync client, a copy, a failing
 * write) changes at least its modification time, so it is checked again. A state is recorded only when the
 * workspace was checked intact during the session and then closed by SegmentDesk (its own writes go through
 * SQLite's transactions). Damage that leaves a file's size and times untouched (a disk's silent bit rot)
 * is not caught at opening; SQLite still reports it as "malformed" when it reads a damaged page.
 */
const FILE = 'checked-workspaces.json';
/**
 * A state recorded too soon after the file's last change is not trusted (git's "racily clean" entries): file
 * times move in clock ticks, so a write just after our close could leave the time as we recorded it. Such a
 * workspace is checked at its next opening, and a later close records a state old enough to trust. How soon:
 * 50 ms where file times carry fractions of a second (Linux takes them from a clock ticking every 1–10 ms),
 * 2 s where they fall on whole seconds (FAT, HFS+).
 */
const RACY_FINE_MS = 50;
const RACY_COARSE_MS = 2000;
/** Entries kept: the most recently closed workspaces. */
const MAX = 64;

function stateOf(file: string): { key: string; changedMs: number; coarse: boolean } | null {
  try {
    const s = fs.statSync(file, { bigint: true });
    let wal = '-';
    let changedNs = s.mtimeNs;
    try {
      const w = fs.statSync(`${file}-wal`, { bigint: true });
      wal = `${w.size}:${w.mtimeNs}`;
      if (w.mtimeNs > changedNs) changedNs = w.mtimeNs;
    } catch {
      // No -wal: the last connection closed cleanly and checkpointed it away.
    }
    return { key: `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}|${wal}`, changedMs: Number(changedNs / 1_000_000n), coarse: changedNs % 1_000_000_000n === 0n };
  } catch {
    return null;
  }
}

function read(dir: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }
  } catch {
    // Missing or unreadable: nothing remembered, every workspace is checked.
  }
  return {};
}

function write(dir: string, entries: Record<string, string>): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `${FILE}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(entries));
    // A rename replaces the file whole: two processes closing at once lose an entry at worst, never the file.
    fs.renameSync(tmp, path.join(dir, FILE));
  } catch {
    // A state folder that cannot be written only means the next opening checks again.
  }
}

/** Was `file` (absolute) closed intact by SegmentDesk, and is it byte for byte as it was then (as far as its stat tells)? */
export function knownIntact(dir: string | null, file: string): boolean {
  if (!dir) return false;
  const state = stateOf(file);
  const entry = state ? read(dir)[file] : undefined;
  if (!state || !entry) return false;
  const [key, at] = entry.split('@');
  return key === state.key && Number(at) - state.changedMs >= (state.coarse ? RACY_COARSE_MS : RACY_FINE_MS);
}

/** Remember `file` as intact in its current state (call after closing it, so its -wal is checkpointed away). */
export function rememberIntact(dir: string | null, file: string): void {
  if (!dir) return;
  let state = stateOf(file);
  if (state === null) return;
  // Just written (the close's own checkpoint, or a command's last write): wait out the window, at most 50 ms on a
  // fine-grained file system, so the next opening can trust the entry. On a coarse one (2 s) no wait: it re-checks.
  const since = Date.now() - state.changedMs;
  if (!state.coarse && since >= 0 && since < RACY_FINE_MS) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RACY_FINE_MS - since + 1);
    state = stateOf(file);
    if (state === null) return;
  }
  const entries = read(dir);
  delete entries[file];
  const kept = Object.entries(entries).slice(-(MAX - 1));
  // With the time it was recorded: trusted only when that is well after the file's last change (RACY_*).
  write(dir, Object.fromEntries([...kept, [file, `${state.key}@${Date.now()}`]]));
}

/** Forget `file` (found damaged). */
export function forgetIntact(dir: string | null, file: string): void {
  if (!dir) return;
  const entries = read(dir);
  if (!(file in entries)) return;
  delete entries[file];
  write(dir, entries);
}
