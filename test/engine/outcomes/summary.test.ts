import { describe, expect, it } from 'vitest';
import { isoDay, LINE_EXCLUDED, LINE_NETTED, LINE_PURCHASE, purchaseDays, purchasesBetween, summarize } from '../../../electron/engine/outcomes/clv-summary';

function input(rows: [string, string, number][], names: string[]) {
  return {
    customer: Int32Array.from(rows.map((r) => names.indexOf(r[0]))),
    names,
    day: Float64Array.from(rows.map((r) => isoDay(r[1]))),
    amount: Float64Array.from(rows.map((r) => r[2])),
  };
}

describe('CLV summary (literature definitions)', () => {
  const rows: [string, string, number][] = [
    ['a', '2020-01-01', 10],
    ['a', '2020-01-01', 5], // same day: one purchase of 15
    ['a', '2020-01-08', 20],
    ['a', '2020-01-15', 40],
    ['a', '2020-02-01', 99], // after the as-of date: ignored
    ['b', '2020-01-10', 7], // single purchase
    ['c', '2020-01-20', 30],
    ['c', '2020-01-21', -30], // a return: netted into the purchase before it, not a purchase
    ['d', '2020-02-05', 1], // first purchase after the as-of date: not a customer yet
    ['e', '2020-01-31', 3], // bought on the as-of date itself (inclusive)
  ];
  const days = purchaseDays(input(rows, ['a', 'b', 'c', 'd', 'e']));
  const asOf = isoDay('2020-01-31');

  it('merges same-day purchases, ignores later transactions, nets returns, counts repeat days', () => {
    const s = summarize(days, asOf, 1);
    expect(s.ids).toEqual(['a', 'b', 'c', 'e']);
    expect(Array.from(s.frequency)).toEqual([2, 0, 0, 0]);
    expect(Array.from(s.recency)).toEqual([14, 0, 0, 0]);
    expect(Array.from(s.T)).toEqual([30, 21, 11, 0]);
    // Monetary = mean of repeat purchases only (20 and 40), not the first (15).
    expect(Array.from(s.monetary)).toEqual([30, 0, 0, 0]);
    expect(days.skipped).toMatchObject({ netted: 1, excluded: 0, unmatched: 0 });
    const c = days.names.indexOf('c');
    expect(Array.from(days.value.subarray(days.start[c], days.start[c + 1]))).toEqual([0]);
  });

  it('expresses recency and T in weeks as days / 7, unrounded', () => {
    const s = summarize(days, asOf, 7);
    expect(s.recency[0]).toBeCloseTo(2, 12);
    expect(s.T[0]).toBeCloseTo(30 / 7, 12);
    expect(s.T[1]).toBeCloseTo(3, 12);
  });

  it('counts holdout purchases after a cut-off', () => {
    const s = summarize(days, isoDay('2020-01-10'), 1);
    expect(s.ids).toEqual(['a', 'b']);
    expect(Array.from(purchasesBetween(days, s.customer, isoDay('2020-01-10'), isoDay('2020-02-29')))).toEqual([2, 0]);
  });
});

describe('CLV purchase days under a returns policy', () => {
  const names = ['a', 'b'];
  const rows: [string, string, number, number][] = [
    ['a', '2020-01-01', 10, LINE_PURCHASE],
    ['a', '2020-01-05', 30, LINE_PURCHASE],
    ['a', '2020-01-06', -30, LINE_EXCLUDED], // a cancellation: left out
    ['a', '2020-01-09', -4, LINE_NETTED], // a return: off the latest purchase on or before it (01-05)
    ['b', '2020-01-02', -5, LINE_NETTED], // a return before any purchase: nothing to net into
    ['b', '2020-01-03', 8, LINE_PURCHASE],
  ];
  const days = purchaseDays({
    customer: Int32Array.from(rows.map((r) => names.indexOf(r[0]))),
    names,
    day: Float64Array.from(rows.map((r) => isoDay(r[1]))),
    amount: Float64Array.from(rows.map((r) => r[2])),
    effect: Uint8Array.from(rows.map((r) => r[3])),
  });

  it('leaves excluded lines out and nets returns into the purchase before them', () => {
    expect(Array.from(days.value.subarray(days.start[0], days.start[1]))).toEqual([10, 26]);
    expect(Array.from(days.value.subarray(days.start[1], days.start[2]))).toEqual([8]);
    expect(days.skipped).toMatchObject({ excluded: 1, netted: 2, unmatched: 1 });
  });
});
