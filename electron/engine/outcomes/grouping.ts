import type { Grouping } from '../../../shared/contract/ns/outcomes';
import { msg } from '../../../shared/i18n/current';
import { AppError } from '../../../shared/contract/result';
import { quoteIdent } from '../db/open';
import { BOOL_MISSING, getMirror, rowIndex, type MirrorColumn } from '../mirror';
import { segmentMask } from '../segments/live';
import { clusterViewName, rfmViewName } from '../segments/resolve';
import type { Workspace } from '../workspace/workspace';
import type { OutcomeUnits } from './outcome-units';
import { derivedColumnInfos, derivedValuesById } from '../customer-view/mirror-fields';
import { DEFAULT_BANDS, numericBands, wantsBands } from './bands';

/** One group of an analysis: which outcome rows belong to it. Groups may overlap (segments). */
export interface UnitGroup {
  name: string;
  member: Uint8Array;
}

const MAX_CATEGORY_GROUPS = 100;
const MISSING = '(missing)';

/** A row's value to group by: a label, or a number (grouped value by value, or in bands when there are many). */
type GroupValue = string | number | null;

/** The value of each row of a column. */
function columnValues(c: MirrorColumn): GroupValue[] {
  if (c.kind === 'text') return Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]));
  if (c.kind === 'boolean') return Array.from(c.values, (v) => (v === BOOL_MISSING ? null : v ? 'true' : 'false'));
  if (c.kind === 'date') throw new AppError('BAD_INPUT', msg('outcomes.errors.dateColumn', { column: c.name }), { column: c.name });
  return Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
}

/** How a numeric field was cut into bands (for the result and its stated convention). */
export interface BandInfo {
  field: string;
  asked: number;
  edges: number[];
}

/**
 * Groups from per-row values: one per value, except numeric fields with many values (or when bands
 * are asked for), which are cut into equal-count bands of the rows with a known outcome.
 * `absent` marks rows with no customer behind them (left out of every group); a missing value is a group.
 */
function fromValues(units: OutcomeUnits, values: GroupValue[], absent: (i: number) => boolean, field: string, what: string, bands: number | undefined): { groups: UnitGroup[]; bands: BandInfo | null } {
  const numeric = values.every((v) => v === null || typeof v === 'number');
  if (numeric && wantsBands(values as (number | null)[], bands)) {
    const b = numericBands(values as (number | null)[], (i) => units.outcome[i] !== 2 && !absent(i), bands ?? DEFAULT_BANDS);
    const byName = new Map(fromLabels(b.labels.map((l, i) => (absent(i) ? null : (l ?? MISSING)))).map((g) => [g.name, g]));
    // Bands keep their order (lowest first, missing last): they are ordinal, not ranked by lift.
    const groups = [...b.names, MISSING].flatMap((name) => byName.get(name) ?? []);
    return { groups, bands: { field, asked: bands ?? DEFAULT_BANDS, edges: b.edges } };
  }
  if (bands !== undefined) throw new AppError('BAD_INPUT', msg('outcomes.errors.bandsNotNumeric', { column: field }), { column: field });
  return { groups: fromLabels(values.map((v, i) => (absent(i) ? null : v === null ? MISSING : String(v))), what), bands: null };
}

function fromLabels(rowLabels: (string | null)[], what = ''): UnitGroup[] {
  const byName = new Map<string, Uint8Array>();
  rowLabels.forEach((l, i) => {
    if (l === null) return;
    let m = byName.get(l);
    if (!m) {
      if (byName.size >= MAX_CATEGORY_GROUPS)
        throw new AppError('BAD_INPUT', msg('outcomes.errors.tooManyGroups', { what, max: MAX_CATEGORY_GROUPS }));
      m = new Uint8Array(rowLabels.length);
      byName.set(l, m);
    }
    m[i] = 1;
  });
  return [...byName.entries()].map(([name, member]) => ({ name, member }));
}

/** Map per-customer labels (from a view or another dataset) onto outcome rows by customer id. */
function byCustomer(units: OutcomeUnits, labelOf: Map<string, string>): (string | null)[] {
  return units.customerIds.map((id) => labelOf.get(id) ?? null);
}

/** Map per-customer values onto outcome rows by customer id; `found` says which rows have a customer. */
function valuesByCustomer<T>(units: OutcomeUnits, valueOf: Map<string, T>): { values: (T | null)[]; found: Uint8Array } {
  const found = new Uint8Array(units.customerIds.length);
  const values = units.customerIds.map((id, i) => {
    if (!valueOf.has(id)) return null;
    found[i] = 1;
    return valueOf.get(id) as T;
  });
  return { values, found };
}

function viewLabels(ws: Workspace, view: string, column: string): Map<string, string> {
  const rows = ws.db.prepare(`SELECT CAST(id AS TEXT) AS id, CAST(${quoteIdent(column)} AS TEXT) AS g FROM ${quoteIdent(view)}`).all() as { id: string; g: string | null }[];
  return new Map(rows.map((r) => [r.id, r.g ?? MISSING]));
}

/** The groups of an outcome analysis, aligned with the outcome rows. */
export function buildGroups(ws: Workspace, units: OutcomeUnits, grouping: Grouping): { groups: UnitGroup[]; warnings: string[]; bands?: BandInfo | null } {
  const warnings: string[] = [];
  const n = units.outcome.length;
  if ('by' in grouping) {
    const what = msg('outcomes.errors.whatColumn', { column: grouping.by });
    const own = units.mirror.columns.get(grouping.by);
    if (own) return { ...fromValues(units, columnValues(own), () => false, grouping.by, what, grouping.bands), warnings };
    // A column of the customers dataset a responses file is linked to.
    const linked = (ws.db.prepare('SELECT linked_to FROM datasets WHERE name = ?').get(units.dataset) as { linked_to: string | null } | undefined)?.linked_to;
    const lm = linked ? getMirror(ws, linked) : null;
    const c = lm?.columns.get(grouping.by);
    if (!lm || !c) {
      // A customer-view field (RFM segment, order history, lifetime value, a clustering run) of this dataset or the one it is linked to.
      const viewOf = [units.dataset, linked].find((ds) => ds && derivedColumnInfos(ws, ds).some((f) => f.name === grouping.by));
      if (!viewOf)
        throw new AppError('BAD_INPUT', linked ? msg('outcomes.errors.noFieldLinked', { dataset: units.dataset, column: grouping.by, linked }) : msg('outcomes.errors.noField', { dataset: units.dataset, column: grouping.by }), { column: grouping.by });
      const map = new Map<string, GroupValue>();
      for (const [id, [v]] of derivedValuesById(ws, viewOf, [grouping.by])) map.set(id, v === null || v === undefined ? null : typeof v === 'number' ? v : String(v));
      const { values, found } = valuesByCustomer(units, map);
      const unmatched = n - found.reduce((a, b) => a + b, 0);
      if (unmatched) warnings.push(msg('outcomes.response.noCustomerRows', { count: unmatched, dataset: viewOf }));
      return { ...fromValues(units, values, (i) => !found[i], grouping.by, msg('outcomes.errors.whatField', { column: grouping.by }), grouping.bands), warnings };
    }
    const colValues = columnValues(c);
    const map = new Map<string, GroupValue>();
    lm.ids.forEach((id, i) => map.set(id, colValues[i]));
    const { values, found } = valuesByCustomer(units, map);
    return { ...fromValues(units, values, (i) => !found[i], grouping.by, what, grouping.bands), warnings };
  }
  if ('segments' in grouping) {
    const groups = grouping.segments.map((name) => {
      const { mask, mirror } = segmentMask(ws, name);
      const member = new Uint8Array(n);
      if (mirror.dataset === units.dataset && mirror.rows === n) member.set(mask);
      else {
        const ids = new Set<string>();
        for (let i = 0; i < mask.length; i++) if (mask[i]) ids.add(mirror.ids[i]);
        units.customerIds.forEach((id, i) => {
          if (ids.has(id)) member[i] = 1;
        });
      }
      return { name, member };
    });
    return { groups, warnings };
  }
  if ('run' in grouping) {
    const view = clusterViewName(ws, grouping.run);
    if (!view) throw new AppError('NOT_FOUND', msg('outcomes.errors.noRun', { run: grouping.run }));
    const cols = new Set((ws.db.prepare('SELECT name FROM pragma_table_info(?)').all(view) as { name: string }[]).map((r) => r.name));
    const labelCol = cols.has('cluster_name') ? 'cluster_name' : 'cluster';
    const rowLabels = byCustomer(units, viewLabels(ws, view, labelCol));
    const unmatched = rowLabels.filter((l) => l === null).length;
    if (unmatched) warnings.push(msg('outcomes.response.notInRun', { count: unmatched, run: grouping.run }));
    return { groups: fromLabels(rowLabels, msg('outcomes.errors.whatRun', { run: grouping.run })), warnings };
  }
  const view = rfmViewName(ws, grouping.rfm);
  if (!view) throw new AppError('NOT_FOUND', msg('outcomes.errors.noRfm', { dataset: grouping.rfm }));
  const rowLabels = byCustomer(units, viewLabels(ws, view, 'rfm_segment'));
  const unmatched = rowLabels.filter((l) => l === null).length;
  if (unmatched) warnings.push(msg('outcomes.response.noRfmRows', { count: unmatched }));
  return { groups: fromLabels(rowLabels, msg('outcomes.errors.whatRfm')), warnings };
}

export { rowIndex };
