import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consentFilter } from '../../../electron/engine/consent/consent';
import { quoteIdent } from '../../../electron/engine/db/open';
import { Workspace } from '../../../electron/engine/workspace/workspace';
import { tmpDir } from '../../helpers/tmp';

/** A customers dataset laid out as the catalogue holds one (version table, view, columns), from literal rows. */
function workspaceWith(rows: [string | null, string | null][]): Workspace {
  const ws = Workspace.create(path.join(tmpDir(), 'c.sdw'));
  ws.db.transaction(() => {
    ws.db.exec('CREATE TABLE ds_c_v1 (customer_id TEXT, marketing_consent TEXT)');
    const ins = ws.db.prepare('INSERT INTO ds_c_v1 VALUES (?, ?)');
    for (const r of rows) ins.run(...r);
    ws.db.exec('CREATE VIEW c AS SELECT * FROM ds_c_v1');
    ws.db.prepare("INSERT INTO datasets VALUES ('c', 'customers', 'customer_id', NULL, 1, '2026-01-01')").run();
    ws.db.prepare("INSERT INTO dataset_versions VALUES ('c', 1, 'ds_c_v1', ?, 0, 'test', 'utf-8', ',', '{}', '2026-01-01')").run(rows.length);
    const col = ws.db.prepare('INSERT INTO dataset_columns VALUES (?, ?, ?, ?, ?, 0, 0, NULL)');
    col.run('c', 0, 'customer_id', 'text', 'id');
    col.run('c', 1, 'marketing_consent', 'category', 'consent');
  })();
  return ws;
}

describe('consent filter', () => {
  it('counts customers (distinct IDs): a refusal on any row of a customer leaves the customer out', () => {
    const ws = workspaceWith([
      ['A', 'yes'],
      ['B', 'no'],
      ['B', 'no'], // B twice: one customer without consent, not two
      ['C', 'yes'],
      ['C', 'no'], // C withdrew on a later row
      ['D', 'yes'],
      ['D', 'yes'],
      ['E', null], // not recorded
      [null, 'yes'], // no ID: a customer of its own, it cannot be matched to another row
    ]);
    const r = consentFilter(ws.db, 'c', { asOf: '2026-01-01' });
    const one = (sql: string) => ws.db.prepare(sql).pluck().get() as number;
    const t = quoteIdent('ds_c_v1');
    // SQL on the table: customers with a non-'yes' row are out; rows without an ID count one each.
    const customers = one(`SELECT count(DISTINCT customer_id) + (SELECT count(*) FROM ${t} WHERE customer_id IS NULL) FROM ${t}`);
    const refusing = one(`SELECT count(DISTINCT customer_id) FROM ${t} WHERE coalesce(marketing_consent, '') <> 'yes'`);
    expect(r.total).toBe(customers);
    expect(r.rows).toBe(one(`SELECT count(*) FROM ${t}`));
    expect(r.excluded).toBe(refusing);
    expect(r.consenting).toBe(customers - refusing);
    expect(r.unknown).toBe(1);
    // Every row of a consenting customer, and each one's latest row.
    const rowid = (id: string | null) => ws.db.prepare(`SELECT rowid FROM ${t} WHERE customer_id IS ? ORDER BY rowid`).pluck().all(id) as number[];
    expect(r.included).toEqual([...rowid('A'), ...rowid('D'), ...rowid(null)].sort((a, b) => a - b));
    expect(r.includedLatest).toEqual([rowid('A')[0], rowid('D')[1], rowid(null)[0]].sort((a, b) => a - b));
    expect(r.latest).toHaveLength(customers);
    ws.close();
  });

  it('without repeated IDs, rows and customers are the same', () => {
    const ws = workspaceWith([
      ['A', 'yes'],
      ['B', 'no'],
      ['C', 'yes'],
    ]);
    const r = consentFilter(ws.db, 'c', { asOf: '2026-01-01', rowids: [1, 2] });
    expect(r).toMatchObject({ total: 2, rows: 2, consenting: 1, excluded: 1, included: [1], includedLatest: [1], latest: [1, 2] });
    ws.close();
  });

  it('of a selection (a segment), leaves out a customer whose row outside the selection refuses', () => {
    const ws = workspaceWith([
      ['A', 'yes'], // 1: selected
      ['A', 'no'], // 2: not selected, but A withdrew
      ['B', 'yes'], // 3: selected
      ['B', 'yes'], // 4: not selected
      ['C', 'no'], // 5: not selected
    ]);
    const r = consentFilter(ws.db, 'c', { asOf: '2026-01-01', rowids: [1, 3] });
    expect(r).toMatchObject({ total: 2, rows: 2, consenting: 1, excluded: 1, unknown: 0, included: [3], includedLatest: [3], latest: [1, 3] });
    ws.close();
  });
});
