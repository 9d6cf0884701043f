import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { cli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const DEMO = path.resolve(__dirname, '../../assets/demo/customers.csv');

describe('segmentdesk sql', () => {
  it('prints the documented JSON; the SQL counts what `count` counts in the workspace and in DuckDB on the original file', async () => {
    const dir = tmpDir();
    expect(cli(['import', DEMO, '--workspace', 'w.sdw', '--name', 'customers', '--json'], dir).code).toBe(0);
    const rule = { all: [{ field: 'country', op: 'in', value: ['Germany', 'France'] }, { field: 'signup_date', op: 'within_last', value: { amount: 2, unit: 'years' } }, { field: 'lifestyle', op: 'contains', value: 'REG' }, { field: 'marketing_consent', op: 'is_true' }] };
    fs.writeFileSync(path.join(dir, 'r.json'), JSON.stringify(rule));
    const count = JSON.parse(cli(['count', '--workspace', 'w.sdw', '--dataset', 'customers', '--rule', 'r.json', '--json'], dir).stdout) as { count: number };
    expect(count.count).toBeGreaterThan(0);

    const lite = cli(['sql', '--workspace', 'w.sdw', '--dataset', 'customers', '--rule', 'r.json', '--json'], dir);
    expect(lite.code, lite.stderr).toBe(0);
    const q = JSON.parse(lite.stdout) as { sql: string; countSql: string; params: (string | number)[]; dialect: string; asOf: string };
    expect(Object.keys(q)).toEqual(expect.arrayContaining(['sql', 'params', 'dialect', 'countSql', 'asOf']));
    expect(q.dialect).toBe('sqlite');
    const db = new Database(path.join(dir, 'w.sdw'), { readonly: true });
    expect(db.prepare(q.countSql).pluck().get(...q.params)).toBe(count.count);
    db.close();

    // The client's copy of the file in DuckDB, typed by DuckDB itself (dates as DATE).
    const duck = JSON.parse(cli(['sql', '--workspace', 'w.sdw', '--dataset', 'customers', '--rule', 'r.json', '--dialect', 'duckdb', '--json'], dir).stdout) as typeof q;
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    await con.run(`CREATE TABLE customers AS SELECT * FROM read_csv('${DEMO}', header = true)`);
    expect(Number((await con.runAndReadAll(duck.countSql, duck.params)).getRows()[0][0])).toBe(count.count);

    const usage = cli(['sql', '--workspace', 'w.sdw', '--dialect', 'mysql', '--segment', 'x'], dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/sqlite, duckdb, postgres/);
    const twoBare = cli(['sql', '--workspace', 'w.sdw', '--dataset', 'customers', '--rule', 'r.json', '--dialect', 'duckdb', '--orders-table', 'orders=a', '--orders-table', 'b'], dir);
    expect(twoBare.code).toBe(2);
    expect(twoBare.stderr).toMatch(/a bare TABLE only when it is the only one/);
    const noHistory = cli(['sql', '--workspace', 'w.sdw', '--dataset', 'customers', '--rule', 'r.json', '--dialect', 'duckdb', '--orders-table', 'orders=sales.lines'], dir);
    expect(noHistory.code).not.toBe(0);
    expect(noHistory.stderr).toMatch(/orders tables were given for "orders", but the segment has no order-history condition/);
    const help = cli(['sql', '--help'], dir).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--dialect sqlite|duckdb|postgres');
    expect(help).toContain('--orders-table DATASET=TABLE');
    expect(help).toContain('cancellations and returns are recognised as in the workspace');
    expect(help).toContain('How the numbers are computed');
  });
});
