import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

const BIN = path.resolve(__dirname, '../../../bin/segmentdesk.js');
const X = 'C0007';
const X_EMAIL = 'wilhelmina.farquharson@post.example';

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every byte the workspace has on disk. */
function workspaceBytes(file: string): string {
  return Buffer.concat(['', '-wal', '-journal'].filter((s) => fs.existsSync(file + s)).map((s) => fs.readFileSync(file + s))).toString('latin1');
}

/**
 * Customers (e-mail flagged PII), orders linked to them, and a notes file with the same IDs that is
 * linked to nothing, in two versions; one note of another customer mentions X's e-mail in a shifted field.
 */
async function setup() {
  const w = await engineWithWorkspace();
  const write = (name: string, lines: string[]) => {
    const f = path.join(w.dir, name);
    fs.writeFileSync(f, `${lines.join('\n')}\n`);
    return f;
  };
  const ids = Array.from({ length: 30 }, (_, i) => `C${String(i + 1).padStart(4, '0')}`);
  const customers = write('customers.csv', ['customer_id,email,tier', ...ids.map((id, i) => `${id},${id === X ? X_EMAIL : `person${i}@post.example`},${i % 2 ? 'gold' : 'silver'}`)]);
  const orders = write('orders.csv', ['order_id,customer_id,order_date,amount', ...ids.flatMap((id, i) => [`O${i}a,${id},2026-01-0${(i % 9) + 1},${10 + i}`, `O${i}b,${id},2026-02-0${(i % 9) + 1},${20 + i}`])]);
  const notes1 = write('notes1.csv', ['customer_id,note', `${X},prefers phone`, 'C0001,asked for invoice', `C0009,forwarded from ${X_EMAIL.split('@')[0]},${X_EMAIL}`]);
  const notes2 = write('notes2.csv', ['customer_id,note', `${X},prefers phone`, `${X},moved house`, 'C0002,new card']);
  const imp = async (params: Parameters<typeof runJob<'import'>>[3]) => expect((await runJob(w.engine, w.api, 'import', params)).status.state).toBe('done');
  await imp({ path: customers, name: 'customers', columns: [{ name: 'email', type: 'text', role: 'contact', pii: true, sensitive: false }] });
  await imp({ path: orders, name: 'orders', as: 'transactions', link: 'customers' });
  await imp({ path: notes1, name: 'notes', id: 'customer_id' });
  await imp({ path: notes2, name: 'notes', id: 'customer_id' });
  await w.api.segments.save({ dataset: 'customers', name: 'gold', rule: { field: 'tier', op: 'eq', value: 'gold' } });
  await w.api.segments.save({ dataset: 'customers', name: 'silver', rule: { field: 'tier', op: 'eq', value: 'silver' } });
  return w;
}

describe('erasure finds the customer everywhere', () => {
  it('previews, then erases X from every dataset with customer IDs, error records naming X, and lists earlier files that held X', async () => {
    const { engine, api, dir, file } = await setup();
    const exp = async (name: string, source: { kind: 'segment'; name: string } | { kind: 'dataset' }, dataset = 'customers') => {
      const out = path.join(dir, name);
      expect((await runJob(engine, api, 'export', { dataset, source, out, includeNoConsent: true })).status.state).toBe('done');
      return out;
    };
    const gold = await exp('gold.csv', { kind: 'segment', name: 'gold' }); // X (the 7th, i = 6) is silver
    const silver = await exp('silver.csv', { kind: 'segment', name: 'silver' });
    const notes = await exp('notes.csv', { kind: 'dataset' }, 'notes');
    const share = (await api.exports.shareCopy({ out: path.join(dir, 'share.sdw'), mode: 'strip-pii' })).file;
    const db = engine.ctx.ws().db;
    const notesRows = () => db.prepare('SELECT version, rows FROM dataset_versions WHERE dataset = ? ORDER BY version').all('notes');
    const before = notesRows();
    const mentioning = () => db.prepare('SELECT count(*) FROM cell_errors WHERE raw LIKE ?').pluck().get(`%${X_EMAIL}%`) as number;
    expect(mentioning()).toBe(1);

    const preview = await api.erasure.preview({ dataset: 'customers', ids: [X] });
    expect(preview.found).toBe(1);
    expect(preview.notFound).toBe(0);
    const where = Object.fromEntries(preview.places.map((p) => [p.place, [p.dataset, p.rows]]));
    expect(where).toMatchObject({
      'dataset "customers" version 1': ['customers', 1],
      'transactions "orders" version 1': ['orders', 2],
      'dataset "notes" version 1': ['notes', 1],
      'dataset "notes" version 2': ['notes', 2],
      'import error records of "notes" naming the customers': ['notes', 1],
      'segment membership snapshots': ['customers', 1],
    });
    expect(preview.earlierFiles.map((f) => [f.kind, f.path]).sort()).toEqual(
      [
        ['export', silver],
        ['export', notes],
        ['share', share],
      ].sort(),
    );
    expect(preview.earlierFiles.map((f) => f.path)).not.toContain(gold);
    // A preview changes nothing.
    expect(notesRows()).toEqual(before);
    expect(mentioning()).toBe(1);

    const r = await api.erasure.erase({ dataset: 'customers', ids: [X] });
    expect(r.erased).toBe(1);
    expect(r.scrubbed).toBe(true);
    expect(r.places).toEqual(preview.places);
    expect(r.earlierFiles).toEqual(preview.earlierFiles);
    expect(notesRows()).toEqual([
      { version: 1, rows: 2 },
      { version: 2, rows: 1 },
    ]);
    expect(mentioning()).toBe(0);
    const bytes = workspaceBytes(file);
    expect(bytes.includes(X_EMAIL)).toBe(false);
    expect(bytes.includes(X)).toBe(false);

    // Found nowhere now: refused, nothing logged.
    const audits = (await api.audit.list({})).total;
    await expect(api.erasure.erase({ dataset: 'customers', ids: [X] })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/found anywhere.*nothing was erased/) });
    expect((await api.erasure.preview({ dataset: 'customers', ids: [X] })).places).toEqual([]);
    expect((await api.audit.list({})).total).toBe(audits);
    engine.close();
  });

  it('CLI: the documented JSON, and a non-zero exit when the ID matches nothing', async () => {
    const { engine, dir, file } = await setup();
    engine.close();
    const none = cli(['erase', '--workspace', file, '--dataset', 'customers', '--id', 'C9999', '--json'], dir);
    expect(none.code).not.toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/found anywhere in the workspace; nothing was erased/);

    const ok = cli(['erase', '--workspace', file, '--dataset', 'customers', '--id', X, '--id', 'C9999', '--json'], dir);
    expect(ok.code).toBe(0);
    const out = JSON.parse(ok.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['earlierFiles', 'erased', 'notFound', 'places', 'scrubbed']);
    expect(out).toMatchObject({ erased: 1, notFound: 1, earlierFiles: [] });
    for (const p of out.places as Record<string, unknown>[]) expect(Object.keys(p).sort()).toEqual(['dataset', 'place', 'rows']);
    expect((out.places as { dataset: string }[]).map((p) => p.dataset)).toEqual(expect.arrayContaining(['customers', 'orders', 'notes']));
  });
});
