import type { Api } from '../../shared/contract/api';
import type { Engine } from '../engine/engine';

export type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string };

export interface CliIO {
  api: Api;
  engine: Engine;
  /** Progress and human-readable notes (stderr; stdout is reserved for the result). */
  progress(line: string): void;
  /** Path arguments resolve against the caller's working directory. */
  cwd: string;
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface CliCommand {
  /** Words after `segmentdesk`, e.g. ["workspace", "create"]. */
  path: string[];
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  /** How the command needs the workspace: opened, created, or not at all. */
  workspace: 'open' | 'create' | 'none';
  /** Positional arguments it accepts (e.g. the file of `import`). */
  positionals?: number;
  run(values: Values, positionals: string[], io: CliIO): Promise<Record<string, unknown>>;
  /** Text output when --json is not given; defaults to pretty JSON. */
  text?(result: Record<string, unknown>): string;
}

export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function required(values: Values, name: string): string {
  const v = str(values, name);
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function list(values: Values, name: string): string[] | undefined {
  const v = values[name];
  if (v === undefined || typeof v === 'boolean') return undefined;
  const items = Array.isArray(v) ? v : [v];
  return items.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

export class UsageError extends Error {}
