import { useState } from 'react';
import type { ClusterRun } from '../../../shared/contract/ns/clusters';
import { useApp } from '../../store';
import { Term } from '../../app/Term';
import { useT } from '../../i18n/use-t';
import { heatLabel } from './charts';

type Card = ClusterRun['clusters'][number];


function StabilityBadge({ card }: { card: Card }) {
  const { t, fmt } = useT();
  if (card.stability === null) return null;
  const pct = fmt.percent(Math.round(card.stability * 100) / 100, 0);
  return (
    <span className={`badge${card.unstable ? ' warn' : ''}`} title={t('clusters.cards.stabilityTitle')} data-testid={`cl-stability-${card.cluster}`}>
      {card.unstable ? t('clusters.cards.unstable', { pct }) : t('clusters.cards.stable', { pct })}
    </span>
  );
}

function ClusterCard({ card, run }: { card: Card; run: ClusterRun }) {
  const rename = useApp((s) => s.renameCluster);
  const showCustomers = useApp((s) => s.showCustomers);
  // The customer view holds the run as the column cluster_<run> (the cluster's current name).
  const see = () => showCustomers(run.dataset, [{ column: `cluster_${run.run}`, op: '=', value: card.name }]);
  const saveAsSegment = useApp((s) => s.saveClusterAsSegment);
  const { t, rich, fmt } = useT();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(card.name);
  const commit = async () => {
    const v = name.trim();
    if (v && v !== card.name) await rename(card.cluster, v);
    setEditing(false);
  };
  return (
    <article className="cl-card" data-testid={`cl-card-${card.cluster}`}>
      <header>
        <span className="cl-num">{card.cluster}</span>
        {editing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void commit();
            }}
          >
            <input type="text" value={name} maxLength={80} autoFocus aria-label={t('clusters.cards.nameLabel', { cluster: card.cluster })} onChange={(e) => setName(e.target.value)} data-testid={`cl-name-input-${card.cluster}`} />
            <button type="submit" data-testid={`cl-name-save-${card.cluster}`}>{t('common.save')}</button>
          </form>
        ) : (
          <h3 data-testid={`cl-name-${card.cluster}`}>
            {card.name}{' '}
            <button
              className="link"
              onClick={() => {
                setName(card.name);
                setEditing(true);
              }}
              data-testid={`cl-rename-${card.cluster}`}
            >
              {t('clusters.cards.rename')}
            </button>
          </h3>
        )}
      </header>
      <p>
        {card.customers === card.size
          ? rich('clusters.cards.customersShare', { count: card.customers, n: (chunks) => <strong data-testid={`cl-customers-${card.cluster}`}>{chunks}</strong>, share: fmt.percent(card.share) })
          : rich('clusters.cards.customersRows', {
              count: card.customers,
              rows: card.size,
              n: (chunks) => <strong data-testid={`cl-customers-${card.cluster}`}>{chunks}</strong>,
              share: fmt.percent(card.share),
            })}{' '}
        <StabilityBadge card={card} />
      </p>
      {card.name !== card.suggestedName && <p className="hint">{t('clusters.cards.suggested', { name: card.suggestedName })}</p>}
      <ul className="cl-top">
        {card.top.map((d) => (
          <li key={d.feature}>
            {d.text}{' '}
            <small data-testid={`cl-effect-${card.cluster}-${d.feature}`}>
              {d.points === undefined ? (
                <>
                  {rich('clusters.cards.effect', { term: <Term id="effect" />, value: heatLabel(d.effect, 'effect') })}
                </>
              ) : (
                <>
                  {rich('clusters.cards.points', { term: <Term id="sharePoints" />, value: heatLabel(d.points, 'points') })}
                </>
              )}
            </small>
          </li>
        ))}
      </ul>
      <div className="row">
        <button onClick={see} data-testid={`cl-see-${card.cluster}`} title={t('clusters.cards.seeTitle')}>
          {t('clusters.cards.see')}
        </button>
        <button onClick={() => void saveAsSegment(card.cluster, card.name)} data-testid={`cl-segment-${card.cluster}`}>
          {t('clusters.cards.saveAsSegment')}
        </button>
      </div>
    </article>
  );
}

export function ClusterCards({ run }: { run: ClusterRun }) {
  return (
    <div className="cl-cards" data-testid="cl-cards">
      {run.clusters.map((c) => (
        <ClusterCard key={`${run.run}-${c.cluster}-${c.name}`} card={c} run={run} />
      ))}
    </div>
  );
}
