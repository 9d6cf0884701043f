import type { ColumnProfile } from '../../../shared/contract/ns/profile';
import type { EChartsOption } from '../../charts/EChart';
import { formatCell } from '../../lib/format';

const DAY_MS = 86_400_000;

function binLabel(v: number, type: ColumnProfile['type']): string {
  // Date histograms come in days since 1970-01-01.
  if (type === 'date' || type === 'datetime') return new Date(v * DAY_MS).toISOString().slice(0, 10);
  return Math.abs(v) >= 1000 ? v.toFixed(0) : Number(v.toPrecision(3)).toString();
}

/**
 * Histogram for numbers and dates, bar chart of the most frequent values otherwise; null when there is nothing to draw.
 * Counts are whole rows: the count axis never ticks at fractions (minInterval 1).
 */
export function columnChart(c: ColumnProfile): { option: EChartsOption; label: string } | null {
  if (c.histogram.length > 0) {
    return {
      label: `Histogram of ${c.name}`,
      option: {
        grid: { left: 48, right: 12, top: 16, bottom: 48 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: c.histogram.map((b) => `${binLabel(b.from, c.type)} – ${binLabel(b.to, c.type)}`), axisLabel: { rotate: 30, fontSize: 10 } },
        yAxis: { type: 'value', name: 'rows', minInterval: 1 },
        series: [{ type: 'bar', data: c.histogram.map((b) => b.count), barCategoryGap: '4%' }],
      },
    };
  }
  if (c.top.length > 0) {
    const top = c.top.slice(0, 15).reverse();
    return {
      label: `Most frequent values of ${c.name}`,
      option: {
        grid: { left: 120, right: 24, top: 8, bottom: 24 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: top.map((t) => formatCell(t.value, c.type)), axisLabel: { width: 110, overflow: 'truncate' } },
        series: [{ type: 'bar', data: top.map((t) => t.count) }],
      },
    };
  }
  return null;
}
