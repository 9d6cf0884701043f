import { getRun, listRuns } from '../../cluster/store';
import { clusterMap } from '../../cluster/view-data';
import { heatmap, scatterMap, countBars, type HeatCell } from '../charts';
import type { ReportContext, SectionBuilder } from '../context';
import { dl, esc, figure, h, para, table } from '../html';
import { fmtCount, fmtShare, isSuppressed } from '../suppress';
import { msg } from '../../../../shared/i18n/current';
import { fmtNumber, reportDate, rfmt } from '../format';

/** Points drawn on the cluster map: enough to show the shape, small enough for a printable SVG. */
const MAP_POINTS = 1500;

function chosenRun(ctx: Pick<ReportContext, 'ws' | 'dataset' | 'opts'>): number | string | null {
  if (ctx.opts.run) return ctx.opts.run;
  return listRuns(ctx.ws, ctx.dataset.name)[0]?.run ?? null;
}

export const clustersSection: SectionBuilder = {
  id: 'clusters',
  get title() {
    return msg('report.clusters.title');
  },
  unavailable(ctx) {
    const run = chosenRun(ctx);
    if (run === null) return msg('report.clusters.noRun', { dataset: ctx.dataset.name });
    const id = Number(run);
    const found = Number.isInteger(id) ? listRuns(ctx.ws, ctx.dataset.name).find((r) => r.run === id) : undefined;
    return found ? null : msg('report.clusters.noSuchRun', { run: String(run), dataset: ctx.dataset.name });
  },
  render(ctx) {
    const run = getRun(ctx.ws, Number(chosenRun(ctx)));
    const pii = new Set(ctx.dataset.columns.filter((c) => c.pii).map((c) => c.name));
    const out: string[] = [h(2, this.title)];
    out.push(
      dl([
        [msg('report.clusters.run'), `${run.run} (${run.algorithm}, k = ${run.k})`],
        [msg('report.clusters.customersClustered'), run.customers === run.rows ? fmtCount(run.customers, ctx.s) : msg('report.overview.customersOnRows', { customers: fmtCount(run.customers, ctx.s), rows: fmtCount(run.rows, ctx.s) })],
        [msg('report.clusters.features'), run.features.join(', ')],
        [msg('report.clusters.silhouette'), run.silhouette === null ? '–' : fmtNumber(run.silhouette, 3)],
        [msg('report.clusters.stability'), run.stability ? fmtNumber(run.stability.ari, 3) : msg('report.clusters.notMeasured')],
      ]),
    );
    out.push(figure(countBars(run.clusters.map((c) => ({ label: `${c.cluster}. ${c.name}`, count: c.customers })), ctx.s, { horizontal: true, index: ctx.nextChart() }), msg('report.clusters.sizesChart')));

    out.push('<div class="cards">');
    for (const c of run.clusters) {
      // Suppression protects people, so it counts customers (a customer on two rows is one person).
      const small = isSuppressed(c.customers, ctx.s);
      const traits = small ? [] : c.top.filter((t) => !pii.has(t.feature)).slice(0, 4);
      out.push(
        `<div class="card"><h4>${esc(`${c.cluster}. ${c.name}`)}</h4>` +
          para(
            msg('report.clusters.cardSize', {
              customers: fmtCount(c.customers, ctx.s),
              share: fmtShare(c.customers, run.customers, ctx.s),
              hasRows: c.customers !== c.size ? 'yes' : 'no',
              rows: fmtCount(c.size, ctx.s),
              stab: c.stability === null ? 'none' : c.unstable ? 'unstable' : 'stable',
              stability: c.stability === null ? '' : fmtNumber(c.stability, 2),
            }),
          ) +
          (small ? para(msg('report.clusters.tooSmall', { min: ctx.s.min }), 'note') : `<ul>${traits.map((t) => `<li>${esc(t.text)}</li>`).join('')}</ul>`) +
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
          ? msg('report.clusters.heatPoints')
          : msg('report.clusters.heatEffect');
      out.push(figure(heatmap(rowNames, idx.map((i) => run.heatmap.features[i]), cells, { index: ctx.nextChart(), min: -bound, max: bound, ...(kind === 'points' ? { unit: 'pp' as const } : {}) }), caption));
    }

    const map = clusterMap(ctx.ws, run.run, MAP_POINTS);
    if (run.features.length >= 2) {
      const groups = run.clusters
        .filter((c) => !isSuppressed(c.customers, ctx.s))
        .map((c) => ({ name: `${c.cluster}. ${c.name}`, points: map.x.flatMap((x, i) => (map.cluster[i] === c.cluster ? [[x, map.y[i]] as [number, number]] : [])) }));
      out.push(
        figure(
          scatterMap(groups, { index: ctx.nextChart(), xName: `PC1 (${rfmt().percent(map.explained[0], 0)})`, yName: `PC2 (${rfmt().percent(map.explained[1], 0)})` }),
          map.sampled
            ? msg('report.clusters.mapSampled', { what: run.customers === run.rows ? 'customers' : 'rows', shown: map.shown, total: map.total, min: ctx.s.min })
            : msg('report.clusters.map', { what: run.customers === run.rows ? 'customers' : 'rows', min: ctx.s.min }),
        ),
      );
    }
    if (run.excluded.length) out.push(table({ caption: msg('report.clusters.notUsed'), head: [msg('report.clusters.column'), msg('report.clusters.why')], rows: run.excluded.map((e) => [e.name, e.reason]) }));
    ctx.methods.push({
      section: msg('report.clusters.methodsSection', { run: run.run }),
      items: [
        [
          msg('report.clusters.algorithm'),
          run.settings.k === 'auto'
            ? run.reason
              ? msg('report.clusters.algorithmAutoReason', { algorithm: run.algorithm, k: run.k, from: run.settings.kRange[0], to: run.settings.kRange[1], reason: run.reason })
              : msg('report.clusters.algorithmAuto', { algorithm: run.algorithm, k: run.k, from: run.settings.kRange[0], to: run.settings.kRange[1] })
            : `${run.algorithm}, k = ${run.k}`,
        ],
        [msg('report.clusters.seed'), String(run.seed)],
        [msg('report.clusters.restarts'), String(run.settings.restarts)],
        [msg('report.clusters.scaling'), `${run.settings.scale}, ${run.settings.transform}`],
        [msg('report.clusters.sensitiveFeatures'), run.settings.includeSensitive ? msg('report.clusters.allowed') : msg('report.clusters.excluded')],
        [msg('report.clusters.asOfDate'), reportDate(run.settings.asOf)],
        [
          msg('report.clusters.data'),
          run.customers !== run.rows
            ? msg('report.clusters.dataTextRows', { dataset: run.dataset, version: run.version, customers: run.customers, rows: run.rows, date: reportDate(run.createdAt.slice(0, 10)) })
            : msg('report.clusters.dataText', { dataset: run.dataset, version: run.version, customers: run.customers, date: reportDate(run.createdAt.slice(0, 10)) }),
        ],
      ],
    });
    return out.join('\n');
  },
};
