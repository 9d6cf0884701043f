import { SENSITIVE_CATEGORIES, type SensitiveCategory } from '../../../shared/types/columns';
import type { MessageId } from '../../../shared/i18n/catalogue';
import { useApp } from '../../store';
import { useT, type T } from '../../i18n/use-t';

const LABELS: Record<SensitiveCategory, MessageId> = {
  gender: 'responsible.category.gender',
  age: 'responsible.category.age',
  ethnicity: 'responsible.category.ethnicity',
  religion: 'responsible.category.religion',
  health: 'responsible.category.health',
  marital: 'responsible.category.marital',
  nationality: 'responsible.category.nationality',
  financial: 'responsible.category.financial',
  other: 'responsible.category.other',
};

/** A sensitive category's name in the window's language (an unknown one is shown as it is). */
export function categoryLabel(t: T['t'], category: string): string {
  const id = (LABELS as Record<string, MessageId | undefined>)[category];
  return id ? t(id) : category;
}

/** The managed list of sensitive columns: mark or unmark any column and choose its category. */
export function SensitiveColumns() {
  const datasets = useApp((s) => s.workspace?.datasets);
  const active = useApp((s) => s.activeDataset);
  const updateColumn = useApp((s) => s.updateColumn);
  const { t } = useT();
  const dataset = datasets?.find((d) => d.name === active);
  if (!dataset) return null;
  return (
    <section className="fair-sensitive" aria-labelledby="sensitive-title" data-testid="sensitive-columns">
      <h2 id="sensitive-title">{t('responsible.sensitive.title')}</h2>
      <p className="muted">{t('responsible.sensitive.intro')}</p>
      <table className="fair-table">
        <thead>
          <tr>
            <th scope="col">{t('responsible.sensitive.column')}</th>
            <th scope="col">{t('responsible.sensitive.sensitive')}</th>
            <th scope="col">{t('responsible.sensitive.category')}</th>
          </tr>
        </thead>
        <tbody>
          {dataset.columns
            .filter((c) => c.role !== 'id')
            .map((c) => (
              <tr key={c.name} className={c.sensitive ? 'sensitive' : undefined}>
                <td>{c.name}</td>
                <td>
                  <input
                    type="checkbox"
                    checked={c.sensitive}
                    aria-label={t('responsible.sensitive.isSensitive', { column: c.name })}
                    data-testid={`sensitive-${c.name}`}
                    onChange={(e) => void updateColumn(c.name, { sensitive: e.target.checked, sensitiveCategory: e.target.checked ? (c.sensitiveCategory ?? 'other') : null })}
                  />
                </td>
                <td>
                  <select
                    value={c.sensitiveCategory ?? ''}
                    disabled={!c.sensitive}
                    aria-label={t('responsible.sensitive.categoryOf', { column: c.name })}
                    data-testid={`category-${c.name}`}
                    onChange={(e) => void updateColumn(c.name, { sensitiveCategory: e.target.value as SensitiveCategory })}
                  >
                    <option value="" disabled>
                      –
                    </option>
                    {SENSITIVE_CATEGORIES.map((k) => (
                      <option key={k} value={k}>
                        {t(LABELS[k])}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
