/**
 * The random "people" table and rule generator the mirror-vs-SQL specs share: every field kind, missing
 * values, awkward text, and cluster/RFM memberships (some IDs unknown to the dataset).
 */
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import { pick, ruleGenerator } from './random-rules';
import type { FixtureColumn } from './fixture';

export const COLS: FixtureColumn[] = [
  { name: 'id', type: 'text' },
  { name: 'spend', type: 'number' },
  { name: 'visits', type: 'integer' },
  { name: 'lifestyle', type: 'category' },
  { name: 'note', type: 'text' },
  { name: 'signup', type: 'date' },
  { name: 'last_seen', type: 'datetime' },
  { name: 'consent', type: 'boolean' },
];
export const CATS = ['eco-conscious', 'Eco', 'premium', 'bargain hunter', '', 'Ünïcode ÉCO', "x' OR 1=1 --", 'PREMIUM'];
export const NOTES = ['likes eco stuff', 'VIP', 'vip customer', 'name"; DROP TABLE', '', 'Ńote ☃', 'premium eco'];
export const AS_OF = '2024-06-30';

function pad(n: number) {
  return String(n).padStart(2, '0');
}

export function makeRows(r: () => number, n: number): unknown[][] {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const maybe = <T>(v: T) => (r() < 0.1 ? null : v);
  const date = () => `${2021 + Math.floor(r() * 4)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
  return Array.from({ length: n }, (_, i) => [
    `C${i}`,
    maybe(Math.round(r() * 100000) / 100),
    maybe(Math.floor(r() * 20)),
    maybe(pick(CATS)),
    maybe(pick(NOTES)),
    maybe(date()),
    maybe(`${date()}T${pad(Math.floor(r() * 24))}:${pad(Math.floor(r() * 60))}:00`),
    maybe(r() < 0.5 ? 1 : 0),
  ]);
}

export const PATTERNS = ['eco', 'ECO', 'vip', 'pre', 'É', "' OR", '"', 'ium', 'TABLE', '☃', '--', 'er', 'o'];

/** A rule generator over the people table; `seen` tallies the operator/kind pairs it produced. */
export function peopleRules(seen: Map<string, number>) {
  return ruleGenerator({
    cols: COLS,
    poolOf: (col) => (col.name === 'lifestyle' ? CATS : NOTES),
    patterns: PATTERNS,
    seen,
    refs: (r, roll) => {
      if (roll < 0.04) return { cluster: { run: '7', cluster: Math.floor(r() * 4) } };
      if (roll < 0.06) return { cluster: { run: '7', cluster: pick(r, ['Loyal', 'Bargain', 'Dormant']) } };
      if (roll < 0.08) return { rfm: pick(r, ['Champions', 'Lost', 'At Risk']) };
      return null;
    },
  });
}

/** Cluster run 7 and an RFM table, as those capabilities publish memberships, for IDs C0..C(n-1). */
export function addMemberships(ws: Workspace, r: () => number, n: number): void {
  ws.db.exec('CREATE TABLE cluster_7 (id TEXT, cluster INTEGER, cluster_name TEXT)');
  ws.db.exec('CREATE TABLE rfm_people (id TEXT, recency_days INTEGER, frequency INTEGER, monetary REAL, r INTEGER, f INTEGER, m INTEGER, rfm_segment TEXT)');
  for (let i = 0; i < n; i++) {
    const k = Math.floor(r() * 4);
    if (r() < 0.9) ws.db.prepare('INSERT INTO cluster_7 VALUES (?, ?, ?)').run(`C${i}`, k, ['Loyal', 'Bargain', 'Dormant', 'New'][k]);
    if (r() < 0.8) ws.db.prepare('INSERT INTO rfm_people VALUES (?, 1, 1, 1, 1, 1, 1, ?)').run(`C${i}`, ['Champions', 'Lost', 'At Risk', null][Math.floor(r() * 4)]);
  }
}
