import { useId } from 'react';
import { COLUMN_ROLES, COLUMN_TYPES, type ColumnRole, type ColumnType } from '../../../shared/types/columns';
import { useApp } from '../../store';
import { previewRejections, rejectionText, type ImportWizard } from '../../store/import-wizard';
import { formatCell, isNumericType } from '../../lib/format';
import { useT } from '../../i18n/use-t';

/**
 * The first rows exactly as they will be stored, under one editor per column (type, role, PII, sensitive).
 * A cell whose file text is not empty but whose stored value is missing will be rejected: it is marked, and each
 * column heading counts them (the count describes the column's type selector, so a screen reader hears it there).
 */
export function ImportPreviewTable({ w }: { w: ImportWizard }) {
  const setColumn = useApp((s) => s.setColumn);
  const setOption = useApp((s) => s.setParseOption);
  const uid = useId();
  const { t } = useT();
  const p = w.preview;
  if (!p) return null;
  // Without a header the user names the columns here (column_1 … until then); the names are kept for the dataset's next version.
  const rename = (i: number, name: string) => {
    const names = w.columns.map((c, k) => (k === i ? name.trim() || c.name : c.name));
    if (names[i] !== w.columns[i].name) void setOption('columnNames', names);
  };
  const rejections = previewRejections(p);
  return (
    <div className="preview-wrap">
      <table className="preview" data-testid="import-preview">
        <thead>
          <tr>
            {w.columns.map((c, i) => {
              const rej = rejections[i];
              const rejId = `${uid}-rejected-${i}`;
              return (
                <th key={`${c.name}-${i}`} scope="col" data-testid="preview-column" data-column={c.name}>
                  {p.detected.header ? (
                    <div className="col-name" title={c.name}>
                      {c.name}
                    </div>
                  ) : (
                    <input
                      key={c.name}
                      className="col-name"
                      type="text"
                      defaultValue={c.name}
                      aria-label={t('data.preview.columnName', { n: i + 1 })}
                      onBlur={(e) => rename(i, e.target.value)}
                      onKeyDown={(e) => e.key === 'Enter' && rename(i, e.currentTarget.value)}
                      spellCheck={false}
                      data-testid={`name-${i + 1}`}
                    />
                  )}
                  {rej && rej.rejected > 0 ? (
                    <div className="col-rejected" id={rejId} data-testid={`rejected-${c.name}`}>
                      {t('data.rejected.columnRejected', { rows: rejectionText(rej) })}
                    </div>
                  ) : null}
                  <select
                    aria-label={t('data.preview.typeOf', { column: c.name })}
                    aria-describedby={rej && rej.rejected > 0 ? rejId : undefined}
                    value={c.type}
                    onChange={(e) => void setColumn(c.name, { type: e.target.value as ColumnType })}
                    data-testid={`type-${c.name}`}
                  >
                    {COLUMN_TYPES.map((x) => (
                      <option key={x} value={x}>
                        {t(`data.type.${x}`)}
                      </option>
                    ))}
                  </select>
                  <select aria-label={t('data.preview.roleOf', { column: c.name })} value={c.role} onChange={(e) => void setColumn(c.name, { role: e.target.value as ColumnRole })} data-testid={`role-${c.name}`}>
                    {COLUMN_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`data.role.${r}`)}
                      </option>
                    ))}
                  </select>
                  <div className="flags">
                    <label className="inline">
                      <input type="checkbox" checked={c.pii} onChange={(e) => void setColumn(c.name, { pii: e.target.checked })} aria-label={t('data.preview.isPii', { column: c.name })} />
                      {t('data.column.pii')}
                    </label>
                    <label className="inline">
                      <input
                        type="checkbox"
                        checked={c.sensitive}
                        onChange={(e) => void setColumn(c.name, { sensitive: e.target.checked })}
                        aria-label={t('data.preview.isSensitive', { column: c.name })}
                      />
                      {t('data.column.sensitiveLower')}
                    </label>
                  </div>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((row, r) => (
            <tr key={r}>
              {row.map((v, c) => {
                const raw = p.raw[r]?.[c] ?? '';
                const rejected = v === null && raw.trim() !== '';
                const type = w.columns[c]?.type;
                return (
                  <td
                    key={c}
                    className={`${isNumericType(type) ? 'num' : ''}${v === null ? ' missing' : ''}${rejected ? ' rejected' : ''}`}
                    title={rejected ? t('data.preview.rejectedCell', { raw, type: type ? t(`data.type.${type}`) : '' }) : raw}
                  >
                    {rejected ? raw : formatCell(v, type)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
