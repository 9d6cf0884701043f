import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from '../../../electron/engine/db/open';
import { getMirror } from '../../../electron/engine/mirror';
import { compileSql } from '../../../electron/engine/segments/sql';
import { countRule } from '../../../electron/engine/segments/evaluate';
import { countsSplit, stopCountThread, whenCountThreadReady } from '../../../electron/engine/segments/count-thread';
import { mirrorEnv, sqlEnv } from '../../../electron/engine/segments/resolve';
import type { RuleNode } from '../../../shared/rules';
import { addDatasetVersion, fixtureWorkspace, rng } from './fixture';
import { addMemberships, AS_OF, COLS, makeRows, peopleRules } from './people';

// Live counts on a large table split their rows with a second thread (dist/count-worker.cjs, built by the
// global setup). Here "large" is lowered to 1,000 rows so a small table splits, and every split count must
// equal SQL's count of the same rule.
const saved = { ...process.env };
beforeAll(() => {
  process.env.SEGMENTDESK_COUNT_SPLIT_ROWS = '1000';
  process.env.SEGMENTDESK_COUNT_THREADS = '2';
});
afterAll(async () => {
  process.env = saved;
  await stopCountThread();
});

describe('live counts on two threads', () => {
  it('equal SQL on random rules, both threads taking chunks of rows', async () => {
    const ws = fixtureWorkspace();
    const r = rng(99);
    addDatasetVersion(ws, 'people', COLS, makeRows(r, 40_001));
    addMemberships(ws, r, 40_100);
    const m = getMirror(ws, 'people');
    const senv = sqlEnv(ws, 'people', AS_OF);
    const menv = mirrorEnv(ws, m, AS_OF);
    const gen = peopleRules(new Map());
    expect(await whenCountThreadReady()).toBe(true);
    const before = countsSplit();
    for (let k = 0; k < 150; k++) {
      const rule = gen.rule(r, k % 2 ? 3 : 4);
      const { where, params } = compileSql(rule, senv);
      const sql = ws.db.prepare(`SELECT count(*) FROM ${quoteIdent(m.table)} WHERE ${where}`).pluck().get(...params) as number;
      expect(countRule(rule, m, menv), `rule ${k}: ${JSON.stringify(rule)}`).toBe(sql);
      // Blocks of 16 rows, so chunks of 512: about 80 per count to share out.
      expect(countRule(rule, m, menv, 16), `rule ${k} in blocks of 16`).toBe(sql);
    }
    // Every count was shared, and the second thread counted some of the chunks (not this thread alone).
    expect(countsSplit().counts - before.counts).toBe(300);
    expect(countsSplit().chunks - before.chunks).toBeGreaterThan(100);
    ws.close();
  });

  it('counts on this thread alone when the second one is gone, then starts it again', async () => {
    const ws = fixtureWorkspace();
    addDatasetVersion(ws, 'people', COLS, makeRows(rng(5), 1_500));
    const m = getMirror(ws, 'people');
    const menv = mirrorEnv(ws, m, AS_OF);
    const rule: RuleNode = { all: [{ field: 'spend', op: 'gt', value: 300 }, { field: 'consent', op: 'is_true' }] };
    const { where, params } = compileSql(rule, sqlEnv(ws, 'people', AS_OF));
    const sql = ws.db.prepare(`SELECT count(*) FROM ${quoteIdent(m.table)} WHERE ${where}`).pluck().get(...params) as number;
    expect(sql).toBeGreaterThan(0);
    await stopCountThread();
    const before = countsSplit().counts;
    expect(countRule(rule, m, menv)).toBe(sql);
    expect(countsSplit().counts).toBe(before);
    expect(await whenCountThreadReady()).toBe(true);
    expect(countRule(rule, m, menv)).toBe(sql);
    expect(countsSplit().counts).toBe(before + 1);
    ws.close();
  });
});
