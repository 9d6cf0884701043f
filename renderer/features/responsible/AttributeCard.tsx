import type { ReactNode } from 'react';
import { EChart } from '../../charts/EChart';
import type { AttributeAudit } from '../../../shared/contract/ns/fairness';
import { pct, rateChartOption, ratioBadge } from './rate-chart';
import { overallDetail, overallLine, pCell, testLabel } from '../../lib/stats-text';
import { Term } from '../../app/Term';
import { useT } from '../../i18n/use-t';
import { categoryLabel } from './SensitiveColumns';

/**
 * One sensitive attribute of an audit: ratio and flag, the rate chart with the 0.8 line, and the
 * group table. For a cluster (`composition` given) the table also compares each group's share
 * of the cluster with its share of the whole base.
 */
export function AttributeCard({ a, composition, see }: { a: AttributeAudit; composition?: { selected: number; base: number }; see?: (value: string) => void }) {
  const { t, rich, fmt } = useT();
  const muted = (chunks: ReactNode[]) => <span className="muted">{chunks}</span>;
  const category = categoryLabel(t, a.category);
  return (
    <article className={`fair-card${a.flag ? ' flagged' : ''}`} data-testid={`fair-attr-${a.attribute}`}>
      <header className="fair-card-head">
        <h3>
          {a.binning
            ? rich('responsible.card.headingBinned', { attribute: a.attribute, category, binning: a.binning, m: muted })
            : rich('responsible.card.heading', { attribute: a.attribute, category, m: muted })}
        </h3>
        <span className={a.flag ? 'badge bad' : 'badge ok'} data-testid={`fair-flag-${a.attribute}`}>
          {ratioBadge(a)}
        </span>
      </header>
      <EChart option={rateChartOption(a)} height={220} label={t('responsible.card.chartLabel', { attribute: a.attribute })} />
      <p className="fair-explain">{a.explanation}</p>
      {a.overall ? (
        <p className="fair-overall" data-testid={`fair-overall-${a.attribute}`}>
          {overallLine(a.overall)}
        </p>
      ) : null}
      {a.referenceGroup ? (
        <p className="muted" data-testid={`fair-reference-${a.attribute}`}>
          {a.referenceExcludes?.length
            ? rich('responsible.card.referenceExcluding', {
                group: a.referenceGroup,
                excluded: a.referenceExcludes.join(', '),
                size: 30,
                b: (chunks) => <strong>{chunks}</strong>,
              })
            : rich('responsible.card.referenceSentence', { group: a.referenceGroup, size: 30, b: (chunks) => <strong>{chunks}</strong> })}
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
            <th scope="col">{t('responsible.card.base')}</th>
            <th scope="col">{t('responsible.card.selected')}</th>
            <th scope="col">{t('responsible.card.rate')}</th>
            {composition ? (
              <>
                <th scope="col">{t('responsible.card.shareOfCluster')}</th>
                <th scope="col">{t('responsible.card.shareOfBase')}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {a.groups.map((g) => (
            <tr key={g.value} className={g.small ? 'small' : undefined}>
              <td>
                {see && !a.binning && g.value !== '(missing)' ? (
                  <button type="button" className="link" onClick={() => see(g.value)} title={t('responsible.card.seeGroup')} data-testid={`fair-group-${a.attribute}-${g.value}`}>
                    {g.value}
                  </button>
                ) : (
                  g.value
                )}
                {g.small ? <span className="muted"> {t('responsible.card.smallGroup')}</span> : null}
              </td>
              <td>{fmt.count(g.base)}</td>
              <td>{fmt.count(g.selected)}</td>
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
      {a.difference !== null ? <p className="muted">{t('responsible.card.difference', { points: fmt.number(100 * a.difference, 1) })}</p> : null}
      {a.overall || a.referenceGroup ? (
        <details className="fair-tests" data-testid={`fair-tests-${a.attribute}`}>
          <summary>{t('responsible.card.testDetails')}</summary>
          {a.overall ? <p>{t('responsible.card.allGroups', { detail: overallDetail(a.overall) })}</p> : null}
          <table className="fair-table">
            <thead>
              <tr>
                <th scope="col">{a.attribute}</th>
                <th scope="col">{a.referenceGroup ? t('responsible.card.testVs', { group: a.referenceGroup }) : t('responsible.card.testVsReference')}</th>
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
                  <td>{g.value === a.referenceGroup ? t('responsible.card.referenceCell') : testLabel(g.test)}</td>
                  <td>{pCell(g.pValue)}</td>
                  <td>{pCell(g.pHolm)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('responsible.card.testsNote')}</p>
        </details>
      ) : null}
    </article>
  );
}
