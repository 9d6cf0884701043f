import { useEffect, useState } from 'react';
import { useApp } from '../../store';
import { DatasetPicker, TabBar } from '../../app/FeatureChrome';
import { ClvPanel } from './ClvPanel';
import { ResponsePanel } from './ResponsePanel';
import './outcomes.css';
import { useT } from '../../i18n/use-t';

type Tab = 'response' | 'clv';


/** Outcomes: which groups respond (rates with intervals, lift, tests) and what customers are likely worth (BG/NBD + Gamma-Gamma). */
export default function OutcomesView() {
  const dataset = useApp((s) => s.outcomeDataset);
  const load = useApp((s) => s.loadOutcomes);
  const show = useApp((s) => s.showOutcomes);
  const [tab, setTab] = useState<Tab>('response');
  const { t } = useT();
  const tabs: { id: Tab; label: string }[] = [
    { id: 'response', label: t('outcomes.view.tabResponse') },
    { id: 'clv', label: t('outcomes.view.tabClv') },
  ];

  // On arrival; the dataset choice itself goes through load(), and changes to the data refresh in the store.
  useEffect(() => {
    void show();
  }, [show]);

  return (
    <section className="outcomes" aria-labelledby="outcomes-title" data-testid="outcomes-view">
      <div className="data-head">
        <h1 id="outcomes-title" className="sr-only">
          {t('outcomes.view.title')}
        </h1>
        <TabBar tabs={tabs} active={tab} onSelect={setTab} testIdPrefix="outcomes" />
        {tab === 'response' ? <DatasetPicker value={dataset ?? null} onChange={(name) => void load(name)} testId="outcomes-dataset" /> : null}
      </div>
      <div className="tab-panel" role="tabpanel">
        {tab === 'response' && dataset ? <ResponsePanel dataset={dataset} /> : null}
        {tab === 'clv' ? <ClvPanel /> : null}
      </div>
    </section>
  );
}
