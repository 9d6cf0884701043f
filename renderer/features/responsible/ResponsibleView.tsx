import { useEffect, useState } from 'react';
import { useApp } from '../../store';
import { DatasetPicker, TabBar } from '../../app/FeatureChrome';
import { AuditPanel } from './AuditPanel';
import { SensitiveColumns } from './SensitiveColumns';
import { AuditLog, ConsentSummary } from './ConsentAndLog';
import { EraseForm } from './EraseForm';
import type { MessageId } from '../../../shared/i18n/catalogue';
import { useT } from '../../i18n/use-t';
import './responsible.css';

type Tab = 'audit' | 'sensitive' | 'consent' | 'erase';

const TABS: { id: Tab; label: MessageId }[] = [
  { id: 'audit', label: 'responsible.tabs.audit' },
  { id: 'sensitive', label: 'responsible.tabs.sensitive' },
  { id: 'consent', label: 'responsible.tabs.consent' },
  { id: 'erase', label: 'responsible.tabs.erase' },
];

/** Responsible use: fairness and proxy checks, sensitive columns, consent, the audit log and erasure. */
export default function ResponsibleView() {
  const active = useApp((s) => s.activeDataset);
  const selectDataset = useApp((s) => s.selectDataset);
  const load = useApp((s) => s.loadResponsible);
  const [tab, setTab] = useState<Tab>('audit');
  const { t } = useT();

  useEffect(() => {
    void load();
  }, [active, load]);

  return (
    <section className="responsible" aria-labelledby="responsible-title" data-testid="responsible-view">
      <div className="data-head">
        <h1 id="responsible-title" className="sr-only">
          {t('responsible.view.title')}
        </h1>
        <DatasetPicker value={active ?? null} onChange={selectDataset} testId="responsible-dataset" />
      </div>
      <TabBar tabs={TABS.map((x) => ({ id: x.id, label: t(x.label) }))} active={tab} onSelect={setTab} testIdPrefix="responsible" />
      <div className="tab-panel" role="tabpanel">
        {tab === 'audit' ? <AuditPanel /> : null}
        {tab === 'sensitive' ? <SensitiveColumns /> : null}
        {tab === 'consent' ? (
          <>
            <ConsentSummary />
            <AuditLog />
          </>
        ) : null}
        {tab === 'erase' ? <EraseForm /> : null}
      </div>
    </section>
  );
}
