import { useState } from 'react';
import type { ClusterRun } from '../../../shared/contract/ns/clusters';
import { useApp } from '../../store';
import { Term } from '../../app/Term';

type Card = ClusterRun['clusters'][number];

/** A difference with its sign as the heatmap writes it (+ / − / none for zero). */
const signed = (text: string, x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${text.replace(/^-/, '')}`;

function StabilityBadge({ card }: { card: Card }) {
  if (card.stability === null) return null;
  const pct = Math.round(card.stability * 100);
  return (
    <span className={`badge${card.unstable ? ' warn' : ''}`} title="Mean best-match Jaccard over re-runs on subsamples (≥ 60% = stable)" data-testid={`cl-stability-${card.cluster}`}>
      {card.unstable ? `unstable ${pct}%` : `stable ${pct}%`}
    </span>
  );
}

function ClusterCard({ card, run }: { card: Card; run: ClusterRun }) {
  const rename = useApp((s) => s.renameCluster);
  const showCustomers = useApp((s) => s.showCustomers);
  // The customer view holds the run as the column cluster_<run> (the cluster's current name).
  const see = () => showCustomers(run.dataset, [{ column: `cluster_${run.run}`, op: '=', value: card.name }]);
  const saveAsSegment = useApp((s) => s.saveClusterAsSegment);
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
            <input type="text" value={name} maxLength={80} autoFocus aria-label={`Name of cluster ${card.cluster}`} onChange={(e) => setName(e.target.value)} data-testid={`cl-name-input-${card.cluster}`} />
            <button type="submit" data-testid={`cl-name-save-${card.cluster}`}>Save</button>
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
              rename
            </button>
          </h3>
        )}
      </header>
      <p>
        <strong data-testid={`cl-customers-${card.cluster}`}>{card.customers.toLocaleString()}</strong> customers
        {card.customers === card.size ? ` (${(card.share * 100).toFixed(1)}%)` : ` (${card.size.toLocaleString()} rows, ${(card.share * 100).toFixed(1)}% of rows)`} <StabilityBadge card={card} />
      </p>
      {card.name !== card.suggestedName && <p className="hint">Suggested: {card.suggestedName}</p>}
      <ul className="cl-top">
        {card.top.map((t) => (
          <li key={t.feature}>
            {t.text}{' '}
            <small data-testid={`cl-effect-${card.cluster}-${t.feature}`}>
              {t.points === undefined ? (
                <>
                  (<Term id="effect" />: {signed(t.effect.toFixed(2), t.effect)})
                </>
              ) : (
                <>
                  (<Term id="sharePoints" />: {signed(`${Math.abs(Math.round(t.points))} pp`, t.points)})
                </>
              )}
            </small>
          </li>
        ))}
      </ul>
      <div className="row">
        <button onClick={see} data-testid={`cl-see-${card.cluster}`} title="Open these customers in the data table, with their order history, RFM and lifetime value">
          See the customers
        </button>
        <button onClick={() => void saveAsSegment(card.cluster, card.name)} data-testid={`cl-segment-${card.cluster}`}>
          Save as segment
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
