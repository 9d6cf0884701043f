import path from 'node:path';
import { DATE_ORDERS, ENCODINGS } from '../../../shared/contract/ns/datasets';
import { defineCommand, UsageError } from '../command';
import { runJob } from '../jobs';

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

function encodingOption(v: string): 'auto' | (typeof ENCODINGS)[number] {
  if (v === 'auto') return 'auto';
  const name = v.toLowerCase();
  if ((ENCODINGS as readonly string[]).includes(name)) return name as (typeof ENCODINGS)[number];
  if (ENCODING_ALIASES[name]) return ENCODING_ALIASES[name];
  throw new UsageError(`--encoding ${v} is not supported (auto, ${ENCODINGS.join(', ')})`);
}

function delimiterOption(v: string): ',' | ';' | '\t' | '|' | 'auto' {
  if (v === 'auto') return 'auto';
  const d = v === 'tab' || v === '\\t' ? '\t' : v;
  if (d === ',' || d === ';' || d === '\t' || d === '|') return d;
  throw new UsageError(`--delimiter ${v} is not supported (auto , ; tab |)`);
}

/**
 * `segmentdesk import`: the workspace is created when the file does not exist yet (a first import
 * needs no separate `workspace create`), otherwise opened.
 */
export const importCommand = defineCommand({
  path: ['import'],
  summary: 'Import a CSV file as a dataset (a new version when the name exists); creates the workspace if needed',
  positionals: [{ name: 'FILE', required: true, description: 'the CSV file to import' }],
  options: {
    name: { type: 'string', value: 'NAME', description: 'the dataset name (default: the file name)' },
    as: { type: 'string', choices: ['customers', 'transactions'], default: 'customers', description: 'what one row is' },
    id: { type: 'string', value: 'COL', description: 'the ID column (detected when not given)' },
    link: { type: 'string', value: 'DATASET', description: 'the customers dataset a transactions dataset belongs to' },
    encoding: { type: 'string', value: 'auto|NAME', default: 'auto', description: `the file's encoding: ${ENCODINGS.join(', ')} (or an alias such as cp1250, latin2)` },
    delimiter: { type: 'string', value: 'auto|CHAR', default: 'auto', description: 'the delimiter: , ; tab |' },
    decimal: { type: 'string', choices: ['auto', '.', ','], default: 'auto', description: 'the decimal separator' },
    'date-order': { type: 'string', choices: ['auto', ...DATE_ORDERS], default: 'auto', description: 'how to read ambiguous dates like 03/04/2025' },
    'accept-malformed': { type: 'boolean', description: 'import even when malformed quotes would read much of the file into single values (refused otherwise)' },
  },
  workspace: 'open-or-create',
  run: async (v, io, positionals) =>
    runJob(io, 'import', {
      path: path.resolve(io.cwd, positionals[0]),
      name: v.name,
      as: v.as,
      id: v.id,
      link: v.link,
      acceptMalformed: v['accept-malformed'] === true,
      options: {
        encoding: encodingOption(v.encoding),
        delimiter: delimiterOption(v.delimiter),
        decimal: v.decimal,
        dateOrder: v['date-order'],
        header: 'auto',
      },
    }),
  text: (r) => [`imported ${r.rows} rows into "${r.dataset}" (version ${r.version}, ${r.kind}), ${r.cellErrors} rejected cells, in ${r.ms} ms`, ...r.warnings.map((w) => `  warning: ${w}`)].join('\n'),
});
