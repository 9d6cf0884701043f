import type { Api } from '../../../shared/contract/api';
import { sourceLabel } from '../../lib/field-groups';
import { useT } from '../../i18n/use-t';

type FeatureChoice = Awaited<ReturnType<Api['clusters']['features']>>[number];

const ROLE_ORDER = ['behavioural', 'psychographic', 'demographic', 'geographic', 'consent', 'other', 'contact', 'id'] as const;

const isOwn = (c: FeatureChoice) => !c.source || c.source === 'customers';

/**
 * The file's columns grouped by role, then the customer view's fields by source (order history, RFM,
 * lifetime value); sensitive ones sit unticked in their own group and need a deliberate tick.
 */
export function FeaturePicker({ choices, selected, onChange }: { choices: FeatureChoice[]; selected: string[]; onChange(next: string[]): void }) {
  const { t } = useT();
  const toggle = (name: string, on: boolean) => onChange(on ? [...selected, name] : selected.filter((s) => s !== name));
  const usable = choices.filter((c) => !c.unusable);
  const own = ROLE_ORDER.map((role) => ({ key: role, label: t('clusters.features.role', { role }), items: usable.filter((c) => isOwn(c) && c.role === role && !c.sensitive) }));
  const sources = [...new Set(usable.filter((c) => !isOwn(c)).map((c) => c.source as string))];
  const derived = sources.map((src) => ({ key: src, label: sourceLabel(src), items: usable.filter((c) => c.source === src && !c.sensitive) }));
  const groups = [...derived, ...own].filter((g) => g.items.length);
  const suggested = usable.filter((c) => c.suggested);
  const fromView = suggested.length > 0 && suggested.every((c) => !isOwn(c));
  const sensitive = usable.filter((c) => c.sensitive);
  const item = (c: FeatureChoice) => (
    <li key={c.name}>
      <label className="inline">
        <input type="checkbox" checked={selected.includes(c.name)} onChange={(e) => toggle(c.name, e.target.checked)} data-testid={`cl-feature-${c.name}`} />
        {c.name} <small>{c.distinct !== null ? t('clusters.features.typeValues', { type: c.type, count: c.distinct }) : t('clusters.features.type', { type: c.type })}</small>
        {c.suggested && <span className="badge">{t('clusters.features.suggested')}</span>}
        {c.constant && (
          <span className="badge" title={t('clusters.features.constantTitle')} data-testid={`cl-constant-${c.name}`}>
            {t('clusters.features.constant')}
          </span>
        )}
        {c.pii && <span className="badge warn">{t('clusters.features.pii')}</span>}
      </label>
    </li>
  );
  return (
    <div className="cl-features" data-testid="cl-features">
      {usable.length > 0 && (
        <p className="hint" data-testid="cl-features-hint">
          {fromView ? t('clusters.features.preTickedView', { columns: suggested.map((c) => c.name).join(', ') }) : t('clusters.features.preTicked')}
          {sensitive.length > 0 && <> {t('clusters.features.sensitiveHint', { columns: sensitive.map((c) => c.name).join(', ') })}</>}
        </p>
      )}
      {groups.map((g) => (
        <fieldset key={g.key} data-testid={`cl-group-${g.key}`}>
          <legend>{g.label}</legend>
          <ul>{g.items.map(item)}</ul>
        </fieldset>
      ))}
      {sensitive.length > 0 && (
        <fieldset className="cl-sensitive">
          <legend>{t('clusters.features.sensitiveLegend')}</legend>
          <p className="hint">{t('clusters.features.sensitiveBody')}</p>
          <ul>{sensitive.map(item)}</ul>
        </fieldset>
      )}
      {choices.some((c) => c.unusable) && (
        <p className="hint">{t('clusters.features.notUsable', { columns: choices.filter((c) => c.unusable).map((c) => t('clusters.features.notUsableItem', { name: c.name, why: c.unusable ?? '' })).join(', ') })}</p>
      )}
    </div>
  );
}
