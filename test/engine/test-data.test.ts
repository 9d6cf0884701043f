import fs from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { generatedCustomers } from '../helpers/data';

describe('generated customer data', () => {
  it('has the shared layout, 20,000 unique IDs, orders that add up to the summaries, and city as a proxy for ethnicity', { timeout: 180_000 }, () => {
    const d = generatedCustomers();
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(d.customers, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(20_000);
    expect(new Set(rows.map((r) => r.customer_id)).size).toBe(20_000);
    expect(rows[0].customer_id).toBe('C0000001');
    expect(rows.at(-1)!.customer_id).toBe('C0020000');
    const orders = Papa.parse<Record<string, string>>(fs.readFileSync(d.orders, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const byCustomer = new Map<string, number>();
    for (const o of orders) byCustomer.set(o.customer_id, (byCustomer.get(o.customer_id) ?? 0) + 1);
    for (const r of rows.slice(0, 500)) expect(byCustomer.get(r.customer_id) ?? 0).toBe(Number(r.orders_count));
    expect(orders.length).toBeGreaterThan(100_000);
    expect(orders.every((o) => o.order_date <= '2026-10-31')).toBe(true);
    const share = (city: string, e: string) => rows.filter((r) => r.city === city && r.ethnicity === e).length / rows.filter((r) => r.city === city).length;
    expect(share('Toronto', 'A')).toBeGreaterThan(0.6);
    expect(share('Vancouver', 'C')).toBeGreaterThan(0.5);
    expect(rows.find((r) => r.customer_id === 'C0012345')).toMatchObject({ email: 'josx.martin12345@example.com', city: 'Montréal', orders_count: '23' });
    // The same file on every call and every run: seeded.
    expect(generatedCustomers()).toBe(d);
  });
});
