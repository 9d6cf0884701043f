import { useApp } from '../store';
import { useT } from '../i18n/use-t';

/** The dataset chooser every feature view shows at its top (customers and transactions datasets alike). */
export function DatasetPicker({ value, onChange, testId }: { value: string | null; onChange: (name: string) => void; testId: string }) {
  const datasets = useApp((s) => s.workspace?.datasets);
  const { t } = useT();
  return (
    <label className="inline">
      {t('app.dataset.label')}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {(datasets ?? []).map((d) => (
          <option key={d.name} value={d.name}>
            {t('app.dataset.option', { name: d.name, kind: d.kind })}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A feature's tab strip; test ids are `<prefix>-tab-<id>`. */
export function TabBar<T extends string>({ tabs, active, onSelect, testIdPrefix }: { tabs: readonly { id: T; label: string }[]; active: T; onSelect: (id: T) => void; testIdPrefix: string }) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={active === t.id}
          className={active === t.id ? 'active' : undefined}
          onClick={() => onSelect(t.id)}
          data-testid={`${testIdPrefix}-tab-${t.id}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
