import type { ColumnProfile } from '../../../shared/contract/ns/profile';
import type { EChartsOption } from '../../charts/EChart';
import { formatCell, fmtCount, fmtStoredDate } from '../../lib/format';
import { activeFormats, tr } from '../../i18n/active';

const DAY_MS = 86_400_000;

function binLabel(v: number, type: ColumnProfile['type']): string {
  // Date histograms come in days since 1970-01-01.
  if (type === 'date' || type === 'datetime') return fmtStoredDate(new Date(v * DAY_MS).toISOString().slice(0, 10));
  const s = Math.abs(v) >= 1000 ? v.toFixed(0) : Number(v.toPrecision(3)).toString();
  // Bin edges stay ungrouped ("12500 – 15000"); only the decimal mark follows the window's language.
  const mark = activeFormats().plain(1.5).charAt(1);
  return mark === '.' ? s : s.replace('.', mark);
}

/** Whole-number columns with at most this many values get one bar per value (counts of children, ratings, 0/1). */
export const MAX_VALUE_BARS = 12;

/**
 * The values when a histogram is one whole number per bin (the engine bins a small-range integer column by 1),
 * else null: such a column reads as bars labelled 0, 1, 2, not as ranges "0 – 1", "1 – 2".
 */
function perValue(c: ColumnProfile): number[] | null {
  // Only whole-number columns: a decimal column from 0 to 20 can also have 1-wide bins, but they are ranges.
  if (c.type !== 'integer' || c.histogram.length > MAX_VALUE_BARS) return null;
  const unit = c.histogram.every((b) => Number.isInteger(b.from) && (b.to - b.from === 1 || b.to === b.from));
  return unit ? c.histogram.map((b) => b.from) : null;
}

/**
 * Histogram for numbers and dates (one bar per value for small whole-number columns), bar chart of the most frequent values otherwise; null when there is nothing to draw.
 * Counts are whole rows: the count axis never ticks at fractions (minInterval 1).
 */
export function columnChart(c: ColumnProfile): { option: EChartsOption; label: string } | null {
  const values = c.histogram.length > 0 ? perValue(c) : null;
  if (values) {
    // Empty values keep their bar (a zero), so 0, 1, 2, 3 stay evenly spaced even when nobody has 3.
    return {
      label: tr('data.chart.perValue', { column: c.name }),
      option: {
        grid: { left: 48, right: 12, top: 24, bottom: 40 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', name: c.name, nameLocation: 'middle', nameGap: 26, data: values.map((v) => formatCell(v, c.type)) },
        yAxis: { type: 'value', name: tr('data.chart.rows'), minInterval: 1 },
        series: [{ type: 'bar', data: c.histogram.map((b) => b.count), barCategoryGap: '30%', label: { show: true, position: 'top', fontSize: 10, formatter: (p: { value: unknown }) => fmtCount(Number(p.value)) } }],
      },
    };
  }
  if (c.histogram.length > 0) {
    return {
      label: tr('data.chart.histogram', { column: c.name }),
      option: {
        grid: { left: 48, right: 12, top: 16, bottom: 48 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: c.histogram.map((b) => tr('data.chart.bin', { from: binLabel(b.from, c.type), to: binLabel(b.to, c.type) })), axisLabel: { rotate: 30, fontSize: 10 } },
        yAxis: { type: 'value', name: tr('data.chart.rows'), minInterval: 1 },
        series: [{ type: 'bar', data: c.histogram.map((b) => b.count), barCategoryGap: '4%' }],
      },
    };
  }
  if (c.top.length > 0) {
    // Yes/no reads the same way in every column (no, then yes), whichever is more frequent.
    const ordered = c.type === 'boolean' ? [...c.top].sort((a, b) => Number(a.value) - Number(b.value)) : c.top;
    const top = ordered.slice(0, 15).reverse();
    return {
      label: tr('data.chart.top', { column: c.name }),
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
