import { describe, expect, it } from 'vitest';
import { quoteIdent } from '../../../electron/engine/db/open';
import { getMirror } from '../../../electron/engine/mirror';
import { compileSql } from '../../../electron/engine/segments/sql';
import { evaluateRule, maskIndices } from '../../../electron/engine/segments/evaluate';
import { mirrorEnv, sqlEnv } from '../../../electron/engine/segments/resolve';
import { describeRule, validateRule, type RuleNode } from '../../../shared/rules';
import { addDatasetVersion, fixtureWorkspace, type FixtureColumn } from './fixture';

const COLS: FixtureColumn[] = [
  { name: 'id', type: 'text' },
  { name: 'email', type: 'text' },
  { name: 'spend', type: 'number' },
];
const ROWS = [
  ['C1', 'ann@Example.com', 1],
  ['C2', 'bob@example.org', 2],
  ['C3', null, 3],
  ['C4', '', 4],
  ['C5', 'EXAMPLE.COM', 5],
  ['C6', 'x@sub.example.com', 6],
  ['C7', 'com', 7],
  ['C8', 'zoë@exämple.com', 8],
];

describe('ends_with', () => {
  it('selects the same customers in SQL and on the mirror: case-insensitive for ASCII, missing values never match', () => {
    const ws = fixtureWorkspace();
    addDatasetVersion(ws, 'people', COLS, ROWS);
    const m = getMirror(ws, 'people');
    const members = (rule: RuleNode) => {
      const { where, params } = compileSql(rule, sqlEnv(ws, 'people', '2024-06-30'));
      const sql = ws.db.prepare(`SELECT CAST(id AS TEXT) FROM ${quoteIdent(m.table)} WHERE ${where} ORDER BY rowid`).pluck().all(...params);
      const mirror = Array.from(maskIndices(evaluateRule(rule, m, mirrorEnv(ws, m, '2024-06-30'))), (i) => m.ids[i]);
      expect(mirror).toEqual(sql);
      return sql;
    };
    const rule: RuleNode = { field: 'email', op: 'ends_with', value: 'example.COM' };
    expect(validateRule(rule, COLS).ok).toBe(true);
    expect(members(rule)).toEqual(['C1', 'C5', 'C6']);
    // Non-ASCII letters are compared as written (SQLite's lower() folds ASCII only).
    expect(members({ field: 'email', op: 'ends_with', value: 'ÄMPLE.com' })).toEqual([]);
    expect(members({ field: 'email', op: 'ends_with', value: 'ämple.com' })).toEqual(['C8']);
    // A suffix longer than the value does not match; NOT takes in the missing and empty values.
    expect(members({ field: 'email', op: 'ends_with', value: 'a.com' })).toEqual([]);
    expect(members({ not: rule })).toEqual(['C2', 'C3', 'C4', 'C7', 'C8']);
    ws.close();
  });

  it('is validated and described from its declaration', () => {
    expect(describeRule({ field: 'email_address', op: 'ends_with', value: '@example.com' })).toBe('email address ends with "@example.com"');
    const empty = validateRule({ field: 'email', op: 'ends_with', value: '' }, COLS);
    expect(empty.ok ? [] : empty.issues.map((i) => i.message)).toEqual(['operator "ends_with" on "email" needs a non-empty text']);
    const onNumber = validateRule({ field: 'spend', op: 'ends_with', value: '0' }, COLS);
    expect(onNumber.ok ? [] : onNumber.issues.map((i) => i.message)).toEqual([
      'operator "ends_with" does not apply to number field "spend" (use one of eq, neq, lt, lte, gt, gte, between, is_empty, is_not_empty)',
    ]);
  });
});
