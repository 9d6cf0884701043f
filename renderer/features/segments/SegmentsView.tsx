import { useEffect, useState } from 'react';
import { useApp } from '../../store';
import { DatasetPicker, TabBar } from '../../app/FeatureChrome';
import { BuilderPanel } from './BuilderPanel';
import { SegmentList } from './SegmentList';
import { OverlapPanel } from './OverlapPanel';
import { RfmPanel } from './RfmPanel';
import { SegmentProfile } from './SegmentProfile';
import './segments.css';
import { useT } from '../../i18n/use-t';
import type { MessageId } from '../../../shared/i18n/catalogue';

type Tab = 'build' | 'saved' | 'overlap' | 'rfm';

const TABS: { id: Tab; label: MessageId }[] = [
  { id: 'build', label: 'segments.tabs.build' },
  { id: 'saved', label: 'segments.tabs.saved' },
  { id: 'overlap', label: 'segments.tabs.overlap' },
  { id: 'rfm', label: 'segments.tabs.rfm' },
];

/** Segments: build rules with live counts, manage saved segments and their history, overlap, RFM. */
export default function SegmentsView() {
  const active = useApp((s) => s.activeDataset);
  const selectDataset = useApp((s) => s.selectDataset);
  const load = useApp((s) => s.loadSegmentsView);
  const [tab, setTab] = useState<Tab>('build');
  const { t } = useT();

  useEffect(() => {
    void load();
  }, [active, load]);

  return (
    <section className="segments" aria-labelledby="segments-title" data-testid="segments-view">
      <div className="data-head">
        <h1 id="segments-title" className="sr-only">
          {t('segments.view.title')}
        </h1>
        <DatasetPicker value={active ?? null} onChange={selectDataset} testId="segments-dataset" />
      </div>
      <TabBar tabs={TABS.map((x) => ({ id: x.id, label: t(x.label) }))} active={tab} onSelect={setTab} testIdPrefix="segments" />
      <div className="tab-panel" role="tabpanel">
        {tab === 'build' ? <BuilderPanel /> : null}
        {tab === 'saved' ? (
          <>
            <SegmentList onEdit={() => setTab('build')} />
            <SegmentProfile />
          </>
        ) : null}
        {tab === 'overlap' ? <OverlapPanel /> : null}
        {tab === 'rfm' ? <RfmPanel /> : null}
      </div>
    </section>
  );
}
