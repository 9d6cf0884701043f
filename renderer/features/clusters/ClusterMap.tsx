import { useMemo, useState } from 'react';
import type { ClusterRun } from '../../../shared/contract/ns/clusters';
import { EChart, type EChartsOption } from '../../charts/EChart';
import { useApp } from '../../store';
import { mapOption } from './charts';
import type { ClusterMapData, MemberTip } from '../../store/clusters';
import { useT } from '../../i18n/use-t';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** PCA map; tooltips fetch the customer's key fields on hover (features only; PII when switched on). */
export function ClusterMap({ run, map }: { run: ClusterRun; map: ClusterMapData }) {
  const tip = useApp((s) => s.clusterTip);
  const [pii, setPii] = useState(false);
  const { t, fmt } = useT();
  // A new option (and an empty tooltip cache) per run, map and PII choice: answers with or without PII never mix.
  const option = useMemo<EChartsOption>(() => {
    const cache = new Map<number, MemberTip | null>();
    const render = (tip: MemberTip) =>
      `<b>${t('clusters.map.series', { cluster: tip.cluster, name: esc(tip.clusterName) })}</b><br/>` + tip.fields.map((f) => `${esc(f.name)}: ${esc(f.value === null ? '–' : typeof f.value === 'number' ? fmt.plain(f.value) : f.value)}`).join('<br/>');
    const tooltip: EChartsOption['tooltip'] = {
      trigger: 'item',
      formatter: ((params: { value: [number, number, number] }, ticket: string, callback: (ticket: string, html: string) => void) => {
        const row = params.value[2];
        const hit = cache.get(row);
        if (hit) return render(hit);
        void tip(row, pii).then((t) => {
          cache.set(row, t);
          if (t) callback(ticket, render(t));
        });
        return t('common.loading');
      }) as unknown as string,
    };
    return mapOption(run, map, tooltip, fmt);
    // t and fmt change with the language: the option's texts are made in the window's language.
  }, [run, map, tip, pii, t, fmt]);
  // Points are rows; where IDs repeat, rows are not customers.
  const rows = run.customers === run.rows ? 'customers' : 'rows';
  return (
    <div data-testid="cl-map">
      <div className="cl-toolbar">
        <p className="hint" data-testid="cl-map-note">
          {map.sampled ? t('clusters.map.sampled', { shown: map.shown, total: map.total, rows }) : t('clusters.map.all', { total: map.total, rows })}{' '}
          {t('clusters.map.axes')}
        </p>
        <label className="inline">
          <input type="checkbox" checked={pii} onChange={(e) => setPii(e.target.checked)} data-testid="cl-pii" /> {t('clusters.map.pii')}
        </label>
      </div>
      <EChart option={option} height={420} renderer="canvas" label={t('clusters.map.label')} testId="cl-map-chart" />
    </div>
  );
}
