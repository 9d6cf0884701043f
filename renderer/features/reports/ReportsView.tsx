import { useState } from 'react';
import { useApp } from '../../store';
import { DatasetPicker, TabBar } from '../../app/FeatureChrome';
import { ExportPanel } from './ExportPanel';
import { ReportBuilder } from './ReportBuilder';
import { SharePanel } from './SharePanel';
import type { MessageId } from '../../../shared/i18n/catalogue';
import { useT } from '../../i18n/use-t';
import './reports.css';

type Tab = 'export' | 'report' | 'share';

const TABS: { id: Tab; label: MessageId }[] = [
  { id: 'export', label: 'reports.tabs.export' },
  { id: 'report', label: 'reports.tabs.report' },
  { id: 'share', label: 'reports.tabs.share' },
];

/** Hand-over: member exports, the packaged report, and a copy of the workspace to share. */
export default function ReportsView() {
  const active = useApp((s) => s.activeDataset);
  const selectDataset = useApp((s) => s.selectDataset);
  const [tab, setTab] = useState<Tab>('export');
  const { t } = useT();
  return (
    <section className="reports" aria-labelledby="reports-title" data-testid="reports-view">
      <div className="data-head">
        <h1 id="reports-title" className="sr-only">
          {t('reports.view.title')}
        </h1>
        <DatasetPicker value={active ?? null} onChange={selectDataset} testId="reports-dataset" />
      </div>
      <TabBar tabs={TABS.map((x) => ({ id: x.id, label: t(x.label) }))} active={tab} onSelect={setTab} testIdPrefix="reports" />
      <div className="tab-panel" role="tabpanel">
        {tab === 'export' ? <ExportPanel /> : null}
        {tab === 'report' ? <ReportBuilder /> : null}
        {tab === 'share' ? <SharePanel /> : null}
      </div>
    </section>
  );
}
