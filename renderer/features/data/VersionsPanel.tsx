import { useEffect } from 'react';
import { useApp } from '../../store';
import { ERRORS_PAGE } from '../../store/datasets';

/** Every imported version of the dataset, and the cells of the latest one that failed their column's type. */
export function VersionsPanel() {
  const versions = useApp((s) => s.versions);
  const errors = useApp((s) => s.cellErrors);
  const loadVersions = useApp((s) => s.loadVersions);
  const loadCellErrors = useApp((s) => s.loadCellErrors);
  const dataset = useApp((s) => s.activeDataset);

  useEffect(() => {
    void loadVersions();
    void loadCellErrors(0);
  }, [dataset, loadVersions, loadCellErrors]);

  return (
    <div className="versions" data-testid="versions-panel">
      <h3>Versions</h3>
      <table className="plain">
        <thead>
          <tr>
            <th>version</th>
            <th>imported</th>
            <th className="num">rows</th>
            <th className="num">rejected cells</th>
            <th>source file</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{v.importedAt.replace('T', ' ').slice(0, 19)}</td>
              <td className="num">{v.rows.toLocaleString()}</td>
              <td className="num">{v.cellErrors.toLocaleString()}</td>
              <td title={v.sourceFile}>{v.sourceFile.split(/[\\/]/).pop()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Rejected cells (latest version)</h3>
      {!errors || errors.total === 0 ? (
        <p className="hint">Every cell matched its column's type.</p>
      ) : (
        <>
          <p className="hint">
            These cells are stored as missing; their original text is kept here. {errors.total.toLocaleString()} in total.
          </p>
          <table className="plain" data-testid="cell-errors">
            <thead>
              <tr>
                <th className="num">row</th>
                <th>column</th>
                <th>text in the file</th>
                <th>problem</th>
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
              Previous
            </button>
            <span>
              {errors.offset + 1}–{Math.min(errors.total, errors.offset + ERRORS_PAGE)} of {errors.total.toLocaleString()}
            </span>
            <button type="button" disabled={errors.offset + ERRORS_PAGE >= errors.total} onClick={() => void loadCellErrors(errors.offset + ERRORS_PAGE)}>
              Next
            </button>
          </div>
        </>
      )}
    </div>
  );
}
