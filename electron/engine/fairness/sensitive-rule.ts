import { isAll, isAny, isCondition, isNot, isSegmentRef, type RuleNode } from '../../../shared/rules';
import type { ColumnInfo, SensitiveCategory } from '../../../shared/types/columns';
import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';

export interface SensitiveUse {
  column: string;
  category: SensitiveCategory;
  /** Set when the column is reached through a referenced saved segment. */
  viaSegment?: string;
}

/** Looks up a saved segment's rule by name (segments capability); null when unknown. */
export type SegmentRuleLookup = (name: string) => RuleNode | null;

/** Every field a rule's conditions use, following references to saved segments (each once). */
export function fieldsInRule(rule: RuleNode, lookup?: SegmentRuleLookup): { field: string; viaSegment?: string }[] {
  const out: { field: string; viaSegment?: string }[] = [];
  const seen = new Set<string>();
  const walk = (n: RuleNode, via: string | undefined) => {
    if (isCondition(n)) out.push(via ? { field: n.field, viaSegment: via } : { field: n.field });
    else if (isAll(n)) n.all.forEach((c) => walk(c, via));
    else if (isAny(n)) n.any.forEach((c) => walk(c, via));
    else if (isNot(n)) walk(n.not, via);
    else if (isSegmentRef(n) && lookup && !seen.has(n.segment)) {
      seen.add(n.segment);
      const r = lookup(n.segment);
      if (r) walk(r, via ?? n.segment);
    }
  };
  walk(rule, undefined);
  return out;
}

/** The sensitive columns a rule uses, directly or through referenced segments, each listed once. */
export function sensitiveInRule(rule: RuleNode, columns: readonly ColumnInfo[], lookup?: SegmentRuleLookup): SensitiveUse[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const found = new Map<string, SensitiveUse>();
  for (const { field, viaSegment } of fieldsInRule(rule, lookup)) {
    const col = byName.get(field);
    if (!col?.sensitive || found.has(field)) continue;
    found.set(field, viaSegment ? { column: field, category: col.sensitiveCategory ?? 'other', viaSegment } : { column: field, category: col.sensitiveCategory ?? 'other' });
  }
  return [...found.values()];
}

/** A justification must say something; "ok" or "." is not a reason. */
const MIN_JUSTIFICATION = 10;

/**
 * The check a segment save runs: a rule that uses a sensitive attribute needs a written
 * justification. Returns the sensitive uses (empty when none) so the caller can store and
 * show them; throws BAD_INPUT naming the columns when the justification is missing.
 */
export function requireJustification(
  segment: string,
  rule: RuleNode,
  columns: readonly ColumnInfo[],
  justification: string | null | undefined,
  lookup?: SegmentRuleLookup,
): SensitiveUse[] {
  const uses = sensitiveInRule(rule, columns, lookup);
  if (uses.length === 0) return uses;
  const text = (justification ?? '').trim();
  if (text.length < MIN_JUSTIFICATION) {
    const names = uses.map((u) => `${u.column} (${u.category}${u.viaSegment ? `, via segment "${u.viaSegment}"` : ''})`).join(', ');
    throw new AppError(
      'BAD_INPUT',
      msg('responsible.errors.needsJustification', { segment, names, min: MIN_JUSTIFICATION }),
      { segment, sensitive: uses },
    );
  }
  return uses;
}
