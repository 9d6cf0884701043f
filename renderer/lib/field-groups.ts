import type { FieldSummary } from '../../shared/contract/ns/segments';
import type { UiLocale } from '../../shared/i18n/locales';
import { translator } from '../../shared/i18n/translator';
import { activeLocale } from '../i18n/active';

/**
 * The builder's field picker groups fields by where they come from, in this order: the file's own
 * columns (by role within), then the customer view's order history, RFM, lifetime value and clusters,
 * and last the dataset's other saved segments (picking one makes a `{"segment": name}` reference).
 */
const ROLE_ORDER = ['behavioural', 'demographic', 'geographic', 'psychographic', 'consent', 'contact', 'id', 'other'];

export interface FieldGroup {
  /** Stable key (the source kind, or `orders:<dataset>` per orders file). */
  key: string;
  label: string;
  fields: FieldSummary[];
}

/**
 * A saved segment in the picker is an option whose value starts with U+0001, which no real header
 * starts with; should a column ever be named so, the picker takes the column (see ConditionEditor).
 */
export const SEGMENT_OPTION = '\u0001segment:';
export const segmentOption = (name: string): string => SEGMENT_OPTION + name;
export const segmentFromOption = (value: string): string | null => (value.startsWith(SEGMENT_OPTION) ? value.slice(SEGMENT_OPTION.length) : null);

export interface SegmentChoice {
  name: string;
  size: number;
}

/** Where a field comes from, in words (the picker's group labels). */
export function sourceLabel(source: string | undefined, locale: UiLocale = activeLocale()): string {
  return groupOf(source, locale).label;
}

function groupOf(source: string | undefined, locale: UiLocale): { key: string; label: string; rank: number } {
  const { t } = translator(locale);
  if (!source || source === 'customers') return { key: 'customers', label: t('segments.fields.customers'), rank: 0 };
  if (source.startsWith('orders:')) return { key: source, label: t('segments.fields.orders', { dataset: source.slice(7) }), rank: 1 };
  if (source === 'rfm') return { key: 'rfm', label: t('segments.fields.rfm'), rank: 2 };
  if (source === 'clv') return { key: 'clv', label: t('segments.fields.clv'), rank: 3 };
  if (source.startsWith('cluster:')) return { key: 'clusters', label: t('segments.fields.clusters'), rank: 4 };
  return { key: source, label: source, rank: 5 };
}

/** Saved segments matching `query` (on the name or the group's label); `keep` (an option value) is always listed. */
export function segmentGroup(segments: SegmentChoice[], query: string, keep?: string, locale: UiLocale = activeLocale()): { label: string; segments: SegmentChoice[] } | null {
  const q = query.trim().toLowerCase();
  const label = translator(locale).t('segments.fields.segments');
  const list = segments.filter((s) => !q || segmentOption(s.name) === keep || s.name.toLowerCase().includes(q) || label.toLowerCase().includes(q));
  return list.length ? { label, segments: list } : null;
}

/** Fields matching `query` (case-insensitive, on the name or the group's label), grouped; `keep` is always listed. */
export function fieldGroups(fields: FieldSummary[], query: string, keep?: string, locale: UiLocale = activeLocale()): FieldGroup[] {
  const q = query.trim().toLowerCase();
  const groups = new Map<string, FieldGroup & { rank: number }>();
  for (const f of fields) {
    const g = groupOf(f.source, locale);
    if (q && f.name !== keep && !f.name.toLowerCase().includes(q) && !g.label.toLowerCase().includes(q)) continue;
    const entry = groups.get(g.key) ?? { key: g.key, label: g.label, rank: g.rank, fields: [] };
    entry.fields.push(f);
    groups.set(g.key, entry);
  }
  const byRole = (f: FieldSummary) => {
    const i = ROLE_ORDER.indexOf(f.role);
    return i < 0 ? ROLE_ORDER.length : i;
  };
  return [...groups.values()]
    .sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key))
    .map(({ key, label, fields: fs }) => ({ key, label, fields: key === 'customers' ? [...fs].sort((a, b) => byRole(a) - byRole(b)) : fs }));
}
