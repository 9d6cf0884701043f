import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { Workspace } from '../../../electron/engine/workspace/workspace';
import { customerDataSets } from '../../helpers/data';
import { loadCustomers } from './fixture';
import { setMessageLocale } from '../../../shared/i18n/current';
import { localExportFormat } from '../../../shared/i18n/export-format';
import { cli } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

afterEach(() => setMessageLocale('en'));

const COLUMNS = ['customer_id', 'annual_income', 'total_spend', 'orders_count', 'signup_date', 'last_order_date'];

async function setup() {
  const t = await engineWithWorkspace();
  const ws = Workspace.open(t.file);
  const { rows } = loadCustomers(ws.db, customerDataSets()[0].customers, { limit: 200 });
  ws.close();
  return { ...t, rows };
}

/** Reads a Polish/French number back by hand ("1234,5" → 1234.5), independently of the writer. */
const commaNumber = (s: string) => Number(s.replace(',', '.'));

describe('exports in local number and date formats (issue #19)', () => {
  it('keep machine formats by default: point decimals, ISO dates, comma delimiter', async () => {
    const { engine, api, dir, rows } = await setup();
    const out = path.join(dir, 'machine.csv');
    await runJob(engine, api, 'export', { dataset: 'customers', out, columns: COLUMNS, includeNoConsent: true });
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.meta.delimiter).toBe(',');
    const src = new Map(rows.map((r) => [r.customer_id, r]));
    for (const r of parsed.data) {
      const s = src.get(r.customer_id)!;
      expect(r.signup_date).toBe(s.signup_date);
      if (s.annual_income) expect(Number(r.annual_income)).toBe(Number(s.annual_income));
    }
    engine.close();
  });

  it('write Polish numbers with a decimal comma, dates as dd.mm.yyyy and ";" between fields', async () => {
    const { engine, api, dir, rows } = await setup();
    const out = path.join(dir, 'polish.csv');
    // The user chose "comma" as the delimiter: a decimal comma switches it to a semicolon.
    const { result } = await runJob(engine, api, 'export', { dataset: 'customers', out, columns: COLUMNS, includeNoConsent: true, delimiter: ',', localFormats: true, locale: 'pl' });
    expect(result.rows).toBe(new Set(rows.map((r) => r.customer_id)).size);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe(COLUMNS.map((c) => `"${c}"`).join(';'));
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter: ';' });
    const src = new Map(rows.map((r) => [r.customer_id, r]));
    let decimals = 0;
    let dates = 0;
    for (const r of parsed.data) {
      const s = src.get(r.customer_id)!;
      for (const c of ['annual_income', 'total_spend', 'orders_count']) {
        if (!s[c]) continue;
        expect(r[c]).not.toContain('.');
        expect(commaNumber(r[c])).toBeCloseTo(Number(s[c]), 9);
        if (r[c].includes(',')) decimals++;
      }
      for (const c of ['signup_date', 'last_order_date']) {
        if (!s[c]) continue;
        // dd.mm.yyyy back to ISO by hand.
        const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(r[c]);
        expect(m, `${c} ${r[c]}`).not.toBeNull();
        expect(`${m![3]}-${m![2]}-${m![1]}`).toBe(s[c].slice(0, 10));
        dates++;
      }
    }
    expect(decimals).toBeGreaterThan(50);
    expect(dates).toBeGreaterThan(100);
    const audit = await api.audit.list({ action: 'export' });
    expect(audit.entries[0].details).toMatchObject({ localFormats: 'pl', delimiter: ';' });
    engine.close();
  });

  it('keep the chosen delimiter and point decimals for Chinese, with yyyy/mm/dd dates', async () => {
    const { engine, api, dir, rows } = await setup();
    const out = path.join(dir, 'zh.csv');
    await runJob(engine, api, 'export', { dataset: 'customers', out, columns: COLUMNS, includeNoConsent: true, delimiter: ',', localFormats: true, locale: 'zh-CN' });
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true, delimiter: ',' });
    const s = new Map(rows.map((r) => [r.customer_id, r]));
    const first = parsed.data.find((r) => s.get(r.customer_id)!.signup_date)!;
    expect(first.signup_date).toBe(s.get(first.customer_id)!.signup_date.slice(0, 10).replace(/-/g, '/'));
    engine.close();
  });

  it('formats one value per locale as their spreadsheets read it', () => {
    expect(localExportFormat('pl').number(1234.5)).toBe('1234,5');
    expect(localExportFormat('fr').number(-0.25)).toBe('-0,25');
    expect(localExportFormat('en').number(1234.5)).toBe('1234.5');
    expect(localExportFormat('pl').date('2026-12-05')).toBe('05.12.2026');
    expect(localExportFormat('fr').date('2026-12-05')).toBe('05/12/2026');
    expect(localExportFormat('zh-CN').date('2026-12-05')).toBe('2026/12/05');
    expect(localExportFormat('pl').date('2026-12-05T14:03:09Z')).toBe('05.12.2026 14:03:09');
    expect(localExportFormat('pl').date('not a date')).toBe('not a date');
    expect(localExportFormat('fr').delimiter(',')).toBe(';');
    expect(localExportFormat('fr').delimiter('\t')).toBe('\t');
    expect(localExportFormat('zh-CN').delimiter(',')).toBe(',');
  });

  it('says why an export cannot be written in the message language (Polish)', async () => {
    const { engine, api, dir } = await setup();
    setMessageLocale('pl');
    const { status } = await runJob(engine, api, 'export', { dataset: 'customers', out: path.join(dir, 'missing-folder', 'x.csv') });
    expect(status.state).toBe('failed');
    expect(JSON.stringify(status)).toMatch(/folder .*missing-folder nie istnieje/);
    engine.close();
  });
});

describe('segmentdesk export --local-formats (issue #19)', () => {
  it('writes French decimals with ";" and keeps its messages and JSON in English', () => {
    const dir = tmpDir();
    const lines = ['customer_id,total_spend,signup_date,marketing_consent'];
    for (let i = 1; i <= 12; i++) lines.push(`C${i},${i * 10}.25,2026-01-${String(i).padStart(2, '0')},yes`);
    fs.writeFileSync(path.join(dir, 'customers.csv'), `${lines.join('\n')}\n`);
    expect(cli(['import', 'customers.csv', '--workspace', 'ws.sdw', '--name', 'customers', '--json'], dir).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'rule.json'), JSON.stringify({ field: 'total_spend', op: 'gt', value: 0 }));
    expect(cli(['segment', 'save', '--workspace', 'ws.sdw', '--dataset', 'customers', '--name', 'All', '--rule', 'rule.json', '--json'], dir).code).toBe(0);
    const ex = cli(['export', '--workspace', 'ws.sdw', '--dataset', 'customers', '--segment', 'All', '--out', 'fr.csv', '--columns', 'customer_id,total_spend,signup_date', '--local-formats', 'fr', '--json'], dir);
    expect(ex.code).toBe(0);
    expect(Object.keys(JSON.parse(ex.stdout)).sort()).toEqual(['columns', 'duplicateRowsSkipped', 'excludedNoConsent', 'file', 'rows']);
    const rows = fs.readFileSync(path.join(dir, 'fr.csv'), 'utf8').trim().split('\r\n');
    expect(rows[0]).toBe('"customer_id";"total_spend";"signup_date"');
    expect(rows[3]).toBe('"C3";30,25;"03/01/2026"');
    const bad = cli(['export', '--workspace', 'ws.sdw', '--dataset', 'customers', '--segment', 'All', '--out', 'x.csv', '--local-formats', 'de'], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/local-formats/);
  });
});
