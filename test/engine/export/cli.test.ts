import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';


/** 60 customers, two with formula names; every 4th without consent. */
function writeCustomers(dir: string): { consenting: number; premiumConsenting: number } {
  const lines = ['customer_id,first_name,email,lifestyle,total_spend,marketing_consent'];
  let consenting = 0;
  let premiumConsenting = 0;
  for (let i = 1; i <= 60; i++) {
    const name = i === 1 ? '"=HYPERLINK(""http://x"",""y"")"' : i === 2 ? '@SUM(1)' : `Name${i}`;
    const consent = i % 4 === 0 ? 'no' : 'yes';
    const lifestyle = i % 2 ? 'premium' : 'family';
    if (consent === 'yes') consenting++;
    if (consent === 'yes' && lifestyle === 'premium') premiumConsenting++;
    lines.push([`C${String(i).padStart(3, '0')}`, name, `p${i}@example.org`, lifestyle, String(i * 10), consent].join(','));
  }
  fs.writeFileSync(path.join(dir, 'customers.csv'), lines.join('\n') + '\n');
  return { consenting, premiumConsenting };
}

describe('hand-over CLI: export, report, workspace share', () => {
  it('prints exactly the documented JSON fields and writes inert, consent-filtered files', async () => {
    const dir = tmpDir();
    const { premiumConsenting } = writeCustomers(dir);
    expect(cli(['import', 'customers.csv', '--workspace', 'ws.sdw', '--name', 'customers', '--json'], dir).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'rule.json'), JSON.stringify({ all: [{ field: 'lifestyle', op: 'eq', value: 'premium' }] }));
    expect(cli(['segment', 'save', '--workspace', 'ws.sdw', '--dataset', 'customers', '--name', 'Premium', '--rule', 'rule.json', '--json'], dir).code).toBe(0);

    const ex = cli(['export', '--workspace', 'ws.sdw', '--dataset', 'customers', '--segment', 'Premium', '--out', 'p.xlsx', '--columns', 'customer_id,first_name', '--json'], dir);
    expect(ex.code).toBe(0);
    const out = JSON.parse(ex.stdout);
    expect(Object.keys(out).sort()).toEqual(['columns', 'duplicateRowsSkipped', 'excludedNoConsent', 'file', 'rows']);
    expect(out).toEqual({ rows: premiumConsenting, excludedNoConsent: 30 - premiumConsenting, duplicateRowsSkipped: 0, columns: ['customer_id', 'first_name'], file: path.join(dir, 'p.xlsx') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.file);
    const names: unknown[] = [];
    wb.worksheets[0].eachRow((row) => {
      expect(row.getCell(2).formula).toBeUndefined();
      names.push(row.getCell(2).value);
    });
    expect(names).toContain('\'=HYPERLINK("http://x","y")');

    const all = cli(['export', '--workspace', 'ws.sdw', '--dataset', 'customers', '--segment', 'Premium', '--out', 'all.csv', '--include-no-consent', '--json'], dir);
    expect(JSON.parse(all.stdout)).toMatchObject({ rows: 30, excludedNoConsent: 0 });
    expect(JSON.parse(all.stdout).columns).not.toContain('email');

    const bad = cli(['export', '--workspace', 'ws.sdw', '--dataset', 'customers', '--out', 'x.csv', '--json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--segment NAME or --run R --cluster C is required/);

    const rep = cli(['report', '--workspace', 'ws.sdw', '--out', 'r.html', '--title', 'T', '--min-cell', '5', '--segments', 'Premium', '--json'], dir);
    expect(rep.code).toBe(0);
    const r = JSON.parse(rep.stdout);
    expect(Object.keys(r).sort()).toEqual(['bytes', 'file', 'sections']);
    expect(r.sections).toEqual(['overview', 'segments', 'responsible', 'methods']);
    expect(fs.statSync(r.file).size).toBe(r.bytes);
    const html = fs.readFileSync(r.file, 'utf8');
    expect(html).not.toContain('@example.org');
    expect(html).toContain('&lt; 5');

    const sh = cli(['workspace', 'share', '--workspace', 'ws.sdw', '--out', 'shared.sdw', '--strip-pii', '--json'], dir);
    expect(sh.code).toBe(0);
    expect(JSON.parse(sh.stdout)).toMatchObject({ mode: 'strip-pii', piiColumns: expect.arrayContaining(['customers.email']) });
    const bytes = fs.readFileSync(path.join(dir, 'shared.sdw'));
    expect(bytes.includes('p7@example.org')).toBe(false);
    expect(bytes.includes('Name7')).toBe(false);
    const info = cli(['workspace', 'info', '--workspace', 'shared.sdw', '--json'], dir);
    expect(JSON.parse(info.stdout).datasets[0]).toMatchObject({ name: 'customers', rows: 60 });
  }, 120_000);

  it('writes one row per customer ID unless --all-rows, and says how many repeated rows it skipped', () => {
    const dir = tmpDir();
    // 40 customers; 6 of them appear again on a later row (a newer city), one of those refusing consent there.
    const lines = ['customer_id,city,lifestyle,marketing_consent'];
    for (let i = 1; i <= 40; i++) lines.push(`C${i},Old${i},premium,${i % 5 === 0 ? 'no' : 'yes'}`);
    for (const i of [1, 2, 3, 4, 6, 7]) lines.push(`C${i},New${i},premium,${i === 7 ? 'no' : 'yes'}`);
    fs.writeFileSync(path.join(dir, 'customers.csv'), lines.join('\n') + '\n');
    expect(cli(['import', 'customers.csv', '--workspace', 'ws.sdw', '--name', 'customers', '--json'], dir).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'rule.json'), JSON.stringify({ all: [{ field: 'lifestyle', op: 'eq', value: 'premium' }] }));
    expect(cli(['segment', 'save', '--workspace', 'ws.sdw', '--dataset', 'customers', '--name', 'All', '--rule', 'rule.json', '--json'], dir).code).toBe(0);

    // Expected numbers straight from the file: customers are distinct IDs; one refusal on any row leaves the customer out.
    const rows = lines.slice(1).map((l) => l.split(','));
    const refused = new Set(rows.filter((r) => r[3] === 'no').map((r) => r[0]));
    const kept = rows.filter((r) => !refused.has(r[0]));
    const keptIds = [...new Set(kept.map((r) => r[0]))];

    const one = cli(['export', '--workspace', 'ws.sdw', '--dataset', 'customers', '--segment', 'All', '--out', 'one.csv', '--columns', 'customer_id,city', '--json'], dir);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ rows: keptIds.length, excludedNoConsent: refused.size, duplicateRowsSkipped: kept.length - keptIds.length });
    expect(one.stderr).toMatch(/rows repeating a customer ID were not written \(--all-rows to write them\)/);
    const written = fs.readFileSync(path.join(dir, 'one.csv'), 'utf8').trim().split('\r\n').slice(1);
    expect(written).toContain('"C1","New1"');
    expect(written.some((l) => l.startsWith('"C7"'))).toBe(false);
    expect(written).toHaveLength(keptIds.length);

    const every = cli(['export', '--workspace', 'ws.sdw', '--dataset', 'customers', '--segment', 'All', '--out', 'every.csv', '--all-rows', '--json'], dir);
    expect(every.code).toBe(0);
    expect(JSON.parse(every.stdout)).toMatchObject({ rows: kept.length, excludedNoConsent: refused.size, duplicateRowsSkipped: 0 });

    const help = cli(['export', '--help'], dir);
    expect(help.stdout).toMatch(/--all-rows/);
    expect(help.stdout).toMatch(/one row per customer/);
  }, 120_000);
});
