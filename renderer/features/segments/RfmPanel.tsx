import { useEffect, useState } from 'react';
import { useResettableState } from '../../app/use-on-change';
import { useApp } from '../../store';
import type { RfmGridCell } from '../../../shared/contract/ns/rfm';
import { describePolicyReport } from '../../../shared/contract/orders';
import { HowComputed } from '../../app/HowComputed';

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
        <h2 id="rfm-title">RFM</h2>
        <label className="inline">
          Transactions
          <select value={tx} onChange={(e) => setTx(e.target.value)} data-testid="rfm-dataset">
            {txs.length === 0 ? <option value="">(import a transactions dataset)</option> : null}
            {txs.map((d) => (
              <option key={d.name}>{d.name}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          As of
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} data-testid="rfm-asof" />
        </label>
        <button type="button" className="primary" disabled={!tx} onClick={() => void compute(tx, asOf || null)} data-testid="rfm-compute">
          Compute RFM
        </button>
      </div>
      {result ? (
        <p data-testid="rfm-summary">
          {result.customers.toLocaleString()} customers as of {result.asOf}
          {result.asOfSource ? ` (${result.asOfSource})` : ''}; {result.excludedRows.toLocaleString()} rows without a customer ID left out
          {result.returns ? `; ${describePolicyReport(result.returns)}` : ''}
          {(result.warnings ?? []).map((w) => (
            <strong key={w} className="error">
              {' '}
              {w}
            </strong>
          ))}
          {result.unassigned ? <strong className="error">; {result.unassigned.toLocaleString()} customers in no segment</strong> : null}.
        </p>
      ) : null}
      <HowComputed topics={['asOf', 'returns', 'rfm', 'customers']} testId="rfm-how" />
      <div className="rfm-layout">
        <table className="rfm-cells" data-testid="rfm-cells">
          <caption>Customers by recency (rows, 5 = most recent) × frequency (columns)</caption>
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
                      <small>{names.join(' / ') || 'no segment'}</small>
                      <br />
                      {result ? (
                        result.cells[r - 1][f - 1] > 0 ? (
                          <button type="button" className="link" onClick={() => seeCell(r, f)} title={`See the customers with R = ${r} and F = ${f}`} data-testid={`rfm-see-${r}-${f}`}>
                            {result.cells[r - 1][f - 1].toLocaleString()}
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
                {s.name}:{' '}
                {s.count > 0 ? (
                  <button type="button" className="link" onClick={() => seeSegment(s.name)} title={`See the ${s.name} customers`} data-testid={`rfm-see-segment-${s.name}`}>
                    <strong>{s.count.toLocaleString()}</strong>
                  </button>
                ) : (
                  <strong>0</strong>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <h3>Segment grid</h3>
      <table className="rfm-grid" data-testid="rfm-grid">
        <thead>
          <tr>
            <th>Segment</th>
            <th>R from–to</th>
            <th>F from–to</th>
            <th>M from–to</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {edit.map((g, i) => (
            <tr key={i}>
              <td>
                <input value={g.name} onChange={(e) => setEdit(edit.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} aria-label="Segment name" />
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
                      aria-label={`${g.name} ${k.toUpperCase()} ${end === 0 ? 'from' : 'to'}`}
                      className="rfm-score"
                    />
                  ))}
                </td>
              ))}
              <td>
                <button type="button" onClick={() => setEdit(edit.filter((_, j) => j !== i))} aria-label={`Remove ${g.name}`}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="seg-group-actions">
        <button type="button" onClick={() => setEdit([...edit, { name: `Segment ${edit.length + 1}`, r: [1, 5], f: [1, 5], m: [1, 5] }])}>+ Row</button>
        <button type="button" className="primary" onClick={() => void saveGrid(edit)} data-testid="rfm-grid-save">
          Save grid
        </button>
        <button type="button" onClick={() => void saveGrid(null)}>Standard grid</button>
      </div>
      {grid?.check.problems.length ? (
        <ul className="seg-warnings" data-testid="rfm-grid-problems">
          {grid.check.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : (
        <p className="hint" data-testid="rfm-grid-ok">
          Every score combination belongs to exactly one segment.
        </p>
      )}
    </section>
  );
}
