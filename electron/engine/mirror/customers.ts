import { IdHashSet } from '../import/id-hash';
import type { Workspace } from '../workspace/workspace';
import { loadKeys, saveKeys } from './store';
import type { CustomerKeys, Mirror } from './types';

export type { CustomerKeys } from './types';

export function customerKeys(ws: Workspace, m: Mirror): CustomerKeys {
  return ws.cache(`mirror-customers:${m.dataset}:${m.version}`, () => {
    const stored = m.stored ? loadKeys(ws.db, m.dataset, m.version, m.idColumn, m.stored.stamp) : null;
    if (stored) return stored;
    const keys = computeKeys(m);
    if (m.stored) saveKeys(ws.db, m.dataset, m.version, m.idColumn, keys, m.stored.stamp);
    return keys;
  });
}

function computeKeys(m: Mirror): CustomerKeys {
  const ids = m.ids;
  // A set of hashes answers "any repeat?" in 16 MB at 1M rows; only then are the IDs numbered exactly.
  const hashes = new IdHashSet(m.rows);
  let empty = false;
  for (let i = 0; i < m.rows && !hashes.repeated && !empty; i++) {
    if (ids[i] === '') empty = true;
    else hashes.add(ids[i]);
  }
  if (!hashes.repeated && !empty) return { unique: true, distinct: m.rows, codes: null };
  const seen = new Map<string, number>();
  const codes = new Int32Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    const id = ids[i];
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
