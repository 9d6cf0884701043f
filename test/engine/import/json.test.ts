import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';
import { importFile, snapshot } from './helpers';

/** Orders as a shop platform's API exports them: nested customer and shipping objects, an array of tags. */
function order(i: number) {
  return {
    order_id: `SO-${String(i).padStart(6, '0')}`,
    created_at: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    total: Math.round(((i * 7919) % 100000) / 7) / 100,
    paid: i % 9 !== 0,
    customer: { id: `C${String(i % 5000).padStart(5, '0')}`, email: `c${i % 5000}@example.com`, address: { zip: String(i % 100).padStart(5, '0') } },
    tags: i % 3 === 0 ? ['gift', 'promo'] : [],
    note: i % 10 === 0 ? null : 'ok, "thanks"\nline two',
  };
}

describe('import: JSON and NDJSON', () => {
  it('imports an NDJSON file of 100k orders, nested objects flattened to dotted names', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'orders.ndjson');
    const fd = fs.openSync(file, 'w');
    for (let i = 0; i < 100_000; i += 1000) {
      const lines: string[] = [];
      for (let k = i; k < i + 1000; k++) lines.push(JSON.stringify(order(k)));
      fs.writeSync(fd, lines.join('\n') + '\n');
    }
    fs.closeSync(fd);
    const { engine, api, file: ws } = await engineWithWorkspace();
    const preview = await api.datasets.preview({ path: file });
    expect(preview.detected).toMatchObject({ format: 'ndjson', header: true });
    expect(preview.columns.map((c) => c.name)).toEqual(['order_id', 'created_at', 'total', 'paid', 'customer.id', 'customer.email', 'customer.address.zip', 'tags', 'note']);
    const { status, result } = await importFile(engine, api, { path: file, as: 'transactions' });
    expect(status.error).toBeUndefined();
    expect(result).toMatchObject({ rows: 100_000, cellErrors: 0, format: 'ndjson' });
    const type = (n: string) => result.columns.find((c) => c.name === n)!.type;
    expect([type('created_at'), type('total'), type('paid'), type('customer.address.zip')]).toEqual(['date', 'number', 'boolean', 'text']);
    expect(result.transactionColumns).toMatchObject({ order: 'order_id', customer: 'customer.id', date: 'created_at', amount: 'total' });

    const db = new Database(ws, { readonly: true });
    const got = db.prepare('SELECT count(*) AS n, round(sum(total), 2) AS total, sum(paid) AS paid, count(DISTINCT "customer.id") AS customers FROM orders').get();
    const row = db.prepare('SELECT "customer.address.zip" AS zip, tags, note FROM orders WHERE order_id = ?').get('SO-000003');
    db.close();
    expect(row).toEqual({ zip: '00003', tags: '["gift","promo"]', note: 'ok, "thanks"\nline two' });
    // Independent reading: Python's json module over the same file.
    const py = spawnSync(
      'python3',
      ['-c', 'import json,sys\nrs=[json.loads(l) for l in open(sys.argv[1])]\nprint(json.dumps({"n":len(rs),"total":round(sum(r["total"] for r in rs),2),"paid":sum(1 for r in rs if r["paid"]),"customers":len({r["customer"]["id"] for r in rs})}))', file],
      { encoding: 'utf8' },
    );
    expect(py.status).toBe(0);
    expect(got).toEqual(JSON.parse(py.stdout));
  });

  it('imports a JSON array; keys first seen after the sample are kept as cell errors, not dropped', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'customers.json');
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < 30_000; i++) rows.push({ id: `K${i}`, spend: i / 4, profile: { city: i % 2 ? 'Kraków' : 'Łódź' } });
    rows[29_999].vip = true;
    fs.writeFileSync(file, JSON.stringify(rows, null, 2));
    const { engine, api } = await engineWithWorkspace();
    const { result } = await importFile(engine, api, { path: file });
    expect(result).toMatchObject({ rows: 30_000, format: 'json', cellErrors: 1 });
    expect(result.columns.map((c) => c.name)).toEqual(['id', 'spend', 'profile.city']);
    const errors = await api.datasets.errors({ name: 'customers' });
    expect(errors.errors[0]).toMatchObject({ row: 30_000, column: '(extra fields)', raw: 'vip=true' });
  });

  it('reads the records of an object wrapping them, as shop APIs answer ({"orders": [...]})', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'api.json');
    fs.writeFileSync(file, JSON.stringify({ meta: { page: 1, tags: ['a', { b: '[' }] }, orders: [order(1), order(2), order(3)], next: null }, null, 2));
    const { engine, api } = await engineWithWorkspace();
    const { result } = await importFile(engine, api, { path: file });
    expect(result).toMatchObject({ rows: 3, format: 'json', cellErrors: 0 });
    expect(result.columns.map((c) => c.name)).toContain('customer.address.zip');
  });

  it('refuses broken JSON naming file, line and column, and stores nothing', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'broken.ndjson');
    fs.writeFileSync(file, '{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n{"a":3,"b":"z"\n{"a":4,"b":"w"}\n');
    const { engine, api, file: ws } = await engineWithWorkspace();
    const before = snapshot(ws);
    const { status } = await importFile(engine, api, { path: file });
    expect(status.state).toBe('failed');
    expect(status.error?.message).toMatch(/broken\.ndjson: line 3, column 1: record 3 is not valid JSON/);
    expect(snapshot(ws)).toBe(before);
  });
});
