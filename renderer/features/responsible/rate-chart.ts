import type { EChartsOption } from '../../charts/EChart';
import type { AttributeAudit } from '../../../shared/contract/ns/fairness';
import { FOUR_FIFTHS, formatRatio } from '../../../shared/fairness/ratio';
import { activeFormats, tr } from '../../i18n/active';

/** A share (0–1) as a percentage in the window's language. */
export function pct(x: number | null | undefined, digits = 1): string {
  return activeFormats().percent(x, digits);
}

/** The badge: the ratio written so that it agrees with the flag (0.795 · below 0.8, never 0.80 · below 0.8). */
export function ratioBadge(a: Pick<AttributeAudit, 'ratio' | 'flag'>): string {
  if (a.ratio === null) return tr('responsible.card.notComparable');
  // The ratio keeps the digits formatRatio chose (so it stays on the flag's side of the line), with the locale's decimal mark.
  const ratio = localDecimal(formatRatio(a.ratio));
  return a.flag ? tr('responsible.card.ratioBelow', { ratio, line: activeFormats().number(FOUR_FIFTHS, 1) }) : tr('responsible.card.ratio', { ratio });
}

/** "0.795" with the window's decimal separator ("0,795"), digits unchanged. */
function localDecimal(s: string): string {
  const sep = activeFormats().number(1.5, 1).replace(/[0-9]/g, '');
  return s.replace('.', sep || '.');
}

/**
 * Selection rate per group as bars, with the four-fifths line (0.8 × the highest rate among
 * groups large enough to count): a bar below it is what the flag is about. Small groups are
 * drawn pale because they are shown, not used as evidence.
 */
export function rateChartOption(a: AttributeAudit): EChartsOption {
  const excluded = a.referenceExcludes ?? ['(missing)'];
  const evidence = a.groups.filter((g) => !g.small && !excluded.includes(g.value) && g.rate !== null);
  const top = evidence.length ? Math.max(...evidence.map((g) => g.rate as number)) : null;
  const line = top === null ? null : FOUR_FIFTHS * top;
  return {
    // No animation: the chart changes with the selected cluster, and a half-drawn chart misleads.
    animation: false,
    grid: { left: 48, right: 16, top: 16, bottom: 48 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(Number(v)) },
    xAxis: { type: 'category', data: a.groups.map((g) => g.value), axisLabel: { interval: 0, rotate: a.groups.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => pct(v, 0) }, max: (v: { max: number }) => Math.min(1, Math.max(Math.ceil(v.max * 11) / 10, 0.1)) },
    series: [
      {
        type: 'bar',
        name: tr('responsible.chart.selectionRate'),
        data: a.groups.map((g) => ({
          value: g.rate ?? 0,
          itemStyle: {
            color: g.small || excluded.includes(g.value) ? '#b8bec8' : line !== null && (g.rate ?? 0) < line ? '#d9534f' : '#4a7fd6',
          },
        })),
        label: { show: true, position: 'top', formatter: (p: { value: unknown }) => pct(Number(p.value)) },
        markLine:
          line === null
            ? undefined
            : {
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#d9534f' },
                label: { formatter: tr('responsible.chart.fourFifthsLine'), position: 'insideEndTop' },
                data: [{ yAxis: line }],
              },
      },
    ],
  } as EChartsOption;
}
