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

/** One group of an analysis: which outcome rows belong to it. Groups may overlap (segments). */
export interface UnitGroup {
  name: string;
  member: Uint8Array;
}

const MAX_CATEGORY_GROUPS = 100;
const MISSING = '(missing)';

/** Group label of each row of a column; null when the column has too many distinct values to compare. */
function labels(c: MirrorColumn): string[] {
  if (c.kind === 'text') return Array.from(c.codes, (k) => (k < 0 ? MISSING : c.dictionary[k]));
  if (c.kind === 'boolean') return Array.from(c.values, (v) => (v === BOOL_MISSING ? MISSING : v ? 'true' : 'false'));
  if (c.kind === 'date') throw new AppError('BAD_INPUT', msg('outcomes.errors.dateColumn', { column: c.name }), { column: c.name });
  return Array.from(c.values, (v) => (Number.isNaN(v) ? MISSING : String(v)));
}

function fromLabels(rowLabels: (string | null)[], what: string): UnitGroup[] {
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

function viewLabels(ws: Workspace, view: string, column: string): Map<string, string> {
  const rows = ws.db.prepare(`SELECT CAST(id AS TEXT) AS id, CAST(${quoteIdent(column)} AS TEXT) AS g FROM ${quoteIdent(view)}`).all() as { id: string; g: string | null }[];
  return new Map(rows.map((r) => [r.id, r.g ?? MISSING]));
}

/** The groups of an outcome analysis, aligned with the outcome rows. */
export function buildGroups(ws: Workspace, units: OutcomeUnits, grouping: Grouping): { groups: UnitGroup[]; warnings: string[] } {
  const warnings: string[] = [];
  const n = units.outcome.length;
  if ('by' in grouping) {
    const own = units.mirror.columns.get(grouping.by);
    if (own) return { groups: fromLabels(labels(own), msg('outcomes.errors.whatColumn', { column: grouping.by })), warnings };
    // A column of the customers dataset a responses file is linked to.
    const linked = (ws.db.prepare('SELECT linked_to FROM datasets WHERE name = ?').get(units.dataset) as { linked_to: string | null } | undefined)?.linked_to;
    const lm = linked ? getMirror(ws, linked) : null;
    const c = lm?.columns.get(grouping.by);
    if (!lm || !c) {
      // A customer-view field (RFM segment, order history, lifetime value, a clustering run) of this dataset or the one it is linked to.
      const viewOf = [units.dataset, linked].find((ds) => ds && derivedColumnInfos(ws, ds).some((f) => f.name === grouping.by));
      if (!viewOf)
        throw new AppError('BAD_INPUT', linked ? msg('outcomes.errors.noFieldLinked', { dataset: units.dataset, column: grouping.by, linked }) : msg('outcomes.errors.noField', { dataset: units.dataset, column: grouping.by }), { column: grouping.by });
      const map = new Map<string, string>();
      for (const [id, [v]] of derivedValuesById(ws, viewOf, [grouping.by])) map.set(id, v === null || v === undefined ? MISSING : String(v));
      const rowLabels = byCustomer(units, map);
      const unmatched = rowLabels.filter((l) => l === null).length;
      if (unmatched) warnings.push(msg('outcomes.response.noCustomerRows', { count: unmatched, dataset: viewOf }));
      return { groups: fromLabels(rowLabels, msg('outcomes.errors.whatField', { column: grouping.by })), warnings };
    }
    const l = labels(c);
    const map = new Map<string, string>();
    lm.ids.forEach((id, i) => map.set(id, l[i]));
    return { groups: fromLabels(byCustomer(units, map), msg('outcomes.errors.whatColumn', { column: grouping.by })), warnings };
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
