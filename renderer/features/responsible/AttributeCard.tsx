import { EChart } from '../../charts/EChart';
import type { AttributeAudit } from '../../../shared/contract/ns/fairness';
import { pct, rateChartOption, ratioBadge } from './rate-chart';

/**
 * One sensitive attribute of an audit: ratio and flag, the rate chart with the 0.8 line, and the
 * group table. For a cluster (`composition` given) the table also compares each group's share
 * of the cluster with its share of the whole base.
 */
export function AttributeCard({ a, composition }: { a: AttributeAudit; composition?: { selected: number; base: number } }) {
  return (
    <article className={`fair-card${a.flag ? ' flagged' : ''}`} data-testid={`fair-attr-${a.attribute}`}>
      <header className="fair-card-head">
        <h3>
          {a.attribute} <span className="muted">({a.category}{a.binning ? `, ${a.binning}` : ''})</span>
        </h3>
        <span className={a.flag ? 'badge bad' : 'badge ok'} data-testid={`fair-flag-${a.attribute}`}>
          {ratioBadge(a)}
        </span>
      </header>
      <EChart option={rateChartOption(a)} height={220} label={`Selection rate by ${a.attribute}`} />
      <p className="fair-explain">{a.explanation}</p>
      <table className="fair-table">
        <thead>
          <tr>
            <th scope="col">{a.attribute}</th>
            <th scope="col">base</th>
            <th scope="col">selected</th>
            <th scope="col">rate</th>
            {composition ? (
              <>
                <th scope="col">share of cluster</th>
                <th scope="col">share of base</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {a.groups.map((g) => (
            <tr key={g.value} className={g.small ? 'small' : undefined}>
              <td>
                {g.value}
                {g.small ? <span className="muted"> (small group, not evidence)</span> : null}
              </td>
              <td>{g.base.toLocaleString()}</td>
              <td>{g.selected.toLocaleString()}</td>
              <td>{pct(g.rate)}</td>
              {composition ? (
                <>
                  <td>{pct(g.selected / Math.max(1, composition.selected))}</td>
                  <td>{pct(g.base / Math.max(1, composition.base))}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {a.difference !== null ? <p className="muted">Difference between highest and lowest rate: {(100 * a.difference).toFixed(1)} percentage points.</p> : null}
    </article>
  );
}
