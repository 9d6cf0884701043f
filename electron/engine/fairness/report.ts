import type { Workspace } from '../workspace/workspace';
import type { AgeReading, AuditReport } from '../../../shared/contract/ns/fairness';
import { AttributeGroups, auditAttributes, sensitiveColumns } from './audit';
import { proxiesFor } from './proxy-cache';
import { frameFor, selectClusters, selectRule, selectSegment, type Selection } from './selection';
import { countMask } from '../segments/evaluate';
import { runFeatures } from './run-features';
import { customerKeys, customerLens } from '../mirror/customers';
import { TESTS_HELP } from '../../../shared/contract/stats';
import { FOUR_FIFTHS, MISSING_LABEL, SMALL_GROUP } from './stats';
import { msg, messageLocale } from '../../../shared/i18n/current';
import { formats } from '../../../shared/i18n/format';

function methodsText(missingAsReference: boolean): string {
  const line = formats(messageLocale()).number(FOUR_FIFTHS, 1);
  return missingAsReference
    ? msg('responsible.fairness.methods', { size: SMALL_GROUP, tests: TESTS_HELP, line })
    : msg('responsible.fairness.methodsMissing', { size: SMALL_GROUP, missing: MISSING_LABEL, tests: TESTS_HELP, line });
}

export interface AuditRequest {
  dataset: string;
  segment?: string;
  rule?: unknown;
  run?: string;
  ageReadings?: Record<string, AgeReading>;
  missingAsReference?: boolean;
}

function notesFor(sensitive: number, hasProxies: boolean): string[] {
  const notes: string[] = [];
  if (sensitive === 0) {
    notes.push(msg('responsible.fairness.noSensitive'));
  }
  if (hasProxies) notes.push(msg('responsible.fairness.proxiesNote'));
  return notes;
}

/**
 * The fairness audit of one segment, rule or clustering run over the dataset's current version, in
 * customers as segment sizes are: where IDs repeat, each customer counts once (with their first row's
 * attributes) and is selected when any of their rows is.
 */
export function auditReport(ws: Workspace, req: AuditRequest): AuditReport {
  const frame = frameFor(ws, req.dataset, req.ageReadings);
  const groups = new AttributeGroups(frame);
  const keys = customerKeys(ws, frame.mirror);
  const lens = customerLens(keys);
  const lift = (mask: Uint8Array) => (lens ? lens.lift(mask) : mask);
  const rows = frame.mirror.rows;
  const base = keys.distinct;
  const { asOf, asOfSource } = frame;
  const nSensitive = sensitiveColumns(frame).length;
  const missingAsReference = req.missingAsReference ?? false;
  const stated = { missingAsReference, methods: methodsText(missingAsReference) };
  if (req.run !== undefined) {
    const selections = selectClusters(ws, frame, req.run);
    const clusters = selections.map((c) => {
      const mask = lift(c.mask);
      return { cluster: c.cluster, selected: countMask(mask), attributes: auditAttributes(groups, mask, lens?.population, missingAsReference) };
    });
    const proxies = proxiesFor(ws, groups, runFeatures(ws, req.run));
    const rowsInAny = new Uint8Array(rows);
    for (const c of selections) for (let i = 0; i < rows; i++) rowsInAny[i] |= c.mask[i];
    const any = lift(rowsInAny);
    return {
      dataset: req.dataset,
      target: msg('responsible.audit.targetRun', { run: req.run ?? '' }),
      asOf,
      asOfSource,
      base,
      selected: countMask(any),
      attributes: [],
      proxies,
      sensitiveInRule: [],
      justification: null,
      clusters,
      notes: [...groups.notes(), ...notesFor(nSensitive, proxies.some((p) => p.flag))],
      ...stated,
    };
  }
  const sel: Selection = req.segment !== undefined ? selectSegment(ws, frame, req.segment) : selectRule(ws, frame, req.rule);
  const selected = lift(sel.mask);
  const proxies = proxiesFor(ws, groups, sel.fields);
  const notes = [...groups.notes(), ...notesFor(nSensitive, proxies.some((p) => p.flag))];
  if (sel.sensitiveInRule.length > 0 && !sel.justification) notes.push(msg('responsible.fairness.ruleNeedsJustification', { columns: sel.sensitiveInRule.map((s) => s.column).join(', ') }));
  return {
    dataset: req.dataset,
    target: sel.description,
    asOf,
    asOfSource,
    base,
    selected: countMask(selected),
    attributes: auditAttributes(groups, selected, lens?.population, missingAsReference),
    proxies,
    sensitiveInRule: sel.sensitiveInRule,
    justification: sel.justification,
    notes,
    ...stated,
  };
}
