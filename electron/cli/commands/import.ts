import fs from 'node:fs';
import path from 'node:path';
import { DATE_ORDERS, ENCODINGS } from '../../../shared/contract/ns/datasets';
import { str, UsageError, type CliCommand } from '../command';
import { runJob } from '../jobs';
import { workspacePath } from '../../engine/workspace/location';

const ENCODING_ALIASES: Record<string, (typeof ENCODINGS)[number]> = {
  utf8: 'utf-8',
  'utf-8-bom': 'utf-8',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  'utf-16': 'utf-16le',
  cp1250: 'windows-1250',
  cp1252: 'windows-1252',
  latin1: 'iso-8859-1',
  latin2: 'iso-8859-2',
  'iso8859-1': 'iso-8859-1',
  'iso8859-2': 'iso-8859-2',
};

function encodingOption(v: string | undefined): 'auto' | (typeof ENCODINGS)[number] {
  if (v === undefined || v === 'auto') return 'auto';
  const name = v.toLowerCase();
  if ((ENCODINGS as readonly string[]).includes(name)) return name as (typeof ENCODINGS)[number];
  if (ENCODING_ALIASES[name]) return ENCODING_ALIASES[name];
  throw new UsageError(`--encoding ${v} is not supported (auto, ${ENCODINGS.join(', ')})`);
}

function delimiterOption(v: string | undefined): ',' | ';' | '\t' | '|' | 'auto' {
  if (v === undefined || v === 'auto') return 'auto';
  const d = v === 'tab' || v === '\\t' ? '\t' : v;
  if (d === ',' || d === ';' || d === '\t' || d === '|') return d;
  throw new UsageError(`--delimiter ${v} is not supported (auto , ; tab |)`);
}

/**
 * `segmentdesk import`: the workspace is created when the file does not exist yet (a first import
 * needs no separate `workspace create`), otherwise opened.
 */
export const importCommand: CliCommand = {
  path: ['import'],
  summary: 'Import a CSV file as a dataset (a new version when the name exists); creates the workspace if needed',
  usage:
    'segmentdesk import FILE --workspace WS [--name NAME] [--as customers|transactions] [--id COL] [--link DATASET] [--encoding auto|NAME] [--delimiter auto|CHAR] [--decimal auto|.|,] [--date-order auto|dmy|mdy|ymd] [--accept-malformed] [--json]',
  options: {
    name: { type: 'string' },
    as: { type: 'string' },
    id: { type: 'string' },
    link: { type: 'string' },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
    decimal: { type: 'string' },
    'date-order': { type: 'string' },
    'accept-malformed': { type: 'boolean' },
  },
  workspace: 'none',
  positionals: 1,
  run: async (v, positionals, io) => {
    const file = positionals[0];
    if (!file) throw new UsageError('the FILE to import is required');
    const ws = str(v, 'workspace');
    if (!ws) throw new UsageError('--workspace FILE is required');
    const wsPath = workspacePath(ws, io.cwd);
    if (fs.existsSync(wsPath)) await io.api.workspace.open({ path: wsPath });
    else await io.api.workspace.create({ path: wsPath });
    const as = str(v, 'as') ?? 'customers';
    if (as !== 'customers' && as !== 'transactions') throw new UsageError(`--as ${as}: use customers or transactions`);
    const decimal = str(v, 'decimal') ?? 'auto';
    if (decimal !== 'auto' && decimal !== '.' && decimal !== ',') throw new UsageError(`--decimal ${decimal}: use auto, . or ,`);
    const dateOrder = str(v, 'date-order') ?? 'auto';
    if (dateOrder !== 'auto' && !(DATE_ORDERS as readonly string[]).includes(dateOrder)) throw new UsageError(`--date-order ${dateOrder}: use auto, dmy, mdy or ymd`);
    return runJob(io, 'import', {
      path: path.resolve(io.cwd, file),
      name: str(v, 'name'),
      as,
      id: str(v, 'id'),
      link: str(v, 'link'),
      // Import even when malformed quotes would read much of the file into single values (refused otherwise).
      acceptMalformed: v['accept-malformed'] === true,
      options: {
        encoding: encodingOption(str(v, 'encoding')),
        delimiter: delimiterOption(str(v, 'delimiter')),
        decimal,
        dateOrder: dateOrder as 'auto' | (typeof DATE_ORDERS)[number],
        header: 'auto',
      },
    });
  },
  text: (r) => {
    const lines = [`imported ${String(r.rows)} rows into "${String(r.dataset)}" (version ${String(r.version)}, ${String(r.kind)}), ${String(r.cellErrors)} rejected cells, in ${String(r.ms)} ms`];
    for (const w of (r.warnings as string[]) ?? []) lines.push(`  warning: ${w}`);
    return lines.join('\n');
  },
};
