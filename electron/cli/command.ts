import type { Api } from '../../shared/contract/api';
import type { Engine } from '../engine/engine';
import { conventions, type ConventionId } from '../../shared/conventions';

export interface CliIO {
  api: Api;
  engine: Engine;
  /** Progress and human-readable notes (stderr; stdout is reserved for the result). */
  progress(line: string): void;
  /** Path arguments resolve against the caller's working directory. */
  cwd: string;
}

/** One option of a command, declared once: parsing, its type in `run`, the usage line and `--help` come from it. */
export interface OptionDecl {
  readonly type: 'string' | 'boolean';
  /** One line for `--help`. */
  readonly description: string;
  /** Placeholder in the usage line (NAME, FILE.csv); defaults to the choices joined by "|", else VALUE. */
  readonly value?: string;
  /** Missing (or empty) is a usage error: `--NAME is required`. */
  readonly required?: boolean;
  /** Used when the option is not given; the option then always has a value. */
  readonly default?: string;
  /** The only accepted values; `run` sees their union type. */
  readonly choices?: readonly string[];
  /** May be given more than once; `run` sees every value, in order. */
  readonly repeatable?: boolean;
  /** A comma-separated list (`a,b,c`), split and trimmed; with `repeatable` the lists are joined. */
  readonly list?: boolean;
}

export type OptionDecls = Readonly<Record<string, OptionDecl>>;

type ScalarOf<O extends OptionDecl> = O extends { readonly choices: readonly (infer C extends string)[] } ? C : string;
type ValueOf<O extends OptionDecl> = O extends { readonly type: 'boolean' }
  ? boolean
  : O extends { readonly list: true } | { readonly repeatable: true }
    ? ScalarOf<O>[]
    : ScalarOf<O>;
type AlwaysSet<O extends OptionDecl> = O extends { readonly type: 'boolean' } | { readonly required: true } | { readonly default: string } ? true : false;

/** What `run` receives: booleans are false when absent, required and defaulted options are always set. */
export type OptionValues<Os extends OptionDecls> = {
  readonly [K in keyof Os]: AlwaysSet<Os[K]> extends true ? ValueOf<Os[K]> : ValueOf<Os[K]> | undefined;
};

export interface PositionalDecl {
  /** Placeholder in the usage line and in `the FILE to import is required`. */
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

/** Options that go together in the usage line: `(--segment NAME | --run R --cluster C)`; each alternative is a list of option names. */
export interface OptionGroup<N extends string> {
  readonly alternatives: readonly (readonly N[])[];
  /** Rendered in parentheses when one alternative is needed, in brackets otherwise; the command checks the combination. */
  readonly required: boolean;
}

/** How the command needs the workspace: opened, created, opened or created when missing (import), or not at all. */
export type WorkspaceMode = 'open' | 'create' | 'open-or-create' | 'none';

export interface CommandDef<Os extends OptionDecls, R> {
  /** Words after `segmentdesk`, e.g. ["workspace", "create"]. */
  path: readonly string[];
  summary: string;
  workspace: WorkspaceMode;
  positionals?: readonly PositionalDecl[];
  options: Os;
  groups?: readonly OptionGroup<Extract<keyof Os, string>>[];
  /** The conventions behind the command's numbers, printed by `--help` (shared/conventions.ts). */
  conventions?: readonly ConventionId[];
  run(options: OptionValues<Os>, io: CliIO, positionals: readonly string[]): Promise<R>;
  /** Text output when --json is not given; defaults to pretty JSON. */
  text?(result: R): string;
}

export type RawValues = Record<string, string | boolean | (string | boolean)[] | undefined>;
export type ParseOptions = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** What the command produced: the object for --json and its text rendering. */
export interface CommandOutput {
  json: unknown;
  text(): string;
}

/** A declared command with its types erased, as the dispatcher in index.ts sees it. */
export interface CliCommand {
  readonly path: readonly string[];
  readonly summary: string;
  readonly workspace: WorkspaceMode;
  /** The generated usage line. */
  readonly usage: string;
  /** The generated `--help` text: usage, summary and one line per option. */
  readonly help: string;
  /** The `node:util` parseArgs configuration of the command's own options. */
  readonly parseOptions: ParseOptions;
  readonly maxPositionals: number;
  /** Check the parsed values against the declaration (throws UsageError) and bind them for running. */
  bind(values: RawValues, positionals: string[]): (io: CliIO) => Promise<CommandOutput>;
}

export class UsageError extends Error {}

/** Options every command accepts; `--workspace` is listed in usage and help only when the command uses it. */
export const COMMON_OPTIONS: ParseOptions = { workspace: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

const placeholder = (o: OptionDecl) => o.value ?? (o.choices ? o.choices.join('|') : 'VALUE');

function flag(name: string, o: OptionDecl): string {
  if (o.type === 'boolean') return `--${name}`;
  return `--${name} ${placeholder(o)}${o.repeatable && !o.list ? '…' : ''}`;
}

function usageLine(def: CommandDef<OptionDecls, unknown>): string {
  const parts = ['segmentdesk', ...def.path];
  for (const p of def.positionals ?? []) parts.push(p.required ? p.name : `[${p.name}]`);
  if (def.workspace !== 'none') parts.push('--workspace WS');
  const grouped = new Map<string, OptionGroup<string>>();
  for (const g of def.groups ?? []) for (const alt of g.alternatives) for (const n of alt) grouped.set(n, g);
  const done = new Set<OptionGroup<string>>();
  for (const [name, o] of Object.entries(def.options)) {
    const g = grouped.get(name);
    if (g) {
      if (done.has(g)) continue;
      done.add(g);
      const body = g.alternatives.map((alt) => alt.map((n) => flag(n, def.options[n])).join(' ')).join(' | ');
      parts.push(g.required ? `(${body})` : `[${body}]`);
    } else parts.push(o.required ? flag(name, o) : `[${flag(name, o)}]`);
  }
  parts.push('[--json]');
  return parts.join(' ');
}

function helpText(def: CommandDef<OptionDecls, unknown>, usage: string): string {
  const rows: [string, string][] = [];
  for (const p of def.positionals ?? []) rows.push([p.name, `${p.description}${p.required ? ' (required)' : ''}`]);
  if (def.workspace !== 'none')
    rows.push(['--workspace WS', def.workspace === 'create' ? 'the workspace file to create (required)' : def.workspace === 'open-or-create' ? 'the workspace file, created when it does not exist (required)' : 'the workspace file (required)']);
  for (const [name, o] of Object.entries(def.options)) {
    const notes = [o.required ? 'required' : '', o.default !== undefined ? `default: ${o.default}` : '', o.repeatable ? 'repeatable' : ''].filter(Boolean);
    // Choices hidden behind a custom placeholder (a,b) are spelled out.
    const choices = o.choices && o.value ? `: ${o.choices.join(', ')}` : '';
    rows.push([flag(name, o), `${o.description}${choices}${notes.length ? ` (${notes.join(', ')})` : ''}`]);
  }
  rows.push(['--json', 'print exactly one JSON object on stdout'], ['-h, --help', 'show this help']);
  const width = Math.min(32, Math.max(...rows.map(([l]) => l.length)));
  const lines = rows.map(([l, d]) => (l.length > width ? `  ${l}\n  ${''.padEnd(width)}  ${d}` : `  ${l.padEnd(width)}  ${d}`));
  const how = def.conventions?.length ? `\nHow the numbers are computed:\n${conventions(def.conventions).map((c) => wrap(`${c.title}: ${c.text}`, 96, '  ')).join('\n\n')}\n` : '';
  return `${usage}\n  ${def.summary}\n\nOptions:\n${lines.join('\n')}\n${how}`;
}

/** Word-wrap for help paragraphs (terminals do not wrap at word boundaries). */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

function typedValues(options: OptionDecls, raw: RawValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(options)) {
    const given = raw[name];
    if (o.type === 'boolean') {
      out[name] = given === true;
      continue;
    }
    const strings = (Array.isArray(given) ? given : given === undefined ? [] : [given]).filter((s): s is string => typeof s === 'string');
    if (strings.length === 0 && o.default !== undefined) strings.push(o.default);
    const items = o.list ? strings.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean) : strings;
    for (const v of items) if (o.choices && !o.choices.includes(v)) throw new UsageError(`--${name} ${v}: expected one of ${o.choices.join(', ')}`);
    if (o.required && (items.length === 0 || items.every((s) => s === ''))) throw new UsageError(`--${name} is required`);
    // A list that was given but named nothing stays an (empty) list, so "given but empty" differs from "absent".
    out[name] = o.list || o.repeatable ? (strings.length ? items : undefined) : strings.at(-1);
  }
  return out;
}

/** Declare a command: its options once, typed for `run`, generating usage and `--help`. */
export function defineCommand<const Os extends OptionDecls, R>(def: CommandDef<Os, R>): CliCommand {
  const erased = def as unknown as CommandDef<OptionDecls, unknown>;
  const usage = usageLine(erased);
  const positionals = def.positionals ?? [];
  return {
    path: def.path,
    summary: def.summary,
    workspace: def.workspace,
    usage,
    help: helpText(erased, usage),
    parseOptions: Object.fromEntries(Object.entries(def.options).map(([n, o]) => [n, { type: o.type, ...(o.repeatable ? { multiple: true } : {}) }])),
    maxPositionals: positionals.length,
    bind(raw, given) {
      if (given.length > positionals.length) throw new UsageError(`unexpected argument "${given[positionals.length]}"`);
      const missing = positionals.find((p, i) => p.required && !given[i]);
      if (missing) throw new UsageError(`the ${missing.name} to ${def.path.join(' ')} is required`);
      // typedValues builds exactly the shape OptionValues<Os> describes from the declaration.
      const values = typedValues(def.options, raw) as OptionValues<Os>;
      return async (io) => {
        const result = await def.run(values, io, given);
        return { json: result, text: () => (def.text ? def.text(result) : JSON.stringify(result, null, 2)) };
      };
    },
  };
}
