import type { Db } from './open';

/** SQLite's limit on bound parameters per statement (better-sqlite3's build). */
const MAX_PARAMS = 32766;
/** Rows per statement: one call per 100 rows rather than per row (measured in the import benchmark, import/staging.ts). */
const ROWS_PER_INSERT = 100;

/**
 * INSERT `rows` rows of `columns` into `table` (quoted by the caller), `fill(row, out, at)` writing row's
 * values at out[at..at+columns.length). Multi-row statements: a million single-row inserts of a
 * clustering run's members took 1.6 s of JavaScript-to-SQLite calls. `same` holds columns whose value is the
 * same on every row (a run's ID, the dataset's name): bound once per statement as a named parameter, not once
 * per row (a string is converted on every binding).
 */
export function insertRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: number,
  fill: (row: number, out: unknown[], at: number) => void,
  same: Record<string, string | number> = {},
): void {
  const width = columns.length;
  const fixed = Object.keys(same);
  const named = Object.fromEntries(fixed.map((c, k) => [`same${k}`, same[c]]));
  const per = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(MAX_PARAMS / Math.max(1, width))));
  const one = `(${[...fixed.map((_, k) => `@same${k}`), ...columns.map(() => '?')].join(',')})`;
  const head = `INSERT INTO ${table} (${[...fixed, ...columns].join(', ')}) VALUES `;
  const full = db.prepare(head + new Array(per).fill(one).join(','));
  const buf = new Array<unknown>(per * width);
  let row = 0;
  for (; row + per <= rows; row += per) {
    for (let r = 0; r < per; r++) fill(row + r, buf, r * width);
    if (fixed.length) full.run(buf, named);
    else full.run(buf);
  }
  const left = rows - row;
  if (left > 0) {
    const tail = db.prepare(head + new Array(left).fill(one).join(','));
    const last = new Array<unknown>(left * width);
    for (let r = 0; r < left; r++) fill(row + r, last, r * width);
    if (fixed.length) tail.run(last, named);
    else tail.run(last);
  }
}
