import { useState } from 'react';
import { useApp } from '../../store';
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
  const datasets = useApp((s) => s.workspace?.datasets);
  const active = useApp((s) => s.activeDataset);
  const selectDataset = useApp((s) => s.selectDataset);
  const [tab, setTab] = useState<Tab>('export');
  return (
    <section className="reports" aria-labelledby="reports-title" data-testid="reports-view">
      <div className="data-head">
        <h1 id="reports-title" className="sr-only">
          Reports and exports
        </h1>
        <label className="inline">
          Dataset
          <select value={active ?? ''} onChange={(e) => selectDataset(e.target.value)} data-testid="reports-dataset">
            {(datasets ?? []).map((d) => (
              <option key={d.name} value={d.name}>
                {d.name} ({d.kind})
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} onClick={() => setTab(t.id)} data-testid={`reports-tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        {tab === 'export' ? <ExportPanel /> : null}
        {tab === 'report' ? <ReportBuilder /> : null}
        {tab === 'share' ? <SharePanel /> : null}
      </div>
    </section>
  );
}
