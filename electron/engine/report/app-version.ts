import fs from 'node:fs';
import path from 'node:path';

let cached: string | null = null;

/**
 * SegmentDesk's version for the methods appendix, read from the nearest package.json named
 * "segmentdesk" above this module (source tree, dist/ bundle or packaged app alike).
 */
export function appVersion(): string {
  if (cached !== null) return cached;
  cached = 'unknown';
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'segmentdesk' && pkg.version) {
        cached = pkg.version;
        break;
      }
    } catch {
      /* not here: look one folder up */
    }
    dir = path.dirname(dir);
  }
  return cached;
}
