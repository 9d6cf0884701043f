import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/engine/workspace/workspace';
import { shareCopy } from '../../../electron/engine/share/share-copy';
import { PSEUDONYM_KEY_META, pseudonymise } from '../../../electron/engine/share/pseudonym';
import { customerDataSets } from '../../helpers/data';
import { tmpDir } from '../../helpers/tmp';
import { loadCustomers } from '../export/fixture';
import { registerErasableTable } from '../../../electron/engine/erasure/registry';

const PII = ['first_name', 'last_name', 'email', 'phone'];

function setup(csv: string) {
  const dir = tmpDir();
  const ws = Workspace.create(path.join(dir, 'src.sdw'));
  const { rows } = loadCustomers(ws.db, csv, { limit: 400 });
  // A derived table another capability registered, which happens to store a PII value.
  ws.db.exec('CREATE TABLE derived_by_email (email TEXT PRIMARY KEY, score REAL)');
  registerErasableTable(ws.db, { table: 'derived_by_email', dataset: 'customers', idColumn: 'email', key: 'id', place: 'scores by e-mail' });
  ws.db.prepare('INSERT INTO derived_by_email VALUES (?, 1)').run(rows.find((r) => r.email)!.email);
  const piiValues = [...new Set(rows.flatMap((r) => PII.map((c) => r[c])).filter((v) => v && v.length >= 4))];
  return { dir, ws, rows, piiValues };
}

describe.each(customerDataSets())('shareable workspace copy ($label)', ({ customers: csv }) => {

  it('--strip-pii: opens as a workspace and its bytes contain none of the PII values', () => {
    const { dir, ws, rows, piiValues } = setup(csv);
    const out = path.join(dir, 'shared.sdw');
    const r = shareCopy(ws.db, ws.file, out, 'strip-pii');
    expect(r.piiColumns).toEqual(PII.map((c) => `customers.${c}`));
    const bytes = fs.readFileSync(out).toString('utf8');
    const leaked = piiValues.filter((v) => bytes.includes(v));
    expect(leaked).toEqual([]);
    expect(fs.existsSync(`${out}-wal`)).toBe(false);

    const copy = Workspace.open(out);
    const info = copy.info();
    expect(info.datasets[0].rows).toBe(rows.length);
    expect(info.datasets[0].columns.map((c) => c.name)).not.toContain('email');
    const first = copy.db.prepare('SELECT * FROM customers LIMIT 1').get() as Record<string, unknown>;
    expect(Object.keys(first)).not.toContain('email');
    expect(first.customer_id).toBe(rows[0].customer_id);
    expect(copy.meta(PSEUDONYM_KEY_META)).toBeNull();
    expect(copy.meta('shared_copy')).toBe('strip-pii');
    copy.close();
    // The original keeps everything.
    expect((ws.db.prepare('SELECT count(email) AS n FROM customers').get() as { n: number }).n).toBeGreaterThan(300);
    ws.close();
  });

  it('--pseudonymise-pii: keyed hashes with the key left behind, stable across copies', () => {
    const { dir, ws, rows, piiValues } = setup(csv);
    const a = shareCopy(ws.db, ws.file, path.join(dir, 'a.sdw'), 'pseudonymise-pii');
    const b = shareCopy(ws.db, ws.file, path.join(dir, 'b.sdw'), 'pseudonymise-pii');
    const bytes = fs.readFileSync(a.file).toString('utf8');
    expect(piiValues.filter((v) => bytes.includes(v))).toEqual([]);
    const key = Buffer.from(ws.meta(PSEUDONYM_KEY_META)!, 'hex');
    expect(key.length).toBe(32);
    expect(bytes).not.toContain(key.toString('hex'));
    const da = new Database(a.file, { readonly: true });
    const db2 = new Database(b.file, { readonly: true });
    const ea = da.prepare('SELECT email FROM customers WHERE customer_id = ?').pluck().get(rows[0].customer_id);
    expect(ea).toBe(pseudonymise(key, rows[0].email));
    expect(db2.prepare('SELECT email FROM customers WHERE customer_id = ?').pluck().get(rows[0].customer_id)).toBe(ea);
    // The other capability's table was swept with the same pseudonym, so joins still work.
    const swept = da.prepare('SELECT email FROM derived_by_email').pluck().get() as string;
    expect(swept).toMatch(/^p_[0-9a-f]{16}$/);
    da.close();
    db2.close();
    ws.close();
  });

  it('refuses to overwrite a file and leaves no partial copy on failure', () => {
    const { dir, ws } = setup(csv);
    const out = path.join(dir, 'exists.sdw');
    fs.writeFileSync(out, 'x');
    expect(() => shareCopy(ws.db, ws.file, out, 'strip-pii')).toThrow(/already exists/);
    expect(() => shareCopy(ws.db, ws.file, ws.file, 'strip-pii')).toThrow(/cannot replace/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    ws.close();
  });
});
