import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace } from '../../helpers/engine';
import { customerDataSets } from '../../helpers/data';
import { tmpDir } from '../../helpers/tmp';
import { importFile } from '../import/helpers';
import { createApi } from '../../../shared/contract/client';
import { Engine } from '../../../electron/engine/engine';
import { monthsBefore } from '../../../electron/engine/profile/stale';

describe('profile', () => {
  it('computes statistics and alerts on a small known file', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    await api.workspace.setAsOf({ asOf: '2025-01-01' });
    const f = path.join(dir, 'people.csv');
    const lines = ['id,email,phone,age,spend,spend_eur,country,last_order_date,flag'];
    for (let i = 1; i <= 100; i++) {
      const email = i === 5 ? 'not-an-email' : i === 6 ? '' : `p${i}@example.com`;
      const phone = i === 7 ? '12' : `+48 600 000 ${String(i).padStart(3, '0')}`;
      const age = i <= 20 ? '' : String(20 + (i % 40));
      const spend = i <= 90 ? '1' : String(1000 * i);
      const last = i <= 30 ? '2022-06-01' : '2024-11-15';
      lines.push([i === 100 ? 99 : i, email, phone, age, spend, Number(spend) * 0.9, 'PL', last, 'yes'].join(','));
    }
    lines.push(lines[lines.length - 1]);
    fs.writeFileSync(f, `${lines.join('\n')}\n`);
    await importFile(engine, api, { path: f, name: 'people', id: 'id' });
    const p = await api.profile.get({ dataset: 'people' });
    expect(p.rows).toBe(101);
    const col = (n: string) => p.columns.find((c) => c.name === n)!;
    expect(col('age')).toMatchObject({ type: 'integer', missing: 20, count: 81 });
    expect(col('age').histogram.reduce((s, b) => s + b.count, 0)).toBe(81);
    expect(col('spend').median).toBe(1);
    expect(col('country').top).toEqual([{ value: 'PL', count: 101 }]);
    // PII never shows single values.
    expect(col('email')).toMatchObject({ pii: true, top: [], min: null, max: null });
    const kinds = (k: string) => p.alerts.filter((a) => a.kind === k).map((a) => a.column);
    expect(kinds('missing')).toContain('age');
    expect(kinds('constant')).toEqual(expect.arrayContaining(['country', 'flag']));
    expect(kinds('skewed')).toContain('spend');
    expect(kinds('correlated')).toContain('spend');
    expect(kinds('invalid_email')).toEqual(['email']);
    expect(kinds('invalid_phone')).toEqual(['phone']);
    expect(kinds('duplicate_ids')).toEqual(['id']);
    expect(kinds('duplicates')).toEqual([null]);
    const stale = p.alerts.find((a) => a.kind === 'stale')!;
    expect(stale.column).toBe('last_order_date');
    // Customers, not rows: ID 99 is on three rows (101 rows, 99 customers); the 30 stale ones each have one row.
    const ids = new Set(lines.slice(1).map((l) => l.split(',')[0]));
    const staleIds = new Set(lines.slice(1).filter((l) => l.split(',')[7] < '2024-01-01').map((l) => l.split(',')[0]));
    expect(stale.value).toBeCloseTo(staleIds.size / ids.size, 5);
    expect(stale.detail).toContain(`${staleIds.size} of ${ids.size} customers`);
    expect(stale.detail).toMatch(/2024-01-01/);
    engine.close();
  });

  it('cuts off stale data at the as-of date minus whole months', () => {
    expect(monthsBefore('2025-01-01', 12)).toBe('2024-01-01');
    expect(monthsBefore('2025-03-31', 1)).toBe('2025-02-28');
    expect(monthsBefore('2024-12-15', 24)).toBe('2022-12-15');
  });

  it.each(customerDataSets())('profiles $label', async ({ customers }) => {
    const { engine, api } = await engineWithWorkspace();
    await importFile(engine, api, { path: customers, name: 'c' });
    const p = await api.profile.get({ dataset: 'c' });
    expect(p.rows).toBe(20_000);
    expect(p.columns).toHaveLength(20);
    expect(p.columns.filter((c) => c.pii).every((c) => c.top.length === 0 && c.min === null)).toBe(true);
    expect(p.alerts.some((a) => a.kind === 'missing' && a.column === 'phone')).toBe(true);
    engine.close();
  });
});

describe('demo workspace', () => {
  it('creates a workspace with linked demo customers and orders', { timeout: 120_000 }, async () => {
    const dir = tmpDir();
    const engine = new Engine({ stateDir: dir });
    const api = createApi((req) => engine.invoke(req));
    const file = path.join(dir, 'demo.sdw');
    const info = await api.demo.create({ path: file });
    expect(info.asOf).toBe('2025-07-01');
    const byName = Object.fromEntries(info.datasets.map((d) => [d.name, d]));
    expect(byName.customers).toMatchObject({ kind: 'customers', idColumn: 'customer_id' });
    expect(byName.customers.rows).toBeGreaterThan(2000);
    expect(byName.orders).toMatchObject({ kind: 'transactions', linkedTo: 'customers' });
    const p = await api.profile.get({ dataset: 'customers' });
    expect(p.alerts.map((a) => a.kind)).toEqual(expect.arrayContaining(['duplicate_ids', 'stale', 'invalid_email']));
    const db = new Database(file, { readonly: true });
    // The stale alert counts distinct customer IDs (the demo repeats some customers on a second row).
    const cutoff = monthsBefore(info.asOf!, 12);
    const customers = db.prepare('SELECT count(DISTINCT customer_id) FROM customers').pluck().get() as number;
    const rows = db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    const stale = db
      .prepare('SELECT count(DISTINCT customer_id) FROM customers WHERE CAST(customer_id AS TEXT) NOT IN (SELECT CAST(customer_id AS TEXT) FROM orders WHERE substr(order_date, 1, 10) >= ? AND customer_id IS NOT NULL)')
      .pluck()
      .get(cutoff) as number;
    expect(rows).toBeGreaterThan(customers);
    const alert = p.alerts.find((a) => a.kind === 'stale')!;
    expect(alert.detail).toContain(`${stale.toLocaleString('en-US')} of ${customers.toLocaleString('en-US')} customers`);
    expect(alert.value).toBeCloseTo(stale / customers, 6);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    await expect(api.demo.create({ path: file })).rejects.toThrow(/exists/);
    engine.close();
  });
});
