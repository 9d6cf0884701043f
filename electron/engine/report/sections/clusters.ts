import { getRun, listRuns } from '../../cluster/store';
import { clusterMap } from '../../cluster/view-data';
import { heatmap, scatterMap, countBars, type HeatCell } from '../charts';
import type { ReportContext, SectionBuilder } from '../context';
import { dl, esc, figure, h, para, table } from '../html';
import { fmtCount, fmtShare, isSuppressed } from '../suppress';

/** Points drawn on the cluster map: enough to show the shape, small enough for a printable SVG. */
const MAP_POINTS = 1500;

function chosenRun(ctx: Pick<ReportContext, 'ws' | 'dataset' | 'opts'>): number | string | null {
  if (ctx.opts.run) return ctx.opts.run;
  return listRuns(ctx.ws, ctx.dataset.name)[0]?.run ?? null;
}

export const clustersSection: SectionBuilder = {
  id: 'clusters',
  title: 'Clusters',
  unavailable(ctx) {
    const run = chosenRun(ctx);
    if (run === null) return `dataset "${ctx.dataset.name}" has no clustering run`;
    const id = Number(run);
    const found = Number.isInteger(id) ? listRuns(ctx.ws, ctx.dataset.name).find((r) => r.run === id) : undefined;
    return found ? null : `no clustering run "${run}" of dataset "${ctx.dataset.name}"`;
  },
  render(ctx) {
    const run = getRun(ctx.ws, Number(chosenRun(ctx)));
    const pii = new Set(ctx.dataset.columns.filter((c) => c.pii).map((c) => c.name));
    const out: string[] = [h(2, this.title)];
    out.push(
      dl([
        ['Run', `${run.run} (${run.algorithm}, k = ${run.k})`],
        ['Customers clustered', run.customers === run.rows ? fmtCount(run.customers, ctx.s) : `${fmtCount(run.customers, ctx.s)} (on ${fmtCount(run.rows, ctx.s)} rows)`],
        ['Features', run.features.join(', ')],
        ['Silhouette', run.silhouette === null ? '–' : run.silhouette.toFixed(3)],
        ['Stability (ARI)', run.stability ? run.stability.ari.toFixed(3) : 'not measured'],
      ]),
    );
    out.push(figure(countBars(run.clusters.map((c) => ({ label: `${c.cluster}. ${c.name}`, count: c.customers })), ctx.s, { horizontal: true, index: ctx.nextChart() }), 'Cluster sizes (customers: distinct customer IDs).'));

    out.push('<div class="cards">');
    for (const c of run.clusters) {
      // Suppression protects people, so it counts customers (a customer on two rows is one person).
      const small = isSuppressed(c.customers, ctx.s);
      const traits = small ? [] : c.top.filter((t) => !pii.has(t.feature)).slice(0, 4);
      out.push(
        `<div class="card"><h4>${esc(`${c.cluster}. ${c.name}`)}</h4>` +
          para(`${fmtCount(c.customers, ctx.s)} customers (${fmtShare(c.customers, run.customers, ctx.s)})${c.customers !== c.size ? `, ${fmtCount(c.size, ctx.s)} rows` : ''}${c.stability !== null ? `, stability ${c.stability.toFixed(2)}${c.unstable ? ' (unstable)' : ''}` : ''}`) +
          (small ? para(`Fewer than ${ctx.s.min} customers: not described.`, 'note') : `<ul>${traits.map((t) => `<li>${esc(t.text)}</li>`).join('')}</ul>`) +
          '</div>',
      );
    }
    out.push('</div>');

    // Number columns read as the cards' effect (standardised), category values as percentage points: two charts, two scales.
    const kinds = run.heatmap.kinds ?? run.heatmap.features.map(() => 'effect' as const);
    const column = (f: string, i: number) => (kinds[i] === 'points' ? f.slice(0, f.indexOf(' = ')) : f);
    const rowNames = run.clusters.map((c) => `${c.cluster}. ${c.name}`);
    for (const kind of ['effect', 'points'] as const) {
      const idx = run.heatmap.features.map((_, i) => i).filter((i) => kinds[i] === kind && !pii.has(column(run.heatmap.features[i], i)));
      if (!idx.length) continue;
      const cells: HeatCell[] = [];
      run.clusters.forEach((c, row) => {
        idx.forEach((i, col) => {
          const z = run.heatmap.z[row]?.[i];
          cells.push({ row, col, value: isSuppressed(c.customers, ctx.s) || z === undefined ? null : kind === 'points' ? Math.round(z) : Math.round(z * 10) / 10 });
        });
      });
      const bound = Math.max(kind === 'points' ? 10 : 1, ...cells.map((c) => Math.abs(c.value ?? 0)));
      const caption =
        kind === 'points'
          ? 'Category values per cluster: share difference in percentage points (share of the value in the cluster minus its share among all customers; – = cluster too small to show).'
          : 'Number columns per cluster: how different from the rest of the customers, standardised (the effect the cluster cards give; – = cluster too small to show).';
      out.push(figure(heatmap(rowNames, idx.map((i) => run.heatmap.features[i]), cells, { index: ctx.nextChart(), min: -bound, max: bound, ...(kind === 'points' ? { unit: 'pp' as const } : {}) }), caption));
    }

    const map = clusterMap(ctx.ws, run.run, MAP_POINTS);
    if (run.features.length >= 2) {
      const groups = run.clusters
        .filter((c) => !isSuppressed(c.customers, ctx.s))
        .map((c) => ({ name: `${c.cluster}. ${c.name}`, points: map.x.flatMap((x, i) => (map.cluster[i] === c.cluster ? [[x, map.y[i]] as [number, number]] : [])) }));
      out.push(
        figure(
          scatterMap(groups, { index: ctx.nextChart(), xName: `PC1 (${(100 * map.explained[0]).toFixed(0)}%)`, yName: `PC2 (${(100 * map.explained[1]).toFixed(0)}%)` }),
          `Cluster map: ${run.customers === run.rows ? 'customers' : 'rows'} on the first two principal components${map.sampled ? ` (a fixed sample of ${map.shown.toLocaleString('en-US')} of ${map.total.toLocaleString('en-US')})` : ''}; clusters smaller than ${ctx.s.min} are not drawn.`,
        ),
      );
    }
    if (run.excluded.length) out.push(table({ caption: 'Columns not used', head: ['Column', 'Why'], rows: run.excluded.map((e) => [e.name, e.reason]) }));
    ctx.methods.push({
      section: `Clustering (run ${run.run})`,
      items: [
        ['Algorithm', `${run.algorithm}, k = ${run.k}${run.settings.k === 'auto' ? ` chosen from ${run.settings.kRange[0]}–${run.settings.kRange[1]}${run.reason ? `: ${run.reason}` : ''}` : ''}`],
        ['Seed', String(run.seed)],
        ['Restarts', String(run.settings.restarts)],
        ['Scaling and transform', `${run.settings.scale}, ${run.settings.transform}`],
        ['Sensitive attributes as features', run.settings.includeSensitive ? 'allowed' : 'excluded'],
        ['As-of date', run.settings.asOf],
        ['Data', `dataset ${run.dataset} version ${run.version}, ${run.customers.toLocaleString('en-US')} customers${run.customers !== run.rows ? ` on ${run.rows.toLocaleString('en-US')} rows` : ''}; run made ${run.createdAt.slice(0, 10)}`],
      ],
    });
    return out.join('\n');
  },
};
