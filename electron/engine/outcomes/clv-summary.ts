/**
 * The per-customer summary the BG/NBD and Gamma-Gamma literature works from
 * (FHL 2005; `lifetimes.utils.summary_data_from_transaction_data`):
 * purchases on the same day are one purchase (amounts summed); frequency = repeat purchase
 * days; recency = first → last purchase; T = first purchase → the as-of date (inclusive,
 * later transactions ignored); monetary = mean value of the repeat purchases (first excluded).
 */

/** What a row is to the model, decided by the returns policy (electron/engine/orders/policy.ts). */
export const LINE_PURCHASE = 0;
/** Subtracted from the spend of the customer's latest purchase day on or before it; not a purchase. */
export const LINE_NETTED = 1;
export const LINE_EXCLUDED = 2;

export interface TransactionsInput {
  /** Customer of each row as an index into `names`; -1 = missing. */
  customer: Int32Array;
  names: string[];
  /** Day number of each row (days since 1970-01-01, fractions = time of day); NaN = missing. */
  day: Float64Array;
  /** Value of each row; NaN = missing. null when the dataset has no amount at all. */
  amount: Float64Array | null;
  /** LINE_* per row; without it a negative amount is a return (netted) and everything else a purchase. */
  effect?: Uint8Array;
}

/** Each customer's distinct purchase days in order, with the day's summed value. */
export interface CustomerDays {
  names: string[];
  /** Customer c's days are day[start[c]] … day[start[c+1]-1]. */
  start: Int32Array;
  day: Int32Array;
  value: Float64Array;
  hasAmount: boolean;
  /** Rows not used as purchases: left out by the policy, netted into spend, or netted but with no purchase on or before them. */
  skipped: { missingCustomer: number; missingDate: number; excluded: number; netted: number; unmatched: number };
}

function lastAtOrBefore(day: ArrayLike<number>, lo: number, hi: number, d: number): number {
  let k = -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (day[mid] <= d) {
      k = mid;
      lo = mid + 1;
    } else hi = mid;
  }
  return k;
}

export function purchaseDays(input: TransactionsInput): CustomerDays {
  const n = input.customer.length;
  const nc = input.names.length;
  const skipped = { missingCustomer: 0, missingDate: 0, excluded: 0, netted: 0, unmatched: 0 };
  const effectOf = (i: number) => input.effect?.[i] ?? (input.amount && input.amount[i] < 0 ? LINE_NETTED : LINE_PURCHASE);
  // Counting sort of usable rows by customer: O(n), no comparator over 500k rows.
  const counts = new Int32Array(nc + 1);
  const usable = new Uint8Array(n);
  const netted: number[][] = [];
  for (let i = 0; i < n; i++) {
    const c = input.customer[i];
    if (c < 0) {
      skipped.missingCustomer++;
      continue;
    }
    if (!Number.isFinite(input.day[i])) {
      skipped.missingDate++;
      continue;
    }
    const e = effectOf(i);
    if (e === LINE_EXCLUDED) {
      skipped.excluded++;
      continue;
    }
    if (e === LINE_NETTED) {
      skipped.netted++;
      (netted[c] ??= []).push(i);
      continue;
    }
    usable[i] = 1;
    counts[c + 1]++;
  }
  for (let c = 0; c < nc; c++) counts[c + 1] += counts[c];
  const rowDay = new Int32Array(counts[nc]);
  const rowValue = new Float64Array(counts[nc]);
  const fill = counts.slice(0, nc);
  const valueOf = (i: number) => {
    const a = input.amount ? input.amount[i] : 0;
    return Number.isFinite(a) ? a : 0;
  };
  for (let i = 0; i < n; i++) {
    if (!usable[i]) continue;
    const k = fill[input.customer[i]]++;
    rowDay[k] = Math.floor(input.day[i]);
    rowValue[k] = valueOf(i);
  }
  const start = new Int32Array(nc + 1);
  // At most one day per usable row: filled in place, cut to length at the end (arrays of boxed numbers
  // would not fit the heap at 100M order lines).
  const day = new Int32Array(counts[nc]);
  const value = new Float64Array(counts[nc]);
  let len = 0;
  let order = new Int32Array(64);
  for (let c = 0; c < nc; c++) {
    start[c] = len;
    const lo = counts[c];
    const hi = counts[c + 1];
    const m = hi - lo;
    if (m > order.length) order = new Int32Array(Math.max(m, order.length * 2));
    // The customer's rows by day, ties in row order (stable, so same-day amounts are summed in the file's
    // order as before): insertion sort for the usual handful of rows, the built-in stable sort beyond.
    if (m <= 32) {
      for (let j = 0; j < m; j++) {
        const k = lo + j;
        let t = j;
        while (t > 0 && rowDay[order[t - 1]] > rowDay[k]) {
          order[t] = order[t - 1];
          t--;
        }
        order[t] = k;
      }
    } else order.set(Array.from({ length: m }, (_, j) => lo + j).sort((p, q) => rowDay[p] - rowDay[q]));
    for (let j = 0; j < m; j++) {
      const k = order[j];
      if (len > start[c] && day[len - 1] === rowDay[k]) value[len - 1] += rowValue[k];
      else {
        day[len] = rowDay[k];
        value[len] = rowValue[k];
        len++;
      }
    }
    // A return reduces the customer's latest purchase on or before it; a positive value on a netted line adds nothing.
    for (const i of netted[c] ?? []) {
      const k = lastAtOrBefore(day, start[c], len, Math.floor(input.day[i]));
      if (k < 0) skipped.unmatched++;
      else value[k] += Math.min(valueOf(i), 0);
    }
  }
  start[nc] = len;
  return { names: input.names, start, day: day.slice(0, len), value: value.slice(0, len), hasAmount: input.amount !== null, skipped };
}

export interface ClvSummary {
  ids: string[];
  /** Index of each summarised customer in CustomerDays (customers first seen after the as-of date are left out). */
  customer: Int32Array;
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
}

/** Summary as of `asOfDay` (inclusive) in periods of `periodDays` days (1 = days, 7 = weeks, not rounded). */
export function summarize(d: CustomerDays, asOfDay: number, periodDays: number): ClvSummary {
  const nc = d.names.length;
  const ids: string[] = [];
  const customer: number[] = [];
  const f: number[] = [];
  const r: number[] = [];
  const T: number[] = [];
  const m: number[] = [];
  for (let c = 0; c < nc; c++) {
    const lo = d.start[c];
    const hi = d.start[c + 1];
    if (hi === lo || d.day[lo] > asOfDay) continue;
    let last = lo;
    let repeatValue = 0;
    for (let k = lo + 1; k < hi && d.day[k] <= asOfDay; k++) {
      last = k;
      repeatValue += d.value[k];
    }
    const freq = last - lo;
    ids.push(d.names[c]);
    customer.push(c);
    f.push(freq);
    r.push((d.day[last] - d.day[lo]) / periodDays);
    T.push((asOfDay - d.day[lo]) / periodDays);
    m.push(freq > 0 ? repeatValue / freq : 0);
  }
  return { ids, customer: Int32Array.from(customer), frequency: Float64Array.from(f), recency: Float64Array.from(r), T: Float64Array.from(T), monetary: Float64Array.from(m) };
}

/** Per summarised customer: distinct purchase days in (fromDay, toDay] — the holdout period's actual purchases. */
export function purchasesBetween(d: CustomerDays, customers: Int32Array, fromDay: number, toDay: number): Float64Array {
  const out = new Float64Array(customers.length);
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i];
    let n = 0;
    for (let k = d.start[c]; k < d.start[c + 1]; k++) if (d.day[k] > fromDay && d.day[k] <= toDay) n++;
    out[i] = n;
  }
  return out;
}

/** ISO yyyy-mm-dd → day number (UTC), matching the mirror's date encoding. */
export function isoDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return NaN;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? t / 86_400_000 : NaN;
}

export function dayToIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
