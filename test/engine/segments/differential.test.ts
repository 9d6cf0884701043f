import { describe, expect, it } from 'vitest';
import { quoteIdent } from '../../../electron/engine/db/open';
import { getMirror } from '../../../electron/engine/mirror';
import { compileSql } from '../../../electron/engine/segments/sql';
import { countRule, evaluateRule, maskIndices } from '../../../electron/engine/segments/evaluate';
import { mirrorEnv, sqlEnv } from '../../../electron/engine/segments/resolve';
import { validateRule, type RuleNode } from '../../../shared/rules';
import { PAIRS } from './random-rules';
import { addDatasetVersion, fixtureWorkspace, rng } from './fixture';
import { addMemberships, AS_OF, COLS, makeRows, peopleRules } from './people';

const generated = new Map<string, number>();
const randomRule = peopleRules(generated).rule;

describe('SQL compiler and mirror evaluator agree', () => {
  it('on thousands of random rules over random data with missing values', () => {
    const ws = fixtureWorkspace();
    const r = rng(20240630);
    addDatasetVersion(ws, 'people', COLS, makeRows(r, 600));
    addMemberships(ws, r, 650);
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
      // Rows are evaluated in blocks (4,096 rows, more than this table has): small blocks cross many
      // boundaries, the last one partial.
      expect(countRule(rule, m, menv, 37), `count of rule ${k} in blocks of 37`).toBe(sqlIds.length);
      expect(Array.from(maskIndices(evaluateRule(rule, m, menv, 64)), (i) => m.ids[i]), `rule ${k} in blocks of 64`).toEqual(sqlIds);
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
