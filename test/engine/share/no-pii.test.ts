import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

const FIRST = ['Bartholomew', 'Ingrid', 'Oluwaseun', 'Margarethe', 'Thaddeus', 'Philippa', 'Konstantin', 'Rosalind', 'Evangeline', 'Leopold'];
const LAST = ['Quincey', 'Abernathy', 'Okonkwo', 'Vasquez-Lind', 'Pemberton', 'Szymanski', 'Holloway', 'Featherstone', 'Castellanos', 'Wojcik'];

/**
 * 30 customers with names, e-mails and phones, and malformed rows that push personal data into
 * import error records: an unquoted comma in a name shifts the e-mail and phone into other
 * columns and "(extra fields)"; a number column holds a name, another an e-mail.
 */
const nameOf = (i: number) => `${FIRST[i % 10]} ${LAST[(i * 3) % 10]}${i}`;
const emailOf = (i: number) => `${FIRST[i % 10].toLowerCase()}.${LAST[(i * 3) % 10].toLowerCase()}${i}@mailbox.example`;

function writePiiCsv(dir: string): { file: string; pii: string[] } {
  const lines = ['customer_id,full_name,phone,age,spend,city,email'];
  const pii: string[] = [];
  for (let i = 1; i <= 30; i++) {
    const name = nameOf(i);
    const email = emailOf(i);
    const phone = `+44 20 7946 ${String(1000 + i)}`;
    pii.push(name, email, phone);
    const id = `C${String(i).padStart(4, '0')}`;
    if (i === 5) lines.push(`${id},${LAST[2]}${i}, ${FIRST[2]}${i},${phone},41,120.5,Leeds,${email}`);
    else if (i === 6) lines.push(`${id},${name},${phone},${name},88,Leeds,${email}`);
    else if (i === 7) lines.push(`${id},${name},${phone},33,${email},Leeds,${email}`);
    else lines.push(`${id},${name},${phone},${20 + i},${i * 11.5},${i % 2 ? 'Leeds' : 'York'},${email}`);
    if (i === 5) pii.push(`${LAST[2]}${i}`, `${FIRST[2]}${i}`);
  }
  const file = path.join(dir, 'clients.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, pii };
}

describe('shared copies carry no personal data', () => {
  it('neither --strip-pii nor --pseudonymise-pii leaves a PII value anywhere in the copy file', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const { file, pii } = writePiiCsv(dir);
    const spec = (name: string, type: 'text' | 'integer' | 'number' | 'category', pii: boolean) => ({ name, type, role: pii ? 'contact' : 'behavioural', pii, sensitive: false }) as const;
    const columns = [spec('full_name', 'text', true), spec('phone', 'text', true), spec('email', 'text', true), spec('age', 'integer', false), spec('spend', 'number', false)];
    const imp = await runJob(engine, api, 'import', { path: file, name: 'clients', columns });
    expect(imp.status.state).toBe('done');
    const db = engine.ctx.ws().db;
    const raws = db.prepare('SELECT raw FROM cell_errors').pluck().all() as string[];
    // The malformed rows did put personal data into error records of columns that are not PII.
    expect(raws).toContain(nameOf(6));
    expect(raws).toContain(emailOf(7));
    expect(db.prepare("SELECT raw FROM cell_errors WHERE column_name = '(extra fields)'").pluck().get()).toBe(emailOf(5));

    // Free text elsewhere: a justification naming a customer, a rule on an e-mail, files named after customers.
    const someone = pii[0];
    await api.segments.save({ dataset: 'clients', name: 'leeds', rule: { field: 'city', op: 'eq', value: 'Leeds' }, justification: `agreed with ${someone} on the phone` });
    await api.segments.save({ dataset: 'clients', name: 'one', rule: { field: 'email', op: 'eq', value: pii[4] } });
    const exportFile = path.join(dir, `${pii[6]}.csv`);
    expect((await runJob(engine, api, 'export', { dataset: 'clients', source: { kind: 'segment', name: 'leeds' }, out: exportFile })).status.state).toBe('done');
    // Deleted rows leave free pages behind in the source: the copy must not carry them.
    db.exec("CREATE TABLE scratch_notes (note TEXT); INSERT INTO scratch_notes VALUES ('" + pii[9] + "'); DROP TABLE scratch_notes;");

    for (const mode of ['strip-pii', 'pseudonymise-pii'] as const) {
      const out = path.join(dir, `copy-${mode}.sdw`);
      const r = await api.exports.shareCopy({ out, mode });
      expect(r.piiColumns.sort()).toEqual(['clients.email', 'clients.full_name', 'clients.phone']);
      const bytes = fs.readFileSync(out).toString('latin1');
      const leaked = pii.filter((v) => bytes.includes(v));
      expect(leaked, mode).toEqual([]);
      expect(bytes.includes(path.basename(exportFile, '.csv')), mode).toBe(false);
      const copy = new Database(out, { readonly: true });
      expect(copy.pragma('freelist_count', { simple: true })).toBe(0);
      // The rest is still there: rows, error records (positions and problems), segments, the audit trail.
      expect(copy.prepare('SELECT count(*) FROM clients').pluck().get()).toBe(30);
      expect(copy.prepare('SELECT count(*) FROM cell_errors').pluck().get()).toBe(raws.length);
      expect(copy.prepare('SELECT count(*) FROM segments').pluck().get()).toBe(2);
      expect(copy.prepare("SELECT count(*) FROM audit_log WHERE action = 'export'").pluck().get()).toBe(1);
      const rule = JSON.parse(copy.prepare("SELECT rule_json FROM segments WHERE name = 'one'").pluck().get() as string) as { value: string };
      expect(rule.value).toMatch(/^p_[0-9a-f]{16}$/);
      if (mode === 'pseudonymise-pii') {
        // The rule still picks the same customer in the pseudonymised rows.
        expect(copy.prepare('SELECT customer_id FROM clients WHERE email = ?').pluck().all(rule.value)).toEqual(['C0002']);
      }
      copy.close();
    }
    engine.close();
  });
});
