import { useState } from 'react';
import { useApp } from '../../store';
import { DatasetPicker, TabBar } from '../../app/FeatureChrome';
import { ExportPanel } from './ExportPanel';
import { ReportBuilder } from './ReportBuilder';
import { SharePanel } from './SharePanel';
import './reports.css';

type Tab = 'export' | 'report' | 'share';

const TABS: { id: Tab; label: string }[] = [
  { id: 'export', label: 'Export members' },
  { id: 'report', label: 'Report' },
  { id: 'share', label: 'Copy for sharing' },
];

/** Hand-over: member exports, the packaged report, and a copy of the workspace to share. */
export default function ReportsView() {
  const active = useApp((s) => s.activeDataset);
  const selectDataset = useApp((s) => s.selectDataset);
  const [tab, setTab] = useState<Tab>('export');
  return (
    <section className="reports" aria-labelledby="reports-title" data-testid="reports-view">
      <div className="data-head">
        <h1 id="reports-title" className="sr-only">
          Reports and exports
        </h1>
        <DatasetPicker value={active ?? null} onChange={selectDataset} testId="reports-dataset" />
      </div>
      <TabBar tabs={TABS} active={tab} onSelect={setTab} testIdPrefix="reports" />
      <div className="tab-panel" role="tabpanel">
        {tab === 'export' ? <ExportPanel /> : null}
        {tab === 'report' ? <ReportBuilder /> : null}
        {tab === 'share' ? <SharePanel /> : null}
      </div>
    </section>
  );
}
