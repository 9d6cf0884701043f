import { useEffect, useState } from 'react';
import { useApp } from '../../store';
import { ClvPanel } from './ClvPanel';
import { ResponsePanel } from './ResponsePanel';
import './outcomes.css';

type Tab = 'response' | 'clv';

/** Outcomes: which groups respond (rates with intervals, lift, tests) and what customers are likely worth (BG/NBD + Gamma-Gamma). */
export default function OutcomesView() {
  const datasets = useApp((s) => s.workspace?.datasets);
  const active = useApp((s) => s.activeDataset);
  const dataset = useApp((s) => s.outcomeDataset);
  const load = useApp((s) => s.loadOutcomes);
  const dataVersion = useApp((s) => s.dataVersion);
  const [tab, setTab] = useState<Tab>('response');

  useEffect(() => {
    void load(dataset ?? active ?? datasets?.[0]?.name ?? null);
    // Reload when data changes (new segments, runs, imports); the dataset choice itself goes through load().
  }, [dataVersion, load]);

  return (
    <section className="outcomes" aria-labelledby="outcomes-title" data-testid="outcomes-view">
      <div className="data-head">
        <h1 id="outcomes-title" className="sr-only">
          Outcomes
        </h1>
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'response'} className={tab === 'response' ? 'active' : undefined} onClick={() => setTab('response')} data-testid="outcomes-tab-response">
            Response by group
          </button>
          <button type="button" role="tab" aria-selected={tab === 'clv'} className={tab === 'clv' ? 'active' : undefined} onClick={() => setTab('clv')} data-testid="outcomes-tab-clv">
            Lifetime value
          </button>
        </div>
        {tab === 'response' ? (
          <label className="inline">
            Dataset
            <select value={dataset ?? ''} onChange={(e) => void load(e.target.value)} data-testid="outcomes-dataset">
              {(datasets ?? []).map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name} ({d.kind})
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <div className="tab-panel" role="tabpanel">
        {tab === 'response' && dataset ? <ResponsePanel dataset={dataset} /> : null}
        {tab === 'clv' ? <ClvPanel /> : null}
      </div>
    </section>
  );
}
