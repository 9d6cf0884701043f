import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApi } from '../../shared/contract/client';
import { AppError, RemoteError } from '../../shared/contract/result';
import { Engine } from '../engine/engine';
import { workspacePath } from '../engine/workspace/location';
import { COMMON_OPTIONS, UsageError, type CliCommand, type CliIO, type CommandOutput, type RawValues } from './command';
import { COMMANDS } from './commands';

function findCommand(argv: string[]): { cmd: CliCommand; rest: string[] } | undefined {
  // Longest match first, so "segment save" wins over a hypothetical "segment".
  const sorted = [...COMMANDS].sort((a, b) => b.path.length - a.path.length);
  for (const cmd of sorted) {
    if (cmd.path.every((w, i) => argv[i] === w)) return { cmd, rest: argv.slice(cmd.path.length) };
  }
  return undefined;
}

function helpText(): string {
  const lines = COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return `SegmentDesk command line: the same engine as the app, headless.\n\nUsage: segmentdesk <command> --workspace FILE [options] [--json]\n\nCommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    out.write(helpText());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    err.write(`segmentdesk: unknown command "${argv.slice(0, 2).join(' ')}" (see segmentdesk --help)\n`);
    return 2;
  }
  const { cmd, rest } = found;
  let values: RawValues;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: rest, options: { ...COMMON_OPTIONS, ...cmd.parseOptions }, allowPositionals: true, strict: true });
    values = parsed.values;
    positionals = parsed.positionals;
  } catch (e) {
    err.write(`segmentdesk ${cmd.path.join(' ')}: ${(e as Error).message.split('\n')[0]}\n  usage: ${cmd.usage}\n`);
    return 2;
  }
  if (values.help) {
    out.write(cmd.help);
    return 0;
  }
  const engine = new Engine({ headless: true, checkMemory: cliCheckMemory() });
  const api = createApi((req) => engine.invoke(req));
  const io: CliIO = { api, engine, cwd: process.cwd(), progress: (line) => err.write(`${line}\n`) };
  try {
    const run = cmd.bind(values, positionals);
    if (cmd.workspace !== 'none') {
      const ws = values.workspace;
      if (typeof ws !== 'string' || !ws) throw new UsageError('--workspace FILE is required');
      const abs = workspacePath(ws, io.cwd);
      const create = cmd.workspace === 'create' || (cmd.workspace === 'open-or-create' && !fs.existsSync(abs));
      if (create) await api.workspace.create({ path: abs });
      else {
        const info = await api.workspace.open({ path: abs });
        if (info.damaged) err.write(`segmentdesk: ${info.damaged}
`);
      }
    }
    const result: CommandOutput = await run(io);
    out.write(values.json ? `${JSON.stringify(result.json)}\n` : `${result.text()}\n`);
    // Columns read for this command are kept for the next one once the workspace's check allows writing.
    await engine.settle();
    return 0;
  } catch (e) {
    const msg = e instanceof UsageError ? `${e.message}\n  usage: ${cmd.usage}` : e instanceof AppError || e instanceof RemoteError ? withCliHint(e) : String((e as Error)?.stack ?? e);
    err.write(`segmentdesk ${cmd.path.join(' ')}: ${msg.split('\n')[0]}\n`);
    return e instanceof UsageError ? 2 : 1;
  } finally {
    engine.close();
  }
}

/**
 * The CLI keeps no state but this: workspaces it closed intact, so the next command on an unchanged one skips
 * the whole-file check (db/checked.ts). SEGMENTDESK_STATE_DIR moves it; set empty, every opening checks.
 */
function cliCheckMemory(): string | null {
  const env = process.env.SEGMENTDESK_STATE_DIR;
  if (env !== undefined) return env === '' ? null : path.resolve(env);
  return path.join(os.homedir(), '.segmentdesk');
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`segmentdesk: ${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * Engine messages are written for the app (they name choices, never flags); an error that a flag
 * fixes carries that flag in `details.cli`, which only the command line shows.
 */
function withCliHint(e: AppError | RemoteError): string {
  const details = e instanceof AppError ? e.details : e.error.details;
  const hint = details && typeof details.cli === 'string' ? details.cli : null;
  const first = e.message.split('\n')[0];
  return hint ? `${first} (${hint})` : first;
}
