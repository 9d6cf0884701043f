import { useEffect, useRef } from 'react';
import type { Profile } from '../../../shared/contract/ns/profile';
import type { DatasetInfo } from '../../../shared/types/columns';
import { useApp } from '../../store';
import { ColumnProfileCard } from './ColumnProfileCard';
import { pct } from '../../lib/format';
import { HowComputed } from '../../app/HowComputed';
import { useT } from '../../i18n/use-t';

/** Column list on the left, the chosen column's profile on the right; `focusColumn` (from alerts) selects. */
export function ProfilePanel({ profile, dataset }: { profile: Profile; dataset: DatasetInfo }) {
  const focus = useApp((s) => s.focusColumn);
  const focusOnColumn = useApp((s) => s.focusOnColumn);
  const selected = profile.columns.find((c) => c.name === focus) ?? profile.columns[0];
  const alertCount = new Map<string, number>();
  for (const a of profile.alerts) if (a.column) alertCount.set(a.column, (alertCount.get(a.column) ?? 0) + 1);
  const cardRef = useRef<HTMLDivElement>(null);
  const { t } = useT();

  useEffect(() => {
    if (focus) cardRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focus]);

  return (
    <div className="profile" data-testid="profile-panel">
      <ul className="column-list" aria-label={t('data.profile.columns')}>
        {profile.columns.map((c) => (
          <li key={c.name}>
            <button
              type="button"
              aria-current={c.name === selected?.name ? 'true' : undefined}
              onClick={() => focusOnColumn(c.name)}
              data-testid={`profile-col-${c.name}`}
            >
              <span className="col-name">{c.name}</span>
              <small>
                {t(`data.type.${c.type}`)}
                {c.missing > 0 ? ` · ${t('data.profile.missingShare', { share: pct(c.missingShare) })}` : ''}
              </small>
              {alertCount.get(c.name) ? (
                <span className="badge warn" aria-label={t('data.profile.alertCount', { count: alertCount.get(c.name) ?? 0 })}>
                  {alertCount.get(c.name)}
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      <div ref={cardRef} className="profile-detail">
        {selected ? <ColumnProfileCard col={selected} info={dataset.columns.find((c) => c.name === selected.name)} /> : null}
        {selected
          ? profile.alerts
              .filter((a) => a.column === selected.name)
              .map((a, i) => (
                <p key={i} className="alert-line" data-testid="column-alert">
                  <span className="badge warn">{t(`data.alertKind.${a.kind}`)}</span> {a.detail}
                </p>
              ))
          : null}
        <HowComputed topics={['profileStats', 'stale', 'asOf']} testId="profile-how" />
      </div>
    </div>
  );
}
