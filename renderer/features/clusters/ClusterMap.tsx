import { useMemo, useState } from 'react';
import type { ClusterRun } from '../../../shared/contract/ns/clusters';
import { EChart, type EChartsOption } from '../../charts/EChart';
import { useApp } from '../../store';
import { mapOption } from './charts';
import type { ClusterMapData, MemberTip } from '../../store/clusters';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** PCA map; tooltips fetch the customer's key fields on hover (features only; PII when switched on). */
export function ClusterMap({ run, map }: { run: ClusterRun; map: ClusterMapData }) {
  const tip = useApp((s) => s.clusterTip);
  const [pii, setPii] = useState(false);
  // A new option (and an empty tooltip cache) per run, map and PII choice: answers with or without PII never mix.
  const option = useMemo<EChartsOption>(() => {
    const cache = new Map<number, MemberTip | null>();
    const render = (t: MemberTip) =>
      `<b>${t.cluster}. ${esc(t.clusterName)}</b><br/>` + t.fields.map((f) => `${esc(f.name)}: ${esc(f.value === null ? '–' : String(f.value))}`).join('<br/>');
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
        return 'Loading…';
      }) as unknown as string,
    };
    return mapOption(run, map, tooltip);
  }, [run, map, tip, pii]);
  // Points are rows; where IDs repeat, rows are not customers.
  const pointsAre = run.customers === run.rows ? 'customers' : 'rows';
  return (
    <div data-testid="cl-map">
      <div className="cl-toolbar">
        <p className="hint" data-testid="cl-map-note">
          {map.sampled
            ? `Showing a seeded sample of ${map.shown.toLocaleString()} of ${map.total.toLocaleString()} ${pointsAre}.`
            : `All ${map.total.toLocaleString()} ${pointsAre}.`}{' '}
          Axes: first two principal components of the clustering features.
        </p>
        <label className="inline">
          <input type="checkbox" checked={pii} onChange={(e) => setPii(e.target.checked)} data-testid="cl-pii" /> show personal data in tooltips
        </label>
      </div>
      <EChart option={option} height={420} renderer="canvas" label="Cluster map: customers on the first two principal components, coloured by cluster" testId="cl-map-chart" />
    </div>
  );
}
