import fs from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { sharedData } from '../../helpers/tmp';

const file = sharedData('online_retail.csv');

/**
 * An independent RFM computation straight from the file (no SQLite, no engine code), under the default
 * returns policy: cancellation invoices (C…) left out, other negative lines netted into spend, customers
 * with no purchase left not scored.
 */
function independentRfm(path: string, asOf: string) {
  const text = iconv.decode(fs.readFileSync(path), 'latin1');
  const { data } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const asOfMs = Date.UTC(+asOf.slice(0, 4), +asOf.slice(5, 7) - 1, +asOf.slice(8, 10));
  const by = new Map<string, { last: number; orders: Set<string>; monetary: number }>();
  let excluded = 0;
  const seen = new Set<string>();
  for (const row of data) {
    const id = row.CustomerID?.trim();
    if (!id) {
      excluded++;
      continue;
    }
    seen.add(id);
    if (row.InvoiceNo.startsWith('C')) continue;
    const [m, d, y] = row.InvoiceDate.split(' ')[0].split('/').map(Number);
    const day = Date.UTC(y, m - 1, d);
    const c = by.get(id) ?? { last: -Infinity, orders: new Set<string>(), monetary: 0 };
    const value = Number(row.Quantity) * Number(row.UnitPrice);
    if (Number(row.Quantity) < 0 || value < 0) c.monetary += value;
    else {
      c.last = Math.max(c.last, day);
      c.orders.add(row.InvoiceNo);
      c.monetary += value;
    }
    by.set(id, c);
  }
  const bought = [...by].filter(([, c]) => c.orders.size > 0);
  return {
    excluded,
    withoutPurchase: seen.size - bought.length,
    customers: new Map(bought.map(([id, c]) => [id, { recency: Math.round((asOfMs - c.last) / 86_400_000), frequency: c.orders.size, monetary: c.monetary }])),
  };
}

describe.skipIf(!file)('RFM on online_retail.csv (skipped: ../shared/data/online_retail.csv is absent)', () => {
  it('matches an independent computation for all 4,339 customers with a purchase', async () => {
    const { engine, api } = await engineWithWorkspace();
    const imp = await runJob(engine, api, 'import', { path: file as string, name: 'retail', as: 'transactions' });
    expect(imp.status.state, JSON.stringify(imp.status.error)).toBe('done');
    const r = await api.rfm.compute({ transactions: 'retail', asOf: '2011-12-10', quantity: 'Quantity', price: 'UnitPrice' });
    const ref = independentRfm(file as string, '2011-12-10');
    expect(r.customers).toBe(4339);
    expect(r.customers).toBe(ref.customers.size);
    expect(r.excludedRows).toBe(ref.excluded);
    expect(r.returns?.customersWithoutPurchase).toBe(ref.withoutPurchase);
    expect(r.columns).toMatchObject({ order: 'InvoiceNo', customer: 'CustomerID', date: 'InvoiceDate', amount: null, quantity: 'Quantity', price: 'UnitPrice' });
    expect(r.segments.reduce((a, s) => a + s.count, 0) + r.unassigned).toBe(4339);
    expect(r.unassigned).toBe(0);

    const rows = (await api.segments.rows({ dataset: 'retail', rule: { all: [] }, limit: 1 })).total;
    expect(rows).toBe(541909);
    // The view is a public interface: read it as any SQL client would.
    const Database = (await import('better-sqlite3')).default;
    const info = await api.workspace.info({});
    const db = new Database(info.workspace, { readonly: true });
    const view = db.prepare('SELECT id, recency_days, frequency, monetary, r, f, m, rfm_segment FROM rfm_retail').all() as {
      id: string;
      recency_days: number;
      frequency: number;
      monetary: number;
      r: number;
      f: number;
      m: number;
      rfm_segment: string | null;
    }[];
    db.close();
    expect(view).toHaveLength(4339);
    let mismatches = 0;
    for (const v of view) {
      const e = ref.customers.get(v.id);
      if (!e || e.recency !== v.recency_days || e.frequency !== v.frequency || Math.abs(e.monetary - v.monetary) > 1e-6 * Math.max(1, Math.abs(e.monetary))) mismatches++;
    }
    expect(mismatches).toBe(0);
    // Recency score 5 = most recent: customers who bought on the last day have recency 1.
    expect(view.filter((v) => v.recency_days === 1).every((v) => v.r === 5)).toBe(true);
    engine.close();
  }, 240_000);
});
