import { useMemo } from 'react';
import type { ColumnProfile } from '../../../shared/contract/ns/profile';
import { COLUMN_ROLES, SENSITIVE_CATEGORIES, type ColumnInfo, type ColumnRole, type SensitiveCategory } from '../../../shared/types/columns';
import { EChart } from '../../charts/EChart';
import { useApp } from '../../store';
import { columnChart } from './column-chart';
import { fmtCount, fmtNumber, fmtStat, pct } from '../../lib/format';
import { useT } from '../../i18n/use-t';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

/** One column's statistics, its chart, and the role / PII / sensitive settings the user may change after import. */
export function ColumnProfileCard({ col, info }: { col: ColumnProfile; info: ColumnInfo | undefined }) {
  const updateColumn = useApp((s) => s.updateColumn);
  const { t, locale } = useT();
  // The chart's labels are in the window's language: rebuilt when it changes.
  const chart = useMemo(() => columnChart(col), [col, locale]); // eslint-disable-line react-hooks/exhaustive-deps
  // Display format (separators, two decimals for averages); the data table keeps full precision.
  // Years and IDs read without thousands separators ("1957", not "1,957"), as the engine's format hint says.
  const plain = col.format === 'year' || col.format === 'id';
  const fmt = (v: Parameters<typeof fmtStat>[0]) => (plain && typeof v === 'number' ? String(v) : fmtStat(v, col.type));
  const avg = (v: number) => (plain ? fmtNumber(v, 2) : fmtStat(v, col.type, 'average'));
  const q = (p: number) => col.quantiles.find((x) => Math.abs(x.p - p) < 1e-9)?.value ?? null;
  // A yes/no column is stored as 1/0: its useful statistics are the two counts, not a mean or a skewness.
  const yesNo = col.type === 'boolean' || col.format === 'yes_no';
  const numeric = col.histogram.length > 0 && !yesNo;
  const no = col.zeros;
  const yes = Math.max(0, col.count - no);

  return (
    <section className="card column-card" aria-labelledby={`col-${col.name}`} data-testid="column-profile" data-column={col.name}>
      <h3 id={`col-${col.name}`}>
        {col.name} <small>{t(`data.type.${col.type}`)}</small>
        {col.pii ? <span className="badge">{t('data.column.pii')}</span> : null}
        {col.sensitive ? <span className="badge warn">{t('data.column.sensitiveLower')}</span> : null}
      </h3>
      <div className="column-card-body">
        <dl className="stats">
          <Stat label={t('data.stat.values')} value={fmtCount(col.count)} />
          <Stat label={t('data.stat.missing')} value={t('data.stat.countShare', { count: fmtCount(col.missing), share: pct(col.missingShare) })} />
          <Stat label={t('data.stat.distinct')} value={fmtCount(col.distinct)} />
          {col.cellErrors > 0 ? <Stat label={t('data.stat.rejected')} value={fmtCount(col.cellErrors)} /> : null}
          {yesNo ? (
            <>
              <Stat label={t('common.yes')} value={t('data.stat.countShare', { count: fmtCount(yes), share: pct(col.count ? yes / col.count : 0) })} />
              <Stat label={t('common.no')} value={t('data.stat.countShare', { count: fmtCount(no), share: pct(col.count ? no / col.count : 0) })} />
            </>
          ) : (
            <>
              {numeric || col.min !== null ? <Stat label={t('data.stat.min')} value={fmt(col.min)} /> : null}
              {numeric ? <Stat label={t('data.stat.p25')} value={fmt(q(0.25))} /> : null}
              {numeric || col.median !== null ? <Stat label={t('data.stat.median')} value={fmt(col.median)} /> : null}
              {numeric ? <Stat label={t('data.stat.p75')} value={fmt(q(0.75))} /> : null}
              {numeric || col.max !== null ? <Stat label={t('data.stat.max')} value={fmt(col.max)} /> : null}
              {col.mean !== null ? <Stat label={t('data.stat.mean')} value={avg(col.mean)} /> : null}
              {col.std !== null ? <Stat label={t('data.stat.std')} value={avg(col.std)} /> : null}
              {col.skewness !== null ? (
                <Stat label={t('data.stat.skewness')} value={t('data.stat.skewnessValue', { value: fmtNumber(col.skewness, 2), estimator: t('data.stat.estimator') })} />
              ) : null}
              {col.zeros > 0 ? <Stat label={t('data.stat.zeros')} value={fmtCount(col.zeros)} /> : null}
            </>
          )}
        </dl>
        <div className="column-chart">
          {chart ? (
            <EChart option={chart.option} label={chart.label} height={220} testId="column-chart" />
          ) : (
            <p className="hint">{col.pii ? t('data.stat.piiHidden') : t('data.stat.nothingToChart')}</p>
          )}
        </div>
      </div>
      {info ? (
        <div className="row column-settings">
          <label className="inline">
            {t('data.column.role')}
            <select value={info.role} onChange={(e) => void updateColumn(col.name, { role: e.target.value as ColumnRole })} data-testid="profile-role">
              {COLUMN_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`data.role.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            <input type="checkbox" checked={info.pii} onChange={(e) => void updateColumn(col.name, { pii: e.target.checked })} />
            {t('data.column.pii')}
          </label>
          <label className="inline">
            <input type="checkbox" checked={info.sensitive} onChange={(e) => void updateColumn(col.name, { sensitive: e.target.checked })} />
            {t('data.column.sensitive')}
          </label>
          {info.sensitive ? (
            <label className="inline">
              {t('data.column.category')}
              <select
                value={info.sensitiveCategory ?? ''}
                onChange={(e) => void updateColumn(col.name, { sensitiveCategory: (e.target.value || null) as SensitiveCategory | null })}
              >
                <option value="">—</option>
                {SENSITIVE_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`data.sensitiveCategory.${c}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
