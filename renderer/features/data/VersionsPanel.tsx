import { useEffect } from 'react';
import { useApp } from '../../store';
import { ERRORS_PAGE } from '../../store/datasets';
import { useT } from '../../i18n/use-t';
import { fmtStoredDate } from '../../lib/format';

/** Every imported version of the dataset, and the cells of the latest one that failed their column's type. */
export function VersionsPanel() {
  const versions = useApp((s) => s.versions);
  const errors = useApp((s) => s.cellErrors);
  const loadVersions = useApp((s) => s.loadVersions);
  const loadCellErrors = useApp((s) => s.loadCellErrors);
  const dataset = useApp((s) => s.activeDataset);
  const { t, fmt } = useT();

  useEffect(() => {
    void loadVersions();
    void loadCellErrors(0);
  }, [dataset, loadVersions, loadCellErrors]);

  return (
    <div className="versions" data-testid="versions-panel">
      <h3>{t('data.versions.title')}</h3>
      <table className="plain">
        <thead>
          <tr>
            <th>{t('data.versions.version')}</th>
            <th>{t('data.versions.imported')}</th>
            <th className="num">{t('data.versions.rows')}</th>
            <th className="num">{t('data.versions.rejectedCells')}</th>
            <th>{t('data.versions.sourceFile')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{fmtStoredDate(v.importedAt.replace('T', ' ').slice(0, 19))}</td>
              <td className="num">{fmt.count(v.rows)}</td>
              <td className="num">{fmt.count(v.cellErrors)}</td>
              <td title={v.sourceFile}>{v.sourceFile.split(/[\\/]/).pop()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('data.versions.rejectedTitle')}</h3>
      {!errors || errors.total === 0 ? (
        <p className="hint">{t('data.versions.noRejected')}</p>
      ) : (
        <>
          <p className="hint">{t('data.versions.rejectedLead', { count: errors.total })}</p>
          <table className="plain" data-testid="cell-errors">
            <thead>
              <tr>
                <th className="num">{t('data.versions.row')}</th>
                <th>{t('data.versions.column')}</th>
                <th>{t('data.versions.text')}</th>
                <th>{t('data.versions.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {errors.errors.map((e, i) => (
                <tr key={`${e.row}-${e.column}-${i}`}>
                  <td className="num">{e.row}</td>
                  <td>{e.column}</td>
                  <td>
                    <code>{e.raw}</code>
                  </td>
                  <td>{e.problem}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button type="button" disabled={errors.offset === 0} onClick={() => void loadCellErrors(Math.max(0, errors.offset - ERRORS_PAGE))}>
              {t('data.versions.previous')}
            </button>
            <span>{t('data.versions.range', { from: errors.offset + 1, to: Math.min(errors.total, errors.offset + ERRORS_PAGE), total: errors.total })}</span>
            <button type="button" disabled={errors.offset + ERRORS_PAGE >= errors.total} onClick={() => void loadCellErrors(errors.offset + ERRORS_PAGE)}>
              {t('data.versions.next')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
