import fs from 'node:fs';
import Papa from 'papaparse';
import type { Db } from '../../../electron/engine/db/open';
import { quoteIdent } from '../../../electron/engine/db/open';

/** Columns of synthetic_customers.csv with the flags the import assigns them. */
const FLAGS: Record<string, { type: string; role: string; pii?: boolean; sensitive?: string }> = {
  customer_id: { type: 'text', role: 'id' },
  first_name: { type: 'text', role: 'contact', pii: true },
  last_name: { type: 'text', role: 'contact', pii: true },
  email: { type: 'text', role: 'contact', pii: true },
  phone: { type: 'text', role: 'contact', pii: true },
  gender: { type: 'category', role: 'demographic', sensitive: 'gender' },
  birth_date: { type: 'date', role: 'demographic', sensitive: 'age' },
  ethnicity: { type: 'category', role: 'demographic', sensitive: 'ethnicity' },
  country: { type: 'category', role: 'geographic' },
  city: { type: 'category', role: 'geographic' },
  postal_code: { type: 'text', role: 'geographic' },
  signup_date: { type: 'date', role: 'behavioural' },
  annual_income: { type: 'number', role: 'demographic' },
  marketing_consent: { type: 'category', role: 'consent' },
  preferred_channel: { type: 'category', role: 'behavioural' },
  lifestyle: { type: 'category', role: 'psychographic' },
  orders_count: { type: 'integer', role: 'behavioural' },
  total_spend: { type: 'number', role: 'behavioural' },
  avg_basket: { type: 'number', role: 'behavioural' },
  last_order_date: { type: 'date', role: 'behavioural' },
};

/**
 * Loads the first `limit` rows of synthetic_customers.csv into the catalogue layout of
 * migration 0001 (version table + dataset view), plus `extra` rows, for tests that need a
 * customers dataset before going through the import pipeline.
 */
export function loadCustomers(db: Db, csvPath: string, opts: { limit: number; extra?: Record<string, string>[]; name?: string }): { rows: Record<string, string>[] } {
  const name = opts.name ?? 'customers';
  const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(csvPath, 'utf8'), { header: true, skipEmptyLines: true });
  const rows = [...parsed.data.slice(0, opts.limit), ...(opts.extra ?? [])];
  const cols = Object.keys(FLAGS);
  const table = `ds_${name}_v1`;
  const conv = (c: string, v: string | undefined): string | number | null => {
    if (v === undefined || v === '') return null;
    const t = FLAGS[c].type;
    return t === 'integer' || t === 'number' ? Number(v) : v;
  };
  db.transaction(() => {
    db.exec(`CREATE TABLE ${quoteIdent(table)} (${cols.map((c) => `${quoteIdent(c)} ${['integer', 'number'].includes(FLAGS[c].type) ? 'REAL' : 'TEXT'}`).join(', ')})`);
    const ins = db.prepare(`INSERT INTO ${quoteIdent(table)} VALUES (${cols.map(() => '?').join(', ')})`);
    for (const r of rows) ins.run(...cols.map((c) => conv(c, r[c])));
    db.exec(`CREATE VIEW ${quoteIdent(name)} AS SELECT ${cols.map(quoteIdent).join(', ')} FROM ${quoteIdent(table)}`);
    db.prepare("INSERT INTO datasets VALUES (?, 'customers', 'customer_id', NULL, 1, '2026-01-01T00:00:00')").run(name);
    db.prepare("INSERT INTO dataset_versions VALUES (?, 1, ?, ?, 0, ?, 'utf-8', ',', '{}', '2026-01-01T00:00:00')").run(name, table, rows.length, csvPath);
    const colIns = db.prepare('INSERT INTO dataset_columns VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    cols.forEach((c, i) => colIns.run(name, i, c, FLAGS[c].type, FLAGS[c].role, FLAGS[c].pii ? 1 : 0, FLAGS[c].sensitive ? 1 : 0, FLAGS[c].sensitive ?? null));
    const stat = db.prepare('INSERT INTO column_stats VALUES (?, 1, ?, ?)');
    for (const c of cols) stat.run(name, c, rows.filter((r) => !r[c]).length);
  })();
  return { rows };
}
