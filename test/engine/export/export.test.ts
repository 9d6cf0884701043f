import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { engineWithDemoCustomers, engineWithWorkspace, runJob } from '../../helpers/engine';
import { Workspace } from '../../../electron/engine/workspace/workspace';
import { customerDataSets } from '../../helpers/data';
import { loadCustomers } from './fixture';


const NASTY = [
  { customer_id: 'X0000001', first_name: '=HYPERLINK("http://x","y")', last_name: 'Formula', city: '=HYPERLINK("http://x","y")', lifestyle: '@SUM(1)', marketing_consent: 'yes' },
  { customer_id: 'X0000002', first_name: '@SUM(1)', last_name: 'At', city: '@SUM(1)', lifestyle: '+1+1', marketing_consent: 'yes' },
];

async function setup(csv: string, limit = 300) {
  const t = await engineWithWorkspace();
  // The engine has the workspace open; load the fixture through a second connection to the same file.
  const ws = Workspace.open(t.file);
  const { rows } = loadCustomers(ws.db, csv, { limit, extra: NASTY });
  ws.close();
  return { ...t, rows };
}

function isYes(v: string | undefined) {
  return (v ?? '').trim().toLowerCase() === 'yes';
}

describe.each(customerDataSets())('segment exports ($label)', ({ customers: csv }) => {

  it('excludes exactly the non-consenting customers by default and leaves PII out', async () => {
    const { engine, api, dir, rows } = await setup(csv);
    const out = path.join(dir, 'all.csv');
    const { status, result } = await runJob(engine, api, 'export', { dataset: 'customers', out });
    expect(status.state).toBe('done');
    const consenting = rows.filter((r) => isYes(r.marketing_consent));
    expect(result.rows).toBe(consenting.length);
    expect(result.excludedNoConsent).toBe(rows.length - consenting.length);
    expect(result.consentColumns).toEqual(['marketing_consent']);
    expect(result.columns).not.toContain('email');
    expect(result.piiColumns).toEqual([]);
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => r.customer_id)).toEqual(consenting.map((r) => r.customer_id));
    expect(Object.keys(parsed.data[0])).not.toContain('first_name');

    const audit = await api.audit.list({ action: 'export' });
    expect(audit.entries[0]).toMatchObject({ action: 'export', count: consenting.length, dataset: 'customers' });
    expect(audit.entries[0].details).toMatchObject({ excludedNoConsent: rows.length - consenting.length, columns: result.columns });
    engine.close();
  });

  it('with the consent override writes everyone and records the override', async () => {
    const { engine, api, dir, rows } = await setup(csv);
    const out = path.join(dir, 'everyone.csv');
    const { result } = await runJob(engine, api, 'export', { dataset: 'customers', out, includeNoConsent: true, columns: ['customer_id', 'email'] });
    expect(result.rows).toBe(rows.length);
    expect(result.excludedNoConsent).toBe(0);
    expect(result.piiColumns).toEqual(['email']);
    const overrides = await api.audit.list({ action: 'consent_override' });
    expect(overrides.entries[0].count).toBe(rows.filter((r) => !isYes(r.marketing_consent)).length);
    engine.close();
  });

  it('writes names like =HYPERLINK(...) and @SUM(1) as inert text in CSV and XLSX', async () => {
    const { engine, api, dir } = await setup(csv, 20);
    const cols = ['customer_id', 'first_name', 'city', 'lifestyle', 'total_spend'];
    const csvOut = path.join(dir, 'm.csv');
    await runJob(engine, api, 'export', { dataset: 'customers', out: csvOut, columns: cols, delimiter: ';', bom: true });
    const text = fs.readFileSync(csvOut, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const data = Papa.parse<string[]>(text.slice(1).trimEnd(), { delimiter: ';' }).data;
    const x1 = data.find((r) => r[0] === 'X0000001')!;
    expect(x1[1]).toBe('\'=HYPERLINK("http://x","y")');
    expect(x1[3]).toBe("'@SUM(1)");
    for (const r of data) for (const cell of r) expect(cell).not.toMatch(/^[=+@\t\r]/);

    const xlsxOut = path.join(dir, 'm.xlsx');
    const { result } = await runJob(engine, api, 'export', { dataset: 'customers', out: xlsxOut, columns: cols });
    expect(result.format).toBe('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxOut);
    const sheet = wb.worksheets[0];
    let seen = 0;
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula).toBeUndefined();
        if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
      });
      if (row.getCell(1).value === 'X0000002') {
        expect(row.getCell(2).value).toBe("'@SUM(1)");
        seen++;
      }
    });
    expect(seen).toBe(1);
    engine.close();
  });

  it('rejects an unknown column naming it, and never leaves a partial file', async () => {
    const { engine, api, dir } = await setup(csv, 20);
    const out = path.join(dir, 'bad.csv');
    const { status } = await runJob(engine, api, 'export', { dataset: 'customers', out, columns: ['customer_id', 'nope'] });
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('BAD_INPUT');
    expect(status.error?.message).toMatch(/no column "nope"/);
    expect(fs.readdirSync(dir).filter((f) => f.includes('bad'))).toEqual([]);
    engine.close();
  });

  it('previews the first rows as they will be written', async () => {
    const { engine, api, rows } = await setup(csv, 50);
    const p = await api.exports.preview({ dataset: 'customers', limit: 5 });
    expect(p.rows).toHaveLength(5);
    expect(p.columns).not.toContain('email');
    expect(p.total + p.excludedNoConsent).toBe(rows.length);
    const cols = await api.exports.columns({ dataset: 'customers' });
    // The app's picker ticks what a campaign needs (the e-mail, though PII); the preview without columns keeps PII out.
    expect(cols.columns.find((c) => c.name === 'email')).toMatchObject({ pii: true, selected: true });
    expect(cols.consentColumns).toEqual(['marketing_consent']);
    engine.close();
  });

  it('exports a saved segment and a cluster of a run: exactly their consenting members', async () => {
    const { engine, api, dir, file, rows } = await setup(csv, 300);
    await api.segments.save({ dataset: 'customers', name: 'Premium', rule: { all: [{ field: 'lifestyle', op: 'eq', value: 'premium' }] } });
    const seg = await runJob(engine, api, 'export', { dataset: 'customers', source: { kind: 'segment', name: 'Premium' }, out: path.join(dir, 'premium.csv'), columns: ['customer_id'] });
    expect(seg.status.state).toBe('done');
    const premium = rows.filter((r) => r.lifestyle === 'premium');
    expect(seg.result.rows).toBe(premium.filter((r) => isYes(r.marketing_consent)).length);
    expect(seg.result.excludedNoConsent).toBe(premium.length - seg.result.rows);
    const ids = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'premium.csv'), 'utf8').trimEnd()).data.slice(1).map((r) => r[0]);
    expect(ids).toEqual(premium.filter((r) => isYes(r.marketing_consent)).map((r) => r.customer_id));

    // A clustering run as the clustering capability stores it (1-based clusters): every 3rd customer in cluster 2.
    const ws = Workspace.open(file);
    const run = ws.db
      .prepare("INSERT INTO cluster_runs(dataset, version, created_at, k, seed, features_json, settings_json, result_json) VALUES ('customers', 1, '2026-01-01', 2, 7, '[]', '{}', '{}')")
      .run().lastInsertRowid;
    const all = ws.db.prepare('SELECT rowid AS r, customer_id AS id FROM ds_customers_v1 ORDER BY rowid').all() as { r: number; id: string }[];
    const ins = ws.db.prepare('INSERT INTO cluster_members(run_id, row_index, row_id, id, cluster) VALUES (?, ?, ?, ?, ?)');
    all.forEach((m, i) => ins.run(run, i, m.r, m.id, i % 3 === 0 ? 2 : 1));
    ws.close();
    const cl = await runJob(engine, api, 'export', { dataset: 'customers', source: { kind: 'cluster', run: String(run), cluster: 2 }, out: path.join(dir, 'c1.xlsx'), includeNoConsent: true });
    expect(cl.status.state).toBe('done');
    expect(cl.result.rows).toBe(all.filter((_, i) => i % 3 === 0).length);
    const bad = await runJob(engine, api, 'export', { dataset: 'customers', source: { kind: 'cluster', run: String(run), cluster: 5 }, out: path.join(dir, 'c5.csv') });
    expect(bad.status.error?.message).toMatch(/no cluster 5 \(it has 1–2\)/);
    engine.close();
  });
});

/** The export's rows as written (CSV), header first. */
function readCsv(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

// The demo file repeats 13 customers on a second row (2,013 rows, 2,000 customers), as CRM exports do.
describe('customers, not rows: the demo file with repeated IDs', () => {
  // The import reads the yes/no column as a boolean (1/0).
  const YES_SQL = "marketing_consent IN ('yes', 1)";
  const NOT_YES_SQL = `coalesce(NOT (${YES_SQL}), 1)`;
  /** Counts straight from SQL on the imported table, independent of the engine's code. */
  function sqlCounts(file: string) {
    const ws = Workspace.open(file);
    const one = (sql: string) => ws.db.prepare(sql).pluck().get() as number;
    const table = ws.db.prepare("SELECT table_name FROM dataset_versions WHERE dataset = 'customers'").pluck().get() as string;
    const c = {
      rows: one('SELECT count(*) FROM customers'),
      customers: one('SELECT count(DISTINCT customer_id) FROM customers'),
      consentingRows: one(`SELECT count(*) FROM customers WHERE ${YES_SQL}`),
      consenting: one(`SELECT count(DISTINCT customer_id) FROM customers WHERE ${YES_SQL}`),
      notConsenting: one(`SELECT count(DISTINCT customer_id) FROM customers WHERE ${NOT_YES_SQL}`),
      notConsentingRows: one(`SELECT count(*) FROM customers WHERE ${NOT_YES_SQL}`),
      // Each consenting customer's latest row (the last one in the file), as the export should write it.
      latest: ws.db
        .prepare(`SELECT customer_id, signup_date FROM "${table}" WHERE rowid IN (SELECT max(rowid) FROM "${table}" GROUP BY customer_id) AND ${YES_SQL} ORDER BY rowid`)
        .all() as { customer_id: string; signup_date: string }[],
    };
    ws.close();
    return c;
  }

  it('writes one row per customer ID by default, counting left-out customers and skipped rows', async () => {
    const { engine, api, dir, file } = await engineWithDemoCustomers();
    const sql = sqlCounts(file);
    // The demo's repeats are what this test is about; without them it would prove nothing.
    expect(sql.rows).toBeGreaterThan(sql.customers);
    expect(sql.notConsentingRows).toBeGreaterThan(sql.notConsenting);
    const out = path.join(dir, 'one-per-customer.csv');
    const { status, result } = await runJob(engine, api, 'export', { dataset: 'customers', out, columns: ['customer_id', 'signup_date'] });
    expect(status.state).toBe('done');
    expect(result.rows).toBe(sql.consenting);
    expect(result.excludedNoConsent).toBe(sql.notConsenting);
    expect(result.duplicateRowsSkipped).toBe(sql.consentingRows - sql.consenting);
    expect(result.duplicateRowsSkipped).toBeGreaterThan(0);
    const written = readCsv(out);
    expect(written.map((r) => ({ customer_id: r.customer_id, signup_date: r.signup_date }))).toEqual(sql.latest);
    expect(new Set(written.map((r) => r.customer_id)).size).toBe(written.length);

    const preview = await api.exports.preview({ dataset: 'customers', columns: ['customer_id'], limit: 5 });
    expect(preview).toMatchObject({ total: sql.consenting, excludedNoConsent: sql.notConsenting, duplicateRowsSkipped: result.duplicateRowsSkipped });

    const audit = await api.audit.list({ action: 'export' });
    expect(audit.entries[0].count).toBe(sql.consenting);
    expect(audit.entries[0].details).toMatchObject({ allRows: false, duplicateRowsSkipped: result.duplicateRowsSkipped, excludedNoConsent: sql.notConsenting });

    const consent = await api.fairness.consent({ dataset: 'customers' });
    expect(consent).toMatchObject({ total: sql.customers, consenting: sql.consenting, notConsenting: sql.notConsenting });
    engine.close();
  });

  it('writes every row with allRows, and with the consent override counts the override in customers', async () => {
    const { engine, api, dir, file } = await engineWithDemoCustomers();
    const sql = sqlCounts(file);
    const out = path.join(dir, 'every-row.csv');
    const { result } = await runJob(engine, api, 'export', { dataset: 'customers', out, columns: ['customer_id'], allRows: true });
    expect(result).toMatchObject({ rows: sql.consentingRows, excludedNoConsent: sql.notConsenting, duplicateRowsSkipped: 0 });
    expect(readCsv(out)).toHaveLength(sql.consentingRows);
    const preview = await api.exports.preview({ dataset: 'customers', columns: ['customer_id'], allRows: true, limit: 5 });
    expect(preview).toMatchObject({ total: sql.consentingRows, duplicateRowsSkipped: 0 });

    const everyone = await runJob(engine, api, 'export', { dataset: 'customers', out: path.join(dir, 'everyone.csv'), columns: ['customer_id'], includeNoConsent: true });
    expect(everyone.result).toMatchObject({ rows: sql.customers, excludedNoConsent: 0, duplicateRowsSkipped: sql.rows - sql.customers });
    const overrides = await api.audit.list({ action: 'consent_override' });
    expect(overrides.entries[0].count).toBe(sql.notConsenting);
    const everyRow = await runJob(engine, api, 'export', { dataset: 'customers', out: path.join(dir, 'everyone-every-row.csv'), columns: ['customer_id'], includeNoConsent: true, allRows: true });
    expect(everyRow.result).toMatchObject({ rows: sql.rows, duplicateRowsSkipped: 0 });
    engine.close();
  });

  it('exports a segment one row per member, as the segment counts its members', async () => {
    const { engine, api, dir, file } = await engineWithDemoCustomers();
    const rule = { all: [{ field: 'country', op: 'in', value: ['Poland', 'Germany'] }] };
    const seg = await api.segments.save({ dataset: 'customers', name: 'PL+DE', rule });
    const ws = Workspace.open(file);
    const members = ws.db.prepare("SELECT count(DISTINCT customer_id) FROM customers WHERE country IN ('Poland', 'Germany')").pluck().get() as number;
    const consenting = ws.db.prepare(`SELECT count(DISTINCT customer_id) FROM customers WHERE country IN ('Poland', 'Germany') AND ${YES_SQL}`).pluck().get() as number;
    ws.close();
    expect(seg.size).toBe(members);
    const { result } = await runJob(engine, api, 'export', { dataset: 'customers', source: { kind: 'segment', name: 'PL+DE' }, out: path.join(dir, 'seg.csv'), includeNoConsent: true });
    expect(result.rows).toBe(members);
    const { result: consentingOnly } = await runJob(engine, api, 'export', { dataset: 'customers', source: { kind: 'segment', name: 'PL+DE' }, out: path.join(dir, 'seg2.csv') });
    expect(consentingOnly.rows).toBe(consenting);
    expect(consentingOnly.excludedNoConsent).toBe(members - consenting);
    engine.close();
  });
});

describe('a customer whose rows disagree', () => {
  it('writes their latest row, and leaves them out when any of their rows refuses consent', async () => {
    const csv = customerDataSets()[0].customers;
    const t = await engineWithWorkspace();
    const ws = Workspace.open(t.file);
    const first = Papa.parse<Record<string, string>>(fs.readFileSync(csv, 'utf8'), { header: true, preview: 40 }).data.filter((r) => isYes(r.marketing_consent));
    const [moved, refused] = first;
    // `moved` later moved city (same ID, a newer row); `refused` later withdrew consent.
    loadCustomers(ws.db, csv, { limit: 40, extra: [{ ...moved, city: 'Later City' }, { ...refused, marketing_consent: 'no' }] });
    ws.close();
    const out = path.join(t.dir, 'x.csv');
    const { result } = await runJob(t.engine, t.api, 'export', { dataset: 'customers', out, columns: ['customer_id', 'city'] });
    const written = readCsv(out);
    expect(written.filter((r) => r.customer_id === moved.customer_id)).toEqual([{ customer_id: moved.customer_id, city: 'Later City' }]);
    expect(written.some((r) => r.customer_id === refused.customer_id)).toBe(false);
    expect(result.duplicateRowsSkipped).toBe(1);
    const every = await runJob(t.engine, t.api, 'export', { dataset: 'customers', out: path.join(t.dir, 'y.csv'), columns: ['customer_id', 'city'], allRows: true });
    expect(readCsv(path.join(t.dir, 'y.csv')).filter((r) => r.customer_id === moved.customer_id).map((r) => r.city)).toEqual([moved.city, 'Later City']);
    expect(every.result.rows).toBe(result.rows + 1);
    t.engine.close();
  });
});
