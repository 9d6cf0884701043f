import { IdHashSet } from '../import/id-hash';
import type { Workspace } from '../workspace/workspace';
import type { Mirror } from './types';

/**
 * Segments are sets of customers: a customer whose ID is on several rows of a file counts once, and
 * rows without an ID count as no one (saved memberships are per ID: segments/snapshot.ts). When every
 * row has its own ID (the usual case) rows and customers are the same and nothing is built.
 */
export interface CustomerKeys {
  /** Every row has a non-empty ID of its own. */
  unique: boolean;
  /** Customers: distinct non-empty IDs. */
  distinct: number;
  /** When not unique: per row, a number for its ID (equal IDs, equal numbers), or -1 without one. */
  codes: Int32Array | null;
}

export function customerKeys(ws: Workspace, m: Mirror): CustomerKeys {
  return ws.cache(`mirror-customers:${m.dataset}:${m.version}`, () => {
    // A set of hashes answers "any repeat?" in 16 MB at 1M rows; only then are the IDs numbered exactly.
    const hashes = new IdHashSet(m.rows);
    let empty = false;
    for (let i = 0; i < m.rows && !hashes.repeated && !empty; i++) {
      if (m.ids[i] === '') empty = true;
      else hashes.add(m.ids[i]);
    }
    if (!hashes.repeated && !empty) return { unique: true, distinct: m.rows, codes: null };
    const seen = new Map<string, number>();
    const codes = new Int32Array(m.rows);
    for (let i = 0; i < m.rows; i++) {
      const id = m.ids[i];
      if (id === '') {
        codes[i] = -1;
        continue;
      }
      let c = seen.get(id);
      if (c === undefined) {
        c = seen.size;
        seen.set(id, c);
      }
      codes[i] = c;
    }
    return { unique: seen.size === m.rows, distinct: seen.size, codes };
  });
}

/** Customers among the rows a mask selects (mask[i] = 1). */
export function customersIn(keys: CustomerKeys, mask: Uint8Array): number {
  if (!keys.codes) {
    let n = 0;
    for (let i = 0; i < mask.length; i++) n += mask[i];
    return n;
  }
  const codes = keys.codes;
  const counted = new Uint8Array(keys.distinct);
  let n = 0;
  for (let i = 0; i < mask.length; i++) {
    const c = codes[i];
    if (mask[i] === 1 && c >= 0 && counted[c] === 0) {
      counted[c] = 1;
      n++;
    }
  }
  return n;
}

/**
 * Per-customer views of row masks, for statistics over customers rather than rows (the fairness
 * audit): each customer is represented by their first row (`population`), and is selected when any of
 * their rows is (`lift`), as a segment's membership is. Null when rows and customers are the same.
 */
export interface CustomerLens {
  population: Uint8Array;
  lift(mask: Uint8Array): Uint8Array;
}

export function customerLens(keys: CustomerKeys): CustomerLens | null {
  const codes = keys.codes;
  if (keys.unique || !codes) return null;
  const population = new Uint8Array(codes.length);
  const seen = new Uint8Array(keys.distinct);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && seen[c] === 0) {
      seen[c] = 1;
      population[i] = 1;
    }
  }
  return {
    population,
    lift(mask) {
      const chosen = new Uint8Array(keys.distinct);
      for (let i = 0; i < codes.length; i++) if (mask[i] === 1 && codes[i] >= 0) chosen[codes[i]] = 1;
      const out = new Uint8Array(codes.length);
      for (let i = 0; i < codes.length; i++) if (population[i] === 1 && chosen[codes[i]] === 1) out[i] = 1;
      return out;
    },
  };
}
