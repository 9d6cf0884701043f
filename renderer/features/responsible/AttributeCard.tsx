import { EChart } from '../../charts/EChart';
import type { AttributeAudit } from '../../../shared/contract/ns/fairness';
import { pct, rateChartOption, ratioBadge } from './rate-chart';
import { overallSentence, PAIR_TEST_TEXT } from '../../../shared/contract/stats';
import { overallDetail, pCell, testLabel } from '../../lib/stats-text';
import { Term } from '../../app/Term';

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
      {a.overall ? (
        <p className="fair-overall" data-testid={`fair-overall-${a.attribute}`}>
          {overallSentence(a.overall)}
        </p>
      ) : null}
      {a.referenceGroup ? (
        <p className="muted" data-testid={`fair-reference-${a.attribute}`}>
          Each group is compared with <strong>{a.referenceGroup}</strong>, the highest rate among groups of 30 or more customers
          {a.referenceExcludes?.length ? `; ${a.referenceExcludes.join(', ')} is shown but never used as the reference` : ''}.
        </p>
      ) : null}
      {a.warnings?.length ? (
        <ul className="warnings" data-testid={`fair-warnings-${a.attribute}`}>
          {a.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
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
      {a.overall || a.referenceGroup ? (
        <details className="fair-tests" data-testid={`fair-tests-${a.attribute}`}>
          <summary>Test details</summary>
          {a.overall ? <p>All groups at once: {overallDetail(a.overall)}</p> : null}
          <table className="fair-table">
            <thead>
              <tr>
                <th scope="col">{a.attribute}</th>
                <th scope="col">test vs {a.referenceGroup ?? 'reference'}</th>
                <th scope="col">
                  <Term id="pValue" technical />
                </th>
                <th scope="col">
                  <Term id="pHolm" technical />
                </th>
              </tr>
            </thead>
            <tbody>
              {a.groups.map((g) => (
                <tr key={g.value}>
                  <td>{g.value}</td>
                  <td>{g.value === a.referenceGroup ? 'reference' : testLabel(g.test)}</td>
                  <td>{pCell(g.pValue)}</td>
                  <td>{pCell(g.pHolm)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            z-test: {PAIR_TEST_TEXT.z}. Fisher's exact: {PAIR_TEST_TEXT.fisher}. Holm: adjusted for comparing several groups at once.
          </p>
        </details>
      ) : null}
    </article>
  );
}
