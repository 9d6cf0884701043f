import path from 'node:path';
import type { CliCommand } from '../command';
import { list, str, UsageError, required } from '../command';
import { AGE_READINGS, type AgeReading } from '../../../shared/contract/ns/fairness';
import { readRuleFile } from './count';
import { formatRatio } from '../../../shared/fairness/ratio';

interface TextGroup {
  value: string;
  base: number;
  selected: number;
  rate: number | null;
  small: boolean;
}
interface TextAttr {
  attribute: string;
  ratio: number | null;
  flag: boolean;
  groups: TextGroup[];
  explanation: string;
}

function pct(x: number | null): string {
  return x === null ? '–' : `${(100 * x).toFixed(1)}%`;
}

function attrLines(attrs: TextAttr[], indent = ''): string[] {
  return attrs.flatMap((a) => [
    `${indent}${a.flag ? '⚠ ' : ''}${a.attribute}: ratio ${a.ratio === null ? '–' : formatRatio(a.ratio)}${a.flag ? ' (below 0.8)' : ''}`,
    ...a.groups.map((g) => `${indent}    ${g.value}: ${g.selected}/${g.base} = ${pct(g.rate)}${g.small ? ' (small group)' : ''}`),
  ]);
}

/** --age-reading Year_Birth=birth-year (repeatable): how an age column is read. */
function parseAgeReadings(items: string[] | undefined): Record<string, AgeReading> | undefined {
  if (!items) return undefined;
  const out: Record<string, AgeReading> = {};
  for (const item of items) {
    const eq = item.lastIndexOf('=');
    const reading = item.slice(eq + 1);
    if (eq <= 0 || !(AGE_READINGS as readonly string[]).includes(reading)) throw new UsageError(`--age-reading takes COLUMN=age or COLUMN=birth-year, not "${item}"`);
    out[item.slice(0, eq)] = reading as AgeReading;
  }
  return out;
}

export const auditCommand: CliCommand = {
  path: ['audit'],
  summary: 'Fairness audit of a saved segment, a rule or a clustering run: selection rates per sensitive group, four-fifths flags, proxy columns',
  usage: 'segmentdesk audit --workspace WS --dataset NAME (--segment NAME | --rule RULE.json | --run R) [--age-reading COL=age|birth-year ...] [--json]',
  options: { dataset: { type: 'string' }, segment: { type: 'string' }, rule: { type: 'string' }, run: { type: 'string' }, 'age-reading': { type: 'string', multiple: true } },
  workspace: 'open',
  run: async (v, _p, io) => {
    const dataset = required(v, 'dataset');
    const given = ['segment', 'rule', 'run'].filter((k) => str(v, k) !== undefined);
    if (given.length !== 1) throw new UsageError('give exactly one of --segment, --rule or --run');
    const segment = str(v, 'segment');
    const ruleFile = str(v, 'rule');
    const run = str(v, 'run');
    const ageReadings = parseAgeReadings(list(v, 'age-reading'));
    const report = await io.api.fairness.audit({
      dataset,
      ...(segment !== undefined ? { segment } : {}),
      ...(ruleFile !== undefined ? { rule: readRuleFile(io.cwd, ruleFile) } : {}),
      ...(run !== undefined ? { run } : {}),
      ...(ageReadings ? { ageReadings } : {}),
    });
    // The fields first, in its order; the rest (explanations, notes) after.
    const { base, selected, attributes, proxies, sensitiveInRule, clusters, ...rest } = report;
    return { base, selected, attributes, proxies, sensitiveInRule, ...(clusters ? { clusters } : {}), ...rest };
  },
  text: (r) => {
    const lines = [`${String(r.target)} on ${String(r.dataset)}: ${String(r.selected)} of ${String(r.base)} selected (ages as of ${String(r.asOf)}, ${String(r.asOfSource)})`];
    const clusters = r.clusters as { cluster: string; selected: number; attributes: TextAttr[] }[] | undefined;
    if (clusters) for (const c of clusters) lines.push(`cluster ${c.cluster} (${c.selected}):`, ...attrLines(c.attributes, '  '));
    else lines.push(...attrLines(r.attributes as TextAttr[]));
    const proxies = (r.proxies as { flag: boolean; explanation: string }[]).filter((p) => p.flag);
    if (proxies.length) lines.push('proxies:', ...proxies.map((p) => `  ⚠ ${p.explanation}`));
    for (const n of r.notes as string[]) lines.push(`note: ${n}`);
    return lines.join('\n');
  },
};

export const auditLogCommand: CliCommand = {
  path: ['audit', 'log'],
  summary: 'The audit log (exports, erasures, consent overrides, justifications) as CSV',
  usage: 'segmentdesk audit log --workspace WS [--out FILE.csv] [--json]',
  options: { out: { type: 'string' } },
  workspace: 'open',
  run: async (v, _p, io) => {
    const out = str(v, 'out');
    const r = await io.api.audit.exportCsv(out ? { path: path.resolve(io.cwd, out) } : {});
    return out ? { rows: r.rows, file: r.file } : { rows: r.rows, csv: r.csv };
  },
  text: (r) => (typeof r.csv === 'string' ? r.csv.trimEnd() : `${String(r.rows)} entries written to ${String(r.file)}`),
};
