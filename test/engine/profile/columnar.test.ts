import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentOrderStats } from '../../../electron/engine/customer-view/plan';
import { rebuildCustomerViews } from '../../../electron/engine/customer-view/rebuild';
import { getMirror } from '../../../electron/engine/mirror';
import { assembleProfile, buildProfile } from '../../../electron/engine/profile/build-profile';
import { activityFromHistory } from '../../../electron/engine/profile/stale-history';
import { byCodePoint } from '../../../electron/engine/db/collation';
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import { customerDataSets } from '../../helpers/data';
import { itOnImportFiles } from '../../helpers/import-files';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { sharedData, tmpDir } from '../../helpers/tmp';
import { setUp } from '../segments/history-fixture';
import { sqlProfileParts } from './sql-reference';

/**
 * The profile reads the stored columnar copy (mirror/) and the customer view's order history, not the
 * version table: it must say exactly what SQL over the table says, column by column and alert by alert,
 * on real files and on files made to hit the corners (ties in top values across Unicode planes,
 * duplicate rows without a unique column, rows without an ID, datetimes, cell errors).
 */
async function expectSqlProfile(ws: Workspace, dataset: string): Promise<void> {
  const sql = assembleProfile(sqlProfileParts(ws, dataset, undefined, 12, 20));
  // E-mails and phones are tallied on a second thread (profile/tally-thread.ts), or on this one: both say what SQL says.
  for (const threads of ['2', '1']) {
    process.env.SEGMENTDESK_PROFILE_THREADS = threads;
    ws.invalidate();
    try {
      const ours = await buildProfile(ws, dataset, undefined, 12, 20);
      for (let i = 0; i < sql.columns.length; i++) expect(ours.columns[i], `${dataset}.${sql.columns[i].name} (threads ${threads})`).toEqual(sql.columns[i]);
      expect(ours).toEqual(sql);
    } finally {
      delete process.env.SEGMENTDESK_PROFILE_THREADS;
    }
  }
}

async function importAndCompare(file: string, opts: { as?: 'customers' | 'transactions'; id?: string; orders?: string } = {}): Promise<{ ws: Workspace; close(): void }> {
  const { engine, api } = await engineWithWorkspace();
  const r = await runJob(engine, api, 'import', { path: file, name: 'data', ...(opts.as ? { as: opts.as } : {}), ...(opts.id ? { id: opts.id } : {}) });
  expect(r.status.error, file).toBeUndefined();
  if (opts.orders) {
    const o = await runJob(engine, api, 'import', { path: opts.orders, name: 'orders', as: 'transactions', link: 'data' });
    expect(o.status.error, opts.orders).toBeUndefined();
  }
  const ws = engine.ctx.ws();
  await expectSqlProfile(ws, 'data');
  return { ws, close: () => engine.close() };
}

describe('the profile from the columnar copy equals the profile by SQL', () => {
  it('orders ties in top values as SQLite does (code points, not UTF-16 units)', () => {
    const values = ['b', 'a', '\uffef', '\u{1f600}', 'ab', 'A', 'é', ''];
    const sorted = [...values].sort(byCodePoint);
    const utf8 = [...values].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(sorted).toEqual(utf8);
  });

  it.each(customerDataSets())('on $label customers with their orders (stale customers from the order history)', async ({ customers, orders }) => {
    const { ws, close } = await importAndCompare(customers, { id: 'customer_id', orders });
    // The stale alert was read from the order history, and says what SQL over every line says.
    const m = getMirror(ws, 'data');
    expect(currentOrderStats(ws, 'orders')).not.toBeNull();
    expect(activityFromHistory(ws, m)('orders', 'customer_id', 'order_date', '2026-01-01')).not.toBeNull();
    expect((await buildProfile(ws, 'data', undefined, 12, 20)).alerts.some((a) => a.kind === 'stale')).toBe(true);
    close();
  }, 120_000);

  it('on the history fixture: rows without an ID, orders of unknown customers, undated lines', async () => {
    const { ws } = setUp(2026);
    rebuildCustomerViews(ws);
    expect(currentOrderStats(ws, 'orders')).not.toBeNull();
    await expectSqlProfile(ws, 'people');
    await expectSqlProfile(ws, 'orders');
    ws.close();
  });

  it('on the demo', async () => {
    const demo = path.resolve(__dirname, '../../../assets/demo');
    const { close } = await importAndCompare(path.join(demo, 'customers.csv'), { orders: path.join(demo, 'orders.csv') });
    close();
  }, 60_000);

  it('on a file made for the corners: Unicode ties, datetimes, duplicate rows, cell errors', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'corners.csv');
    const words = ['b', 'a', '\uffef', '\u{1f600}', 'ab', 'A', 'é', 'zz', 'YOLO'];
    const lines = ['code,label,tie,seen_at,amount,flag,email,phone'];
    for (let i = 0; i < 1200; i++) {
      // Every word held by the same number of rows except YOLO (rare): top values tie on count.
      const w = i < 3 ? 'YOLO' : words[i % 8];
      const when = i % 11 === 0 ? '' : `2024-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:${10 + (i % 50)}:0${i % 10}`;
      const amount = i % 130 === 0 ? 'abc' : i % 13 === 0 ? '' : String((i % 17) * 1.5 - 3);
      lines.push([i % 400, w, words[i % 8], when, amount, i % 3 === 0 ? 'yes' : 'no', i % 50 === 0 ? 'broken' : `p${i % 400}@example.com`, i % 7 === 0 ? '12' : `+48 600 100 ${String(i % 400).padStart(3, '0')}`].join(','));
    }
    // The last rows repeat the first ones exactly.
    lines.push(...lines.slice(1, 41));
    fs.writeFileSync(f, `${lines.join('\n')}\n`);
    const { ws, close } = await importAndCompare(f);
    const p = await buildProfile(ws, 'data', undefined, 12, 20);
    // The corners were hit: repeated rows (no column unique), a rare value, bad e-mails and phones, cell errors.
    expect(p.alerts.map((a) => a.kind)).toEqual(expect.arrayContaining(['duplicates', 'rare_category', 'invalid_email', 'invalid_phone', 'cell_errors']));
    expect(p.columns.find((c) => c.name === 'seen_at')?.type).toBe('datetime');
    // Eight values on 155 rows each: the top values are the tie, in code-point order (the emoji after U+FFEF).
    expect(p.columns.find((c) => c.name === 'tie')?.top.map((t) => t.count)).toEqual(Array(8).fill(155));
    close();
  }, 60_000);

  itOnImportFiles(['bad-cells.csv', 'bools-langs.csv', 'dates-mdy.csv', 'leading-zeros.csv', 'ragged.csv', 'utf16le-bom.csv', 'mixed-eol.csv'], async (file) => (await importAndCompare(file)).close());

  const retail = sharedData('online_retail.csv');
  it.skipIf(!retail)('on Online Retail as transactions (skipped when ../shared/data is absent)', async () => {
    (await importAndCompare(retail!, { as: 'transactions' })).close();
  }, 180_000);
});
