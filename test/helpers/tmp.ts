import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh temporary folder, removed after the test. */
export function tmpDir(prefix = 'sd-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * ../shared/data beside the repository, or null when it is absent (tests then skip, saying why).
 * SEGMENTDESK_NO_SHARED_DATA=1 makes it absent on purpose, to run the suite as on a clean clone.
 */
export function sharedData(file: string): string | null {
  if (process.env.SEGMENTDESK_NO_SHARED_DATA) return null;
  const p = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', file);
  return fs.existsSync(p) ? p : null;
}
