import { formats } from '../../../shared/i18n/format';
import { messageLocale, msg } from '../../../shared/i18n/current';
import { MAX_VALUE_GROUPS } from '../../../shared/contract/ns/outcomes';

export { DEFAULT_BANDS, MAX_VALUE_GROUPS } from '../../../shared/contract/ns/outcomes';

export interface Banding {
  /** Upper edges of every band but the last (ascending, distinct). */
  edges: number[];
  /** Band names, lowest first. */
  names: string[];
  /** Band label per row; null where the value is missing. */
  labels: (string | null)[];
}

/**
 * Quantile `q` of sorted values, linear between closest ranks (NumPy's and pandas' default, "type 7"),
 * so the edges can be checked with `numpy.quantile`.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Does this field get bands? When asked for, or when its values are numbers with more than
 * MAX_VALUE_GROUPS distinct ones (RFM scores 1–5 and small order counts stay one group per value).
 */
export function wantsBands(values: readonly (number | null)[], asked: number | undefined): boolean {
  if (asked !== undefined) return true;
  const distinct = new Set<number>();
  for (const v of values) {
    if (v === null) continue;
    distinct.add(v);
    if (distinct.size > MAX_VALUE_GROUPS) return true;
  }
  return false;
}

/**
 * Equal-count bands of a numeric field: the edges are the field's k-quantiles among the rows that are
 * compared (`counted`: known outcome and a value), so each band holds about the same number of them. A
 * value equal to an edge goes to the lower band; ties that make two edges equal merge those bands, so
 * a field with many equal values (P(alive) = 1 for many) can give fewer bands than asked.
 */
export function numericBands(values: readonly (number | null)[], counted: (i: number) => boolean, bands: number): Banding {
  const sample: number[] = [];
  values.forEach((v, i) => {
    if (v !== null && counted(i)) sample.push(v);
  });
  const sorted = Float64Array.from(sample).sort();
  const edges: number[] = [];
  if (sorted.length) {
    for (let k = 1; k < bands; k++) {
      const e = quantileSorted(sorted, k / bands);
      // Edges at or above the maximum would leave an empty band above them.
      if (e < sorted[sorted.length - 1] && (edges.length === 0 || e > edges[edges.length - 1])) edges.push(e);
    }
  }
  const count = edges.length + 1;
  const f = formats(messageLocale());
  // Whole cut points as whole numbers ("up to 72", not "72.00"); others rounded for reading (the exact edges are in the result).
  const num = (x: number) => f.number(x, Number.isInteger(x) || Math.abs(x) >= 100 ? 0 : 2);
  const names = Array.from({ length: count }, (_, b) =>
    count === 1
      ? msg('outcomes.bands.all', { count })
      : b === 0
        ? msg('outcomes.bands.first', { band: 1, count, hi: num(edges[0]) })
        : b === count - 1
          ? msg('outcomes.bands.last', { band: count, count, lo: num(edges[b - 1]) })
          : msg('outcomes.bands.middle', { band: b + 1, count, lo: num(edges[b - 1]), hi: num(edges[b]) }),
  );
  const labels = values.map((v) => {
    if (v === null) return null;
    let b = 0;
    while (b < edges.length && v > edges[b]) b++;
    return names[b];
  });
  return { edges, names, labels };
}
