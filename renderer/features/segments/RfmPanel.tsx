import { useEffect, useState } from 'react';
import { useResettableState } from '../../app/use-on-change';
import { useApp } from '../../store';
import type { RfmGridCell } from '../../../shared/contract/ns/rfm';
import { describePolicyReport } from '../../../shared/contract/orders';
import { HowComputed } from '../../app/HowComputed';
import { useT } from '../../i18n/use-t';
import { speaker } from '../../../shared/rules';
import { rfmSegmentLabel } from '../../lib/rfm-names';

type Key = 'r' | 'f' | 'm';

const NO_CELLS: RfmGridCell[] = [];

/** RFM: score a transactions dataset, see customers per R×F cell and edit the named segment grid. */
export function RfmPanel() {
  const datasets = useApp((s) => s.workspace?.datasets ?? []);
  const result = useApp((s) => s.rfmResult);
  const grid = useApp((s) => s.rfmGrid);
  const load = useApp((s) => s.loadRfm);
  const compute = useApp((s) => s.computeRfm);
  const saveGrid = useApp((s) => s.saveRfmGrid);
  const showCustomers = useApp((s) => s.showCustomers);
  const txs = datasets.filter((d) => d.kind === 'transactions');
  const [tx, setTx] = useState<string>(txs[0]?.name ?? '');
  const [asOf, setAsOf] = useState('');
  const { t, fmt, locale } = useT();
  const segName = (name: string) => rfmSegmentLabel(name, locale);
  // English keeps ISO dates here, as rule descriptions do (scripts and tests read them); other languages their own.
  const day = speaker(locale).date;
  // The grid being edited starts over from the saved one whenever that changes.
  const [edit, setEdit] = useResettableState<RfmGridCell[]>(grid?.grid ?? NO_CELLS);

  useEffect(() => void load(tx || null), [tx, load]);

  // The scores live in the customer view of the linked customer file, or of the orders file itself when it has none.
  const viewOf = datasets.find((d) => d.name === tx)?.linkedTo ?? tx;
  const seeCell = (r: number, f: number) =>
    showCustomers(viewOf, [
      { column: 'rfm_r', op: '=', value: r },
      { column: 'rfm_f', op: '=', value: f },
    ]);
  const seeSegment = (name: string) => showCustomers(viewOf, [{ column: 'rfm_segment', op: '=', value: name }]);
  const segAt = (r: number, f: number) => (grid?.grid ?? []).filter((g) => r >= g.r[0] && r <= g.r[1] && f >= g.f[0] && f <= g.f[1]).map((g) => g.name);
  const setRange = (i: number, k: Key, end: 0 | 1, v: number) =>
    setEdit(edit.map((g, j) => (j === i ? { ...g, [k]: (end === 0 ? [v, g[k][1]] : [g[k][0], v]) as [number, number] } : g)));

  return (
    <section className="seg-panel" aria-labelledby="rfm-title" data-testid="rfm-panel">
      <div className="seg-toolbar">
        <h2 id="rfm-title">{t('segments.tabs.rfm')}</h2>
        <label className="inline">
          {t('segments.rfm.transactions')}
          <select value={tx} onChange={(e) => setTx(e.target.value)} data-testid="rfm-dataset">
            {txs.length === 0 ? <option value="">{t('segments.rfm.importTransactions')}</option> : null}
            {txs.map((d) => (
              <option key={d.name}>{d.name}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t('segments.rfm.asOf')}
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} data-testid="rfm-asof" />
        </label>
        <button type="button" className="primary" disabled={!tx} onClick={() => void compute(tx, asOf || null)} data-testid="rfm-compute">
          {t('segments.rfm.compute')}
        </button>
      </div>
      {result ? (
        <p data-testid="rfm-summary">
          {result.asOfSource
            ? t('segments.rfm.summaryWithSource', { count: result.customers, date: day(result.asOf), source: result.asOfSource, excluded: result.excludedRows })
            : t('segments.rfm.summary', { count: result.customers, date: day(result.asOf), excluded: result.excludedRows })}
          {result.returns ? t('segments.rfm.returns', { policy: describePolicyReport(result.returns, locale) }) : ''}
          {(result.warnings ?? []).map((w) => (
            <strong key={w} className="error">
              {' '}
              {w}
            </strong>
          ))}
          {result.unassigned ? <strong className="error">{t('segments.rfm.unassigned', { count: result.unassigned })}</strong> : null}
          {t('segments.rfm.summaryEnd')}
        </p>
      ) : null}
      <HowComputed topics={['asOf', 'returns', 'rfm', 'customers']} testId="rfm-how" />
      <div className="rfm-layout">
        <table className="rfm-cells" data-testid="rfm-cells">
          <caption>{t('segments.rfm.cellsCaption')}</caption>
          <thead>
            <tr>
              <th>R \ F</th>
              {[1, 2, 3, 4, 5].map((f) => (
                <th key={f}>{f}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[5, 4, 3, 2, 1].map((r) => (
              <tr key={r}>
                <th>{r}</th>
                {[1, 2, 3, 4, 5].map((f) => {
                  const names = segAt(r, f);
                  return (
                    <td key={f} className={names.length === 0 ? 'gap' : names.length > 1 ? 'overlap' : undefined}>
                      <small>{names.map(segName).join(' / ') || t('segments.rfm.noSegment')}</small>
                      <br />
                      {result ? (
                        result.cells[r - 1][f - 1] > 0 ? (
                          <button type="button" className="link" onClick={() => seeCell(r, f)} title={t('segments.rfm.seeCell', { r, f })} data-testid={`rfm-see-${r}-${f}`}>
                            {fmt.count(result.cells[r - 1][f - 1])}
                          </button>
                        ) : (
                          '0'
                        )
                      ) : (
                        ''
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {result ? (
          <ul className="rfm-counts">
            {result.segments.map((s) => (
              <li key={s.name}>
                {t('segments.rfm.countLabel', { name: segName(s.name) })}{' '}
                {s.count > 0 ? (
                  <button type="button" className="link" onClick={() => seeSegment(s.name)} title={t('segments.rfm.seeSegment', { name: segName(s.name) })} data-testid={`rfm-see-segment-${s.name}`}>
                    <strong>{fmt.count(s.count)}</strong>
                  </button>
                ) : (
                  <strong>0</strong>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <h3>{t('segments.rfm.gridTitle')}</h3>
      <table className="rfm-grid" data-testid="rfm-grid">
        <thead>
          <tr>
            <th>{t('segments.rfm.gridSegment')}</th>
            <th>{t('segments.rfm.gridRange', { score: 'R' })}</th>
            <th>{t('segments.rfm.gridRange', { score: 'F' })}</th>
            <th>{t('segments.rfm.gridRange', { score: 'M' })}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {edit.map((g, i) => (
            <tr key={i}>
              <td>
                <input value={g.name} onChange={(e) => setEdit(edit.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} aria-label={t('segments.rfm.segmentName')} />
              </td>
              {(['r', 'f', 'm'] as Key[]).map((k) => (
                <td key={k}>
                  {[0, 1].map((end) => (
                    <input
                      key={end}
                      type="number"
                      min={1}
                      max={5}
                      value={g[k][end]}
                      onChange={(e) => setRange(i, k, end as 0 | 1, Math.min(5, Math.max(1, Number(e.target.value) || 1)))}
                      aria-label={t(end === 0 ? 'segments.rfm.scoreFrom' : 'segments.rfm.scoreTo', { name: g.name, score: k.toUpperCase() })}
                      className="rfm-score"
                    />
                  ))}
                </td>
              ))}
              <td>
                <button type="button" onClick={() => setEdit(edit.filter((_, j) => j !== i))} aria-label={t('segments.rfm.removeRow', { name: g.name })}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="seg-group-actions">
        <button type="button" onClick={() => setEdit([...edit, { name: t('segments.rfm.newRowName', { n: edit.length + 1 }), r: [1, 5], f: [1, 5], m: [1, 5] }])}>
          {t('segments.rfm.addRow')}
        </button>
        <button type="button" className="primary" onClick={() => void saveGrid(edit)} data-testid="rfm-grid-save">
          {t('segments.rfm.saveGrid')}
        </button>
        <button type="button" onClick={() => void saveGrid(null)}>
          {t('segments.rfm.standardGrid')}
        </button>
      </div>
      {grid?.check.problems.length ? (
        <ul className="seg-warnings" data-testid="rfm-grid-problems">
          {grid.check.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : (
        <p className="hint" data-testid="rfm-grid-ok">
          {t('segments.rfm.gridOk')}
        </p>
      )}
    </section>
  );
}
