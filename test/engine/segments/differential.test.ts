import { describe, expect, it } from 'vitest';
import { quoteIdent } from '../../../electron/engine/db/open';
import { getMirror } from '../../../electron/engine/mirror';
import { compileSql } from '../../../electron/engine/segments/sql';
import { countRule, evaluateRule, maskIndices } from '../../../electron/engine/segments/evaluate';
import { mirrorEnv, sqlEnv } from '../../../electron/engine/segments/resolve';
import { validateRule, type RuleNode } from '../../../shared/rules';
import { PAIRS, pick, ruleGenerator } from './random-rules';
import { addDatasetVersion, fixtureWorkspace, rng, type FixtureColumn } from './fixture';

const COLS: FixtureColumn[] = [
  { name: 'id', type: 'text' },
  { name: 'spend', type: 'number' },
  { name: 'visits', type: 'integer' },
  { name: 'lifestyle', type: 'category' },
  { name: 'note', type: 'text' },
  { name: 'signup', type: 'date' },
  { name: 'last_seen', type: 'datetime' },
  { name: 'consent', type: 'boolean' },
];
const CATS = ['eco-conscious', 'Eco', 'premium', 'bargain hunter', '', 'Ünïcode ÉCO', "x' OR 1=1 --", 'PREMIUM'];
const NOTES = ['likes eco stuff', 'VIP', 'vip customer', 'name"; DROP TABLE', '', 'Ńote ☃', 'premium eco'];
const AS_OF = '2024-06-30';

function pad(n: number) {
  return String(n).padStart(2, '0');
}

function makeRows(r: () => number, n: number): unknown[][] {
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

const PATTERNS = ['eco', 'ECO', 'vip', 'pre', 'É', "' OR", '"', 'ium', 'TABLE', '☃', '--', 'er', 'o'];

const generated = new Map<string, number>();
const gen = ruleGenerator({
  cols: COLS,
  poolOf: (col) => (col.name === 'lifestyle' ? CATS : NOTES),
  patterns: PATTERNS,
  seen: generated,
  refs: (r, roll) => {
    if (roll < 0.04) return { cluster: { run: '7', cluster: Math.floor(r() * 4) } };
    if (roll < 0.06) return { cluster: { run: '7', cluster: pick(r, ['Loyal', 'Bargain', 'Dormant']) } };
    if (roll < 0.08) return { rfm: pick(r, ['Champions', 'Lost', 'At Risk']) };
    return null;
  },
});
const randomRule = gen.rule;

describe('SQL compiler and mirror evaluator agree', () => {
  it('on thousands of random rules over random data with missing values', () => {
    const ws = fixtureWorkspace();
    const r = rng(20240630);
    addDatasetVersion(ws, 'people', COLS, makeRows(r, 600));
    // Memberships the way the clusters and RFM capabilities publish them (some ids unknown to the dataset).
    ws.db.exec('CREATE TABLE cluster_7 (id TEXT, cluster INTEGER, cluster_name TEXT)');
    ws.db.exec('CREATE TABLE rfm_people (id TEXT, recency_days INTEGER, frequency INTEGER, monetary REAL, r INTEGER, f INTEGER, m INTEGER, rfm_segment TEXT)');
    for (let i = 0; i < 650; i++) {
      const k = Math.floor(r() * 4);
      if (r() < 0.9) ws.db.prepare('INSERT INTO cluster_7 VALUES (?, ?, ?)').run(`C${i}`, k, ['Loyal', 'Bargain', 'Dormant', 'New'][k]);
      if (r() < 0.8) ws.db.prepare('INSERT INTO rfm_people VALUES (?, 1, 1, 1, 1, 1, 1, ?)').run(`C${i}`, ['Champions', 'Lost', 'At Risk', null][Math.floor(r() * 4)]);
    }
    const m = getMirror(ws, 'people');
    const senv = sqlEnv(ws, 'people', AS_OF);
    const menv = mirrorEnv(ws, m, AS_OF);
    const fields = COLS.map((c) => ({ name: c.name, type: c.type }));
    let nonTrivial = 0;
    for (let k = 0; k < 3000; k++) {
      const rule = randomRule(r, k % 2 ? 3 : 4);
      const check = validateRule(rule, fields, () => null);
      expect(check.ok, JSON.stringify(rule)).toBe(true);
      const { where, params } = compileSql(rule, senv);
      const sqlIds = ws.db.prepare(`SELECT CAST(id AS TEXT) FROM ${quoteIdent(m.table)} WHERE ${where} ORDER BY rowid`).pluck().all(...params) as string[];
      const mirrorIds = Array.from(maskIndices(evaluateRule(rule, m, menv)), (i) => m.ids[i]);
      if (sqlIds.length > 0 && sqlIds.length < m.rows) nonTrivial++;
      expect(mirrorIds, `rule ${k}: ${JSON.stringify(rule)}`).toEqual(sqlIds);
      // The live-count path (no mask) must agree too.
      expect(countRule(rule, m, menv), `count of rule ${k}`).toBe(sqlIds.length);
    }
    // The generator must produce mostly selective rules, or agreement proves little.
    expect(nonTrivial).toBeGreaterThan(1500);
    // Every operator on every field kind it is declared for was compared, many times.
    for (const { op, kind } of PAIRS) expect(generated.get(`${op}/${kind}`) ?? 0, `${op} on ${kind}`).toBeGreaterThan(50);
    ws.close();
  });

  it('treats injection attempts in values literally', () => {
    const ws = fixtureWorkspace();
    addDatasetVersion(ws, 'people', COLS, makeRows(rng(7), 200));
    const m = getMirror(ws, 'people');
    const senv = sqlEnv(ws, 'people', AS_OF);
    for (const value of ["x' OR 1=1 --", 'name"; DROP TABLE']) {
      const rule: RuleNode = { any: [{ field: 'lifestyle', op: 'eq', value }, { field: 'note', op: 'eq', value }] };
      const { where, params } = compileSql(rule, senv);
      expect(where).not.toContain(value);
      const n = ws.db.prepare(`SELECT count(*) FROM ${quoteIdent(m.table)} WHERE ${where}`).pluck().get(...params) as number;
      const literal = ws.db.prepare(`SELECT count(*) FROM ${quoteIdent(m.table)} WHERE lifestyle = ? OR note = ?`).pluck().get(value, value) as number;
      expect(n).toBe(literal);
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(m.rows);
    }
    const bad = validateRule({ field: 'name"; DROP TABLE', op: 'eq', value: 'x' }, COLS);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0].message).toContain('unknown field "name"; DROP TABLE"');
    ws.close();
  });
});
