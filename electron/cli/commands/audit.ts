import path from 'node:path';
import type { Contract } from '../../../shared/contract/api';
import type { OutputOf } from '../../../shared/contract/define';
import { AGE_READINGS, type AgeReading } from '../../../shared/contract/ns/fairness';
import { formatRatio } from '../../../shared/fairness/ratio';
import { overallSentence } from '../../../shared/contract/stats';
import { defineCommand, UsageError } from '../command';
import { readRuleFile } from './count';

type AttributeAudit = OutputOf<Contract, 'fairness', 'audit'>['attributes'][number];

function pct(x: number | null): string {
  return x === null ? '–' : `${(100 * x).toFixed(1)}%`;
}

function pLine(g: AttributeAudit['groups'][number], reference: string | null | undefined): string {
  if (g.value === reference) return ' (reference)';
  if (g.pValue === undefined) return '';
  return ` p=${g.pValue.toPrecision(3)} (${g.test === 'fisher' ? 'Fisher exact' : 'z-test'}) p(Holm)=${g.pHolm === undefined ? '–' : g.pHolm.toPrecision(3)}`;
}

function attrLines(attrs: AttributeAudit[], indent = ''): string[] {
  return attrs.flatMap((a) => [
    `${indent}${a.flag ? '⚠ ' : ''}${a.attribute}: ratio ${a.ratio === null ? '–' : formatRatio(a.ratio)}${a.flag ? ' (below 0.8)' : ''}`,
    ...a.groups.map((g) => `${indent}    ${g.value}: ${g.selected}/${g.base} = ${pct(g.rate)}${pLine(g, a.referenceGroup)}${g.small ? ' (small group)' : ''}`),
    ...(a.overall ? [`${indent}  ${overallSentence(a.overall)}`] : []),
    ...(a.warnings ?? []).map((w) => `${indent}  warning: ${w}`),
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

export const auditCommand = defineCommand({
  path: ['audit'],
  summary: 'Fairness audit of a saved segment, a rule or a clustering run: selection rates per sensitive group, four-fifths flags, overall and per-group tests, proxy columns',
  options: {
    dataset: { type: 'string', value: 'NAME', required: true, description: 'the customers dataset' },
    segment: { type: 'string', value: 'NAME', description: 'audit this saved segment' },
    rule: { type: 'string', value: 'RULE.json', description: 'audit the customers this rule file selects' },
    run: { type: 'string', value: 'R', description: 'audit each cluster of this clustering run' },
    'age-reading': { type: 'string', value: 'COL=age|birth-year', repeatable: true, description: 'how an age column is read (birth years become ages at the data\'s as-of date)' },
    'missing-as-reference': { type: 'boolean', description: 'let "(missing)" set the reference (highest) rate and enter the overall test like any group (default: shown, never the reference)' },
  },
  groups: [{ alternatives: [['segment'], ['rule'], ['run']], required: true }],
  conventions: ['fairness', 'tests', 'asOf', 'customers'],
  workspace: 'open',
  run: async (v, io) => {
    const { segment, rule: ruleFile, run } = v;
    if ([segment, ruleFile, run].filter((x) => x !== undefined).length !== 1) throw new UsageError('give exactly one of --segment, --rule or --run');
    const ageReadings = parseAgeReadings(v['age-reading']);
    const report = await io.api.fairness.audit({
      dataset: v.dataset,
      ...(segment !== undefined ? { segment } : {}),
      ...(ruleFile !== undefined ? { rule: readRuleFile(io.cwd, ruleFile) } : {}),
      ...(run !== undefined ? { run } : {}),
      ...(ageReadings ? { ageReadings } : {}),
      ...(v['missing-as-reference'] ? { missingAsReference: true } : {}),
    });
    // The fields first, in its order; the rest (explanations, notes) after.
    const { base, selected, attributes, proxies, sensitiveInRule, clusters, ...rest } = report;
    return { base, selected, attributes, proxies, sensitiveInRule, ...(clusters ? { clusters } : {}), ...rest };
  },
  text: (r) => {
    const lines = [`${r.target} on ${r.dataset}: ${r.selected} of ${r.base} selected (ages as of ${r.asOf}, ${r.asOfSource})`];
    if (r.clusters) for (const c of r.clusters) lines.push(`cluster ${c.cluster} (${c.selected}):`, ...attrLines(c.attributes, '  '));
    else lines.push(...attrLines(r.attributes));
    const proxies = r.proxies.filter((p) => p.flag);
    if (proxies.length) lines.push('proxies:', ...proxies.map((p) => `  ⚠ ${p.explanation}`));
    for (const n of r.notes) lines.push(`note: ${n}`);
    if (r.methods) lines.push(`methods: ${r.methods}`);
    return lines.join('\n');
  },
});

export const auditLogCommand = defineCommand({
  path: ['audit', 'log'],
  summary: 'The audit log (exports, erasures, consent overrides, justifications) as CSV',
  options: { out: { type: 'string', value: 'FILE.csv', description: 'write the CSV to this file instead of printing it' } },
  workspace: 'open',
  run: async (v, io) => {
    const r = await io.api.audit.exportCsv(v.out ? { path: path.resolve(io.cwd, v.out) } : {});
    return v.out ? { rows: r.rows, file: r.file } : { rows: r.rows, csv: r.csv };
  },
  text: (r) => ('csv' in r && typeof r.csv === 'string' ? r.csv.trimEnd() : `${r.rows} entries written to ${String(r.file)}`),
});
