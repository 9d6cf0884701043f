import { msg } from '../../../shared/i18n/current';
import type { Workspace } from '../workspace/workspace';
import { quoteIdent } from '../db/open';
import { columnsOf } from '../workspace/catalog';
import { daysToIso, describeRule, validateRule, type RuleNode } from '../../../shared/rules';
import { NUMBER_DISTINCT_CAP, type CountResult, type FieldSummary } from '../../../shared/contract/ns/segments';
import type { Cell } from '../../../shared/types/columns';
import { getMirror, type Mirror, type MirrorColumn } from '../mirror';
import { customerKeys, customersIn } from '../mirror/customers';
import { countRule, evaluateRule } from './evaluate';
import { compileSql } from './sql';
import { checkRule, expandRule, mirrorEnv, ruleFields, sqlEnv } from './resolve';
import { segmentByName } from './snapshot';
import { derivedColumn, derivedFields, mirrorForRule } from '../customer-view/mirror-fields';
import { datasetAsOf } from '../orders/as-of';
import { VIEW_CACHE_PREFIX } from '../customer-view/rebuild';

const BINS = 24;

/**
 * The membership mask of a rule on the current version's mirror. Relative dates ("in the last 90
 * days") count back from the data's own latest date (datasetAsOf), never the clock.
 */
export function ruleMask(ws: Workspace, dataset: string, input: unknown, asOf = datasetAsOf(ws, dataset).asOf): { mask: Uint8Array; mirror: Mirror; rule: RuleNode } {
  const rule = checkRule(ws, dataset, input);
  const m = getMirror(ws, dataset);
  const expanded = expandRule(ws, dataset, rule);
  return { mask: evaluateRule(expanded, mirrorForRule(ws, m, expanded), mirrorEnv(ws, m, asOf)), mirror: m, rule };
}

/** Membership mask of a saved segment, evaluated live on its dataset's current version. */
export function segmentMask(ws: Workspace, name: string): { mask: Uint8Array; mirror: Mirror; rule: RuleNode } {
  const seg = segmentByName(ws, name);
  return ruleMask(ws, seg.dataset, JSON.parse(seg.rule_json));
}

export function liveCount(ws: Workspace, dataset: string, input: unknown, asOf?: string): CountResult {
  const t0 = performance.now();
  const rule = checkRule(ws, dataset, input);
  const expanded = expandRule(ws, dataset, rule);
  const mirror = mirrorForRule(ws, getMirror(ws, dataset), expanded);
  const at = asOf !== undefined ? { asOf, source: msg('segments.asOf.chosenForCount') } : datasetAsOf(ws, dataset);
  const env = mirrorEnv(ws, mirror, at.asOf);
  const keys = customerKeys(ws, mirror);
  const stated = { asOf: at.asOf, asOfSource: at.source };
  const ms = () => Math.round((performance.now() - t0) * 100) / 100;
  if (keys.unique) {
    const count = countRule(expanded, mirror, env);
    return { count, total: mirror.rows, share: mirror.rows ? count / mirror.rows : 0, ms: ms(), description: describeRule(rule), ...stated };
  }
  // Repeated or missing IDs: count customers, as a saved segment's members are counted.
  const mask = evaluateRule(expanded, mirror, env);
  let rows = 0;
  for (let i = 0; i < mask.length; i++) rows += mask[i];
  const count = customersIn(keys, mask);
  return { count, total: keys.distinct, share: keys.distinct ? count / keys.distinct : 0, rows, ms: ms(), description: describeRule(rule), ...stated };
}

export function validateForDataset(ws: Workspace, dataset: string, input: unknown): { ok: boolean; issues: { path: string; message: string }[]; description: string } {
  const res = validateRule(input, ruleFields(ws, dataset));
  if (!res.ok) return { ok: false, issues: res.issues, description: '' };
  try {
    checkRule(ws, dataset, res.rule);
    return { ok: true, issues: [], description: describeRule(res.rule) };
  } catch (e) {
    const issues = ((e as { details?: { issues?: { path: string; message: string }[] } }).details?.issues ?? [{ path: '', message: (e as Error).message }]);
    return { ok: false, issues, description: describeRule(res.rule) };
  }
}

function summarise(col: MirrorColumn, base: Omit<FieldSummary, 'min' | 'max' | 'histogram' | 'categories' | 'distinct' | 'missing'>): FieldSummary {
  if (col.kind === 'text') {
    const order = Array.from(col.counts.keys()).sort((a, b) => col.counts[b] - col.counts[a]);
    let missing = 0;
    for (let i = 0; i < col.codes.length; i++) if (col.codes[i] < 0) missing++;
    return { ...base, missing, min: null, max: null, histogram: [], distinct: col.dictionary.length, categories: order.slice(0, 200).map((c) => ({ value: col.dictionary[c], count: col.counts[c] })) };
  }
  if (col.kind === 'boolean') {
    const counts = [0, 0, 0];
    for (let i = 0; i < col.values.length; i++) counts[col.values[i]]++;
    return { ...base, missing: counts[2], min: null, max: null, histogram: [], distinct: 2, categories: [{ value: 'yes', count: counts[1] }, { value: 'no', count: counts[0] }] };
  }
  const v = col.values;
  let lo = Infinity;
  let hi = -Infinity;
  let missing = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) missing++;
    else {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  const histogram = new Array<number>(BINS).fill(0);
  if (lo <= hi) {
    const w = (hi - lo) / BINS || 1;
    for (let i = 0; i < v.length; i++) if (v[i] === v[i]) histogram[Math.min(BINS - 1, Math.floor((v[i] - lo) / w))]++;
  }
  const fmt = (x: number) => (lo > hi ? null : col.kind === 'date' ? daysToIso(Math.floor(x)) : x);
  // Counted up to the cap: a continuous field stops after a few values, a score of 1–5 takes one pass over a tiny set.
  const seen = new Set<number>();
  for (let i = 0; i < v.length && seen.size < NUMBER_DISTINCT_CAP; i++) if (v[i] === v[i]) seen.add(v[i]);
  return { ...base, missing, min: fmt(lo), max: fmt(hi), histogram: lo <= hi ? histogram : [], categories: [], distinct: seen.size };
}

export function fieldSummaries(ws: Workspace, dataset: string): { dataset: string; rows: number; fields: FieldSummary[] } {
  const m = getMirror(ws, dataset);
  const own = ws.cache(`mirror-fields:${dataset}:${m.version}`, () => {
    const fields = columnsOf(ws.db, dataset)
      .filter((c) => m.columns.has(c.name))
      .map((c) => summarise(m.columns.get(c.name) as MirrorColumn, { name: c.name, type: c.type, role: c.role, sensitive: c.sensitive, source: 'customers' }));
    return { dataset, rows: m.rows, fields };
  });
  // The customer view's fields follow (summarised over the dataset's rows, as counts read them); their
  // own cache goes when the view's inputs change (a new RFM run, a new fit, a clustering run).
  const derived = derivedFields(ws, dataset);
  if (!derived) return own;
  const extra = ws.cache(`${VIEW_CACHE_PREFIX}summaries:${dataset}:${m.version}`, () =>
    [...derived.fields.values()].map((f) =>
      summarise(derivedColumn(ws, m, derived, f.name), { name: f.name, type: f.type, role: f.source.startsWith('cluster:') ? 'other' : 'behavioural', sensitive: false, source: f.source }),
    ),
  );
  return { ...own, fields: [...own.fields, ...extra] };
}

/** A page of the data table filtered by a rule (SQL on the current version; rows in file order). */
export function filteredRows(ws: Workspace, dataset: string, input: unknown, offset: number, limit: number): { columns: string[]; rows: Cell[][]; total: number } {
  const rule = expandRule(ws, dataset, checkRule(ws, dataset, input));
  const m = getMirror(ws, dataset);
  const env = sqlEnv(ws, dataset, datasetAsOf(ws, dataset).asOf);
  const { where, params } = compileSql(rule, env);
  const columns = columnsOf(ws.db, dataset).map((c) => c.name);
  const table = quoteIdent(m.table);
  const total = ws.db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get(...params) as number;
  const rows = ws.db
    .prepare(`SELECT ${columns.map(quoteIdent).join(', ')} FROM ${table} WHERE ${where} ORDER BY rowid LIMIT ? OFFSET ?`)
    .raw(true)
    .all(...params, limit, offset) as Cell[][];
  return { columns, rows, total };
}
