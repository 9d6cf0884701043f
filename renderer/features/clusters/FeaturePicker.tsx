import type { Api } from '../../../shared/contract/api';
import { sourceLabel } from '../../lib/field-groups';

type FeatureChoice = Awaited<ReturnType<Api['clusters']['features']>>[number];

const ROLE_ORDER = ['behavioural', 'psychographic', 'demographic', 'geographic', 'consent', 'other', 'contact', 'id'] as const;

const isOwn = (c: FeatureChoice) => !c.source || c.source === 'customers';

/**
 * The file's columns grouped by role, then the customer view's fields by source (order history, RFM,
 * lifetime value); sensitive ones sit unticked in their own group and need a deliberate tick.
 */
export function FeaturePicker({ choices, selected, onChange }: { choices: FeatureChoice[]; selected: string[]; onChange(next: string[]): void }) {
  const toggle = (name: string, on: boolean) => onChange(on ? [...selected, name] : selected.filter((s) => s !== name));
  const usable = choices.filter((c) => !c.unusable);
  const own = ROLE_ORDER.map((role) => ({ key: role, label: role.charAt(0).toUpperCase() + role.slice(1), items: usable.filter((c) => isOwn(c) && c.role === role && !c.sensitive) }));
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
        {c.name} <small>{c.type}{c.distinct !== null ? `, ${c.distinct} values` : ''}</small>
        {c.suggested && <span className="badge">suggested</span>}
        {c.constant && (
          <span className="badge" title="Every row has the same value, so it cannot tell customers apart" data-testid={`cl-constant-${c.name}`}>
            one value
          </span>
        )}
        {c.pii && <span className="badge warn">PII</span>}
      </label>
    </li>
  );
  return (
    <div className="cl-features" data-testid="cl-features">
      {usable.length > 0 && (
        <p className="hint" data-testid="cl-features-hint">
          {fromView ? (
            <>Pre-ticked: how customers buy, from their order history ({suggested.map((c) => c.name).join(', ')}): rates that do not grow with how long someone has been a customer.</>
          ) : (
            <>Pre-ticked: behaviour numbers and dates plus up to two lifestyle or behaviour categories with few values.</>
          )}
          {sensitive.length > 0 && <> Sensitive columns ({sensitive.map((c) => c.name).join(', ')}) are never pre-ticked: segments built on them can discriminate.</>}
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
          <legend>Sensitive — excluded by default</legend>
          <p className="hint">Clustering on these can build discrimination into segments. Tick one only deliberately; the run will note it.</p>
          <ul>{sensitive.map(item)}</ul>
        </fieldset>
      )}
      {choices.some((c) => c.unusable) && (
        <p className="hint">Not usable: {choices.filter((c) => c.unusable).map((c) => `${c.name} (${c.unusable})`).join(', ')}</p>
      )}
    </div>
  );
}
