/**
 * Order statistics without sorting: the k-th smallest value by quickselect (Hoare partition, median-of-three
 * pivots), O(n) on average. Hand-written because no dependency is warranted and clustering's medians were
 * sorts of 1M values each: 6 features' medians and the per-cluster medians of its explanations took 2.3 s of
 * a 1M-customer k = 5 run. NaN must be removed first (comparisons with NaN are false).
 */

/** Rearranges a[lo..hi) so that a[k] is the value a sort would put there, smaller ones before it, larger after. Returns a[k]. */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi = a.length): number {
  let l = lo;
  let r = hi - 1;
  while (r > l) {
    const m = l + ((r - l) >> 1);
    // Median of three as the pivot: sorted data, the common case of an already ordered column, stays linear.
    if (a[m] < a[l]) swap(a, m, l);
    if (a[r] < a[l]) swap(a, r, l);
    if (a[r] < a[m]) swap(a, r, m);
    const pivot = a[m];
    let i = l;
    let j = r;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** The median of a[0..n) (mean of the two middle values when n is even), reordering a; NaN when n is 0. */
export function medianInPlace(a: Float64Array, n = a.length): number {
  if (n === 0) return NaN;
  const m = n >> 1;
  const upper = selectInPlace(a, m, 0, n);
  if (n % 2) return upper;
  // Everything before m is ≤ a[m]: the lower middle value is their largest.
  let lower = a[0];
  for (let i = 1; i < m; i++) if (a[i] > lower) lower = a[i];
  return (lower + upper) / 2;
}
