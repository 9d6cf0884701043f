import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { SqlParam } from '../../../shared/rules';
import type { FixtureColumn } from './fixture';

/** Test helpers for `segmentdesk sql --dialect`: the same rows as typed warehouse tables on DuckDB and PostgreSQL. */

export const WAREHOUSE_TYPE: Record<string, string> = { text: 'TEXT', category: 'TEXT', number: 'DOUBLE PRECISION', integer: 'BIGINT', date: 'DATE', datetime: 'TIMESTAMP', boolean: 'BOOLEAN' };

/** The rows as CSV for the warehouses: NULL unquoted and empty, an empty string quoted, yes/no as true/false. */
export function csvOf(cols: FixtureColumn[], rows: unknown[][]): string {
  const cell = (v: unknown, c: FixtureColumn) => {
    if (v === null || v === undefined) return '';
    if (c.type === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return String(v);
    return `"${String(v).replace(/"/g, '""')}"`;
  };
  return `${cols.map((c) => c.name).join(',')}\n${rows.map((row) => row.map((v, i) => cell(v, cols[i])).join(',')).join('\n')}\n`;
}

/** A DuckDB CREATE TABLE … AS read_csv with the columns typed as a warehouse would type them. */
export function duckTableFromCsv(table: string, file: string, cols: FixtureColumn[]): string {
  const types = cols.map((c) => `'${c.name}': '${WAREHOUSE_TYPE[c.type]}'`).join(', ');
  return `CREATE TABLE ${table} AS SELECT * FROM read_csv('${file}', header = true, allow_quoted_nulls = false, columns = {${types}})`;
}

/** psql commands creating `table` with typed columns and loading `file` (a path the server's user can read). */
export function pgTableFromCsv(table: string, file: string, cols: FixtureColumn[]): string {
  return `CREATE TABLE ${table} (${cols.map((c) => `"${c.name}" ${WAREHOUSE_TYPE[c.type]}`).join(', ')});\n\\copy ${table} FROM '${file}' WITH (FORMAT csv, HEADER true)\n`;
}

export const literal = (v: SqlParam) => (typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);

/** No PostgreSQL server here: CI installs Debian's postgresql package (.ci/run); elsewhere tests say why they did not run. */
export const pgMissing = (): boolean => !PG_BIN || spawnSync('which', ['psql']).status !== 0;

export const PG_BIN = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'].find((d) => fs.existsSync(path.join(d, 'initdb')));

/** A throwaway PostgreSQL server on a loopback port, owned by the postgres system user (initdb refuses root). */
export class TestPostgres {
  readonly dir: string;
  readonly port = 54000 + Math.floor(Math.random() * 1000);
  constructor(private readonly bin: string) {
    this.dir = fs.mkdtempSync('/tmp/sd-pg-');
  }
  private asPostgres(cmd: string, args: string[], input?: string) {
    const root = process.getuid?.() === 0;
    const r = root ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', input }) : spawnSync(cmd, args, { encoding: 'utf8', input });
    if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  }
  start(): void {
    if (process.getuid?.() === 0) spawnSync('chown', ['postgres:postgres', this.dir]);
    fs.chmodSync(this.dir, 0o777);
    this.asPostgres(path.join(this.bin, 'initdb'), ['-D', path.join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C']);
    this.asPostgres(path.join(this.bin, 'pg_ctl'), ['-D', path.join(this.dir, 'data'), '-w', '-l', path.join(this.dir, 'log'), '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`, 'start']);
  }
  psql(script: string): string {
    return this.asPostgres('psql', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-d', 'postgres', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1'], script);
  }
  stop(): void {
    try {
      this.asPostgres(path.join(this.bin, 'pg_ctl'), ['-D', path.join(this.dir, 'data'), '-m', 'immediate', 'stop']);
    } finally {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** A throwaway server for `fn` (the postgresql package's binaries), stopped and removed after it. */
export function withTestPostgres<T>(fn: (pg: TestPostgres) => T): T {
  if (!PG_BIN) throw new Error('PostgreSQL is not installed (Debian package postgresql)');
  const pg = new TestPostgres(PG_BIN);
  pg.start();
  try {
    return fn(pg);
  } finally {
    pg.stop();
  }
}

/**
 * The count each query gives on `pg`, in one psql run. PREPARE/EXECUTE keeps the printed SQL's $n
 * placeholders as they are; values go in as literals.
 */
export function pgCounts(pg: TestPostgres, queries: readonly { countSql: string; params: SqlParam[] }[]): number[] {
  const script = queries.map((q, k) => `PREPARE q${k} AS ${q.countSql};\nEXECUTE q${k}${q.params.length ? `(${q.params.map(literal).join(', ')})` : ''};`).join('\n');
  return pg.psql(script).trim().split('\n').map(Number);
}
