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

function delimiterOption(v: string): string {
  if (v === 'auto' || v === 'space' || v === 'whitespace' || v === 'fixed') return v;
  const d = v === 'tab' || v === '\\t' ? '\t' : v === 'pipe' ? '|' : v;
  if ([...d].length === 1 && d !== '"' && d !== '\n' && d !== '\r') return d;
  throw new UsageError(`--delimiter ${v} is not supported (auto, space, whitespace, fixed, tab, or any single character)`);
}

function widthsOption(v: string | undefined): number[] | undefined {
  if (v === undefined) return undefined;
  const w = v.split(',').map((x) => Number(x.trim()));
  if (w.length === 0 || w.some((x) => !Number.isInteger(x) || x < 1)) throw new UsageError(`--widths ${v}: give the column widths in characters, such as 5,6,9`);
  return w;
}

/** A sheet's 1-based position when all digits, else its name. */
function sheetOption(v: string | undefined): string | number | undefined {
  if (v === undefined) return undefined;
  return /^\d+$/.test(v) && Number(v) >= 1 ? Number(v) : v;
}

/**
 * `segmentdesk import`: the workspace is created when the file does not exist yet (a first import
 * needs no separate `workspace create`), otherwise opened.
 */
export const importCommand = defineCommand({
  path: ['import'],
  summary: 'Import a file (CSV or other delimited/fixed-width text, Excel .xlsx/.xlsm, JSON, NDJSON) as a dataset (a new version when the name exists); creates the workspace if needed',
  positionals: [{ name: 'FILE', required: true, description: 'the file to import: .csv/.txt (any delimiter, fixed-width), .xlsx/.xlsm, .json, .ndjson/.jsonl' }],
  options: {
    name: { type: 'string', value: 'NAME', description: 'the dataset name (default: the file name)' },
    as: { type: 'string', choices: ['customers', 'transactions'], default: 'customers', description: 'what one row is' },
    id: { type: 'string', value: 'COL', description: 'the ID column (detected when not given)' },
    link: { type: 'string', value: 'DATASET', description: 'the customers dataset a transactions dataset belongs to' },
    encoding: { type: 'string', value: 'auto|NAME', default: 'auto', description: `the file's encoding: ${ENCODINGS.join(', ')} (or an alias such as cp1250, latin2)` },
    delimiter: {
      type: 'string',
      value: 'auto|space|whitespace|fixed|CHAR',
      default: 'auto',
      description: 'the delimiter: any single character (tab for a tab), space (each space), whitespace (runs of spaces/tabs), fixed (fixed-width columns, see --widths)',
    },
    widths: { type: 'string', value: 'N,N,...', description: 'fixed-width text: the width of each column in characters (the last takes the rest of the line); detected when not given' },
    sheet: { type: 'string', value: 'NAME|N', description: 'Excel workbooks: the sheet to import, by name or 1-based position (default: the first visible sheet)' },
    'no-header': { type: 'boolean', description: 'the first row is data, not column names (columns are column_1 … unless --columns names them)' },
    columns: { type: 'string', value: 'a,b,c', description: 'names for the columns in order (a file without a header, or renaming the header)' },
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
        header: v['no-header'] === true ? false : 'auto',
        ...(v.delimiter === 'fixed' || v.widths !== undefined ? { widths: widthsOption(v.widths) } : {}),
        ...(v.sheet !== undefined ? { sheet: sheetOption(v.sheet) } : {}),
        ...(v.columns !== undefined ? { columnNames: v.columns.split(',').map((c) => c.trim()) } : {}),
      },
    }),
  text: (r) => [`imported ${r.rows} rows (${r.format}) into "${r.dataset}" (version ${r.version}, ${r.kind}), ${r.cellErrors} rejected cells, in ${r.ms} ms`, ...r.warnings.map((w) => `  warning: ${w}`)].join('\n'),
});
