import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { liveCount } from '../../../electron/engine/segments/live';
import { segmentSql } from '../../../electron/engine/segments/warehouse-sql';
import { saveSegment } from '../../../electron/engine/segments/store';
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import type { RuleNode } from '../../../shared/rules';
import { pad, pick, randomDate, ruleGenerator } from './random-rules';
import { addDatasetVersion, fixtureWorkspace, rng } from './fixture';
import { COLS } from './people';
import { tmpDir } from '../../helpers/tmp';
import { csvOf, duckTableFromCsv, pgCounts, pgMissing, pgTableFromCsv, withTestPostgres } from './warehouse';

/**
 * The SQL that `segmentdesk sql --dialect` prints, run on real DuckDB and a real PostgreSQL server
 * holding the same customers as typed warehouse columns (DATE, TIMESTAMP, BOOLEAN, DOUBLE, BIGINT),
 * must count what SegmentDesk counts, on hundreds of random rules.
 */
// The people table's columns (every field kind), with text values of their own below.
// Plain-ASCII letters: SQLite's lower() folds A–Z only, the warehouses' fold every letter (stated in --help).
const CATS = ['eco-conscious', 'Eco', 'premium', 'bargain hunter', '', "x' OR 1=1 --", 'PREMIUM'];
const NOTES = ['likes eco stuff', 'VIP', 'vip customer', 'name"; DROP TABLE', '', 'premium eco', '100% sure'];
const PATTERNS = ['eco', 'ECO', 'vip', 'pre', "' OR", '"', 'ium', 'TABLE', '--', 'er', 'o', '%', '_'];
const ROWS = 500;
const RULES = 400;

function makeRows(r: () => number, n: number): (string | number | null)[][] {
  const maybe = <T,>(v: T) => (r() < 0.1 ? null : v);
  return Array.from({ length: n }, (_, i) => [
    `C${i}`,
    maybe(Math.round(r() * 100000) / 100),
    maybe(Math.floor(r() * 20)),
    maybe(pick(r, CATS)),
    maybe(pick(r, NOTES)),
    maybe(randomDate(r)),
    maybe(`${randomDate(r)}T${pad(Math.floor(r() * 24))}:${pad(Math.floor(r() * 60))}:00`),
    maybe(r() < 0.5 ? 1 : 0),
  ]);
}

const gen = ruleGenerator({ cols: COLS, poolOf: (col) => (col.name === 'lifestyle' ? CATS : NOTES), patterns: PATTERNS, groupSize: (r) => 1 + Math.floor(r() * 3) });
const randomRule = gen.rule;


describe('segmentdesk sql: the same customers on DuckDB and PostgreSQL', () => {
  let ws: Workspace;
  let csv: string;
  let csvText: string;
  const rules: RuleNode[] = [];
  const ours: number[] = [];

  beforeAll(() => {
    ws = fixtureWorkspace();
    const r = rng(20261206);
    const rows = makeRows(r, ROWS);
    addDatasetVersion(ws, 'people', COLS, rows);
    csv = path.join(tmpDir(), 'people.csv');
    csvText = csvOf(COLS, rows);
    fs.writeFileSync(csv, csvText);
    for (let k = 0; k < RULES; k++) {
      const rule = randomRule(r, 3);
      rules.push(rule);
      ours.push(liveCount(ws, 'people', rule).count);
    }
    // Agreement proves little on rules that select no one or everyone.
    expect(ours.filter((n) => n > 0 && n < ROWS).length).toBeGreaterThan(RULES / 3);
  });
  afterAll(() => ws?.close());

  it('DuckDB counts what SegmentDesk counts', async () => {
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run(duckTableFromCsv('people', csv, COLS));
    const empty = await duck.runAndReadAll(`SELECT count(*) FROM people WHERE lifestyle = ''`);
    expect(Number(empty.getRows()[0][0]), 'empty strings stay empty strings, not NULL').toBeGreaterThan(0);
    for (const [k, rule] of rules.entries()) {
      const q = segmentSql(ws, { dataset: 'people', rule, dialect: 'duckdb' });
      const got = Number((await duck.runAndReadAll(q.countSql, q.params)).getRows()[0][0]);
      expect(got, `rule ${k}: ${JSON.stringify(rule)}\n${q.countSql}`).toBe(ours[k]);
    }
  }, 60_000);

  const noPg = pgMissing();
  it.skipIf(noPg && !process.env.CI)(`PostgreSQL counts what SegmentDesk counts${noPg ? ' (skipped: no postgresql package)' : ''}`, () => {
    withTestPostgres((pg) => {
      // psql reads the file as the postgres user: a copy in the server's own directory.
      const local = path.join(pg.dir, 'people.csv');
      fs.writeFileSync(local, csvText);
      fs.chmodSync(local, 0o644);
      pg.psql(pgTableFromCsv('people', local, COLS));
      expect(pg.psql(`SELECT count(*) FROM people WHERE lifestyle = '';`).trim()).not.toBe('0');
      const got = pgCounts(pg, rules.map((rule) => segmentSql(ws, { dataset: 'people', rule, dialect: 'postgres' })));
      expect(got.length).toBe(RULES);
      for (let k = 0; k < RULES; k++) expect(got[k], `rule ${k}: ${JSON.stringify(rules[k])}`).toBe(ours[k]);
    });
  }, 120_000);

  it('a saved segment compiles; SegmentDesk-only results are refused for a warehouse, named plainly', () => {
    const rule: RuleNode = { all: [{ field: 'visits', op: 'gte', value: 5 }, { field: 'signup', op: 'within_last', value: { amount: 1, unit: 'years' } }] };
    saveSegment(ws, { dataset: 'people', name: 'Recent regulars', rule });
    const q = segmentSql(ws, { segment: 'Recent regulars', dialect: 'postgres', table: 'crm.people' });
    expect(q.dataset).toBe('people');
    expect(q.sql.startsWith('SELECT * FROM "crm"."people" WHERE')).toBe(true);
    expect(q.sql).toContain('$1');
    expect(q.params).toContain(5);
    // The as-of date is the data's own latest date, and the window is fixed from it.
    expect(q.asOf).toBe(ws.db.prepare('SELECT max(max(substr(signup, 1, 10)), max(substr(last_seen, 1, 10))) FROM people').pluck().get());
    ws.db.exec('CREATE TABLE rfm_people (id TEXT, recency_days INTEGER, frequency INTEGER, monetary REAL, r INTEGER, f INTEGER, m INTEGER, rfm_segment TEXT)');
    expect(segmentSql(ws, { dataset: 'people', rule: { rfm: 'Champions' }, dialect: 'sqlite' }).sql).toContain('rfm_people');
    expect(() => segmentSql(ws, { dataset: 'people', rule: { rfm: 'Champions' }, dialect: 'duckdb' })).toThrow(/RFM scores, which SegmentDesk computes inside the workspace/);
  });
});
