import { describe, expect, it } from 'vitest';
import { contactCheck } from '../../../electron/engine/profile/alerts';
import { streamTally } from '../../../electron/engine/profile/tally';
import { readOnOwnThread, readOnThread, type ReadTask } from '../../../electron/engine/profile/read-thread';
import { getMirror } from '../../../electron/engine/mirror';
import { mirrorRowids } from '../../../electron/engine/mirror/cells';
import { columnsOf, versionTable } from '../../../electron/engine/workspace/catalog';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { generatedCustomers } from '../../helpers/data';

/** The profile's second thread tallies e-mails and phones and runs SQL reads as this thread would; a task it cannot do is done here. */
describe('reads on the profile\'s second thread', () => {
  it('give the results of this thread; a task the thread cannot open falls back to this one', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    const imp = await runJob(engine, api, 'import', { path: generatedCustomers().customers, name: 'customers', id: 'customer_id' });
    expect(imp.status.state).toBe('done');
    const ws = engine.ctx.ws();
    expect(readOnOwnThread(file)).toBe(true);
    const table = versionTable(ws.db, 'customers');
    const rowids = Float64Array.from(mirrorRowids(ws.db, getMirror(ws, 'customers')));
    const pii = columnsOf(ws.db, 'customers').filter((c) => c.name === 'email' || c.name === 'phone');
    expect(pii.length).toBe(2);
    const here = (t: ReadTask): unknown => (t.kind === 'get' ? ws.db.prepare(t.sql).get(...t.params) : streamTally(ws.db, t.table, t.column.name, t.rowids, contactCheck(t.column)?.valid ?? null));
    const tasks: ReadTask[] = [
      { kind: 'get', file, sql: `SELECT count(*) AS n, sum(signup_date < ?) AS stale FROM "${table}"`, params: ['2024-01-01'] },
      ...pii.map((column) => ({ kind: 'tally' as const, file, table, column, rowids })),
    ];
    let inline = 0;
    const got = await readOnThread(tasks, (t) => {
      inline++;
      return here(t);
    });
    expect(inline).toBe(0);
    expect(got).toEqual(tasks.map(here));
    expect((got[0] as { n: number }).n).toBeGreaterThan(0);
    // A file the thread cannot open: done here, the same.
    const broken = [tasks[0], { ...tasks[1], file: `${file}.missing` }, tasks[2]];
    const again = await readOnThread(broken, (t) => {
      inline++;
      return here(t);
    });
    expect(inline).toBe(1);
    expect(again).toEqual(tasks.map(here));
    engine.close();
  }, 120_000);
});
