import { SENSITIVE_CATEGORIES, type SensitiveCategory } from '../../../shared/types/columns';
import { useApp } from '../../store';

const LABELS: Record<SensitiveCategory, string> = {
  gender: 'gender',
  age: 'age',
  ethnicity: 'ethnicity / race',
  religion: 'religion',
  health: 'health / disability',
  marital: 'marital / family status',
  nationality: 'nationality',
  financial: 'financial status',
  other: 'other',
};

/** The managed list of sensitive columns: mark or unmark any column and choose its category. */
export function SensitiveColumns() {
  const datasets = useApp((s) => s.workspace?.datasets);
  const active = useApp((s) => s.activeDataset);
  const updateColumn = useApp((s) => s.updateColumn);
  const dataset = datasets?.find((d) => d.name === active);
  if (!dataset) return null;
  return (
    <section className="fair-sensitive" aria-labelledby="sensitive-title" data-testid="sensitive-columns">
      <h2 id="sensitive-title">Sensitive columns</h2>
      <p className="muted">
        Audits compare selection rates across the groups of these columns. SegmentDesk only uses attributes the data contains; it never infers them.
      </p>
      <table className="fair-table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Sensitive</th>
            <th scope="col">Category</th>
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
                    aria-label={`${c.name} is sensitive`}
                    data-testid={`sensitive-${c.name}`}
                    onChange={(e) => void updateColumn(c.name, { sensitive: e.target.checked, sensitiveCategory: e.target.checked ? (c.sensitiveCategory ?? 'other') : null })}
                  />
                </td>
                <td>
                  <select
                    value={c.sensitiveCategory ?? ''}
                    disabled={!c.sensitive}
                    aria-label={`category of ${c.name}`}
                    data-testid={`category-${c.name}`}
                    onChange={(e) => void updateColumn(c.name, { sensitiveCategory: e.target.value as SensitiveCategory })}
                  >
                    <option value="" disabled>
                      –
                    </option>
                    {SENSITIVE_CATEGORIES.map((k) => (
                      <option key={k} value={k}>
                        {LABELS[k]}
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
