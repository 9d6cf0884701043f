import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** `npx segmentdesk`: the bundled CLI (dist/cli.cjs, built by the test global setup) behind its bin script. */
export const CLI_BIN = path.resolve(__dirname, '../../bin/segmentdesk.js');

export interface CliResult {
  /** Exit code; null when the process was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON object `--json` prints; null when the command failed or printed something else. */
  json: Record<string, unknown> | null;
}

function parseJson(stdout: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(stdout);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Run `segmentdesk ARGS` as its own process in `cwd`, the way a user or a script does. */
export function cli(args: readonly string[], cwd: string = process.cwd(), env?: NodeJS.ProcessEnv): CliResult {
  const r = spawnSync(process.execPath, [CLI_BIN, ...args], { cwd, encoding: 'utf8', ...(env ? { env } : {}) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: r.status === 0 ? parseJson(r.stdout) : null };
}
