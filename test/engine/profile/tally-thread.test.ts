import { describe, expect, it } from 'vitest';
import { contactCheck } from '../../../electron/engine/profile/alerts';
import { streamTally } from '../../../electron/engine/profile/tally';
import { tallyOnOwnThread, tallyOnThread, type TallyTask } from '../../../electron/engine/profile/tally-thread';
import { getMirror } from '../../../electron/engine/mirror';
import { mirrorRowids } from '../../../electron/engine/mirror/cells';
import { columnsOf, versionTable } from '../../../electron/engine/workspace/catalog';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { generatedCustomers } from '../../helpers/data';

/** The profile's second thread tallies e-mails and phones as this thread would, and a task it cannot do is tallied here. */
describe('PII tallies on the profile\'s second thread', () => {
  it('give the tallies of this thread; a task the thread cannot open falls back to this one', async () => {
    const { engine, api, file } = await engineWithWorkspace();
    const imp = await runJob(engine, api, 'import', { path: generatedCustomers().customers, name: 'customers', id: 'customer_id' });
    expect(imp.status.state).toBe('done');
    const ws = engine.ctx.ws();
    expect(tallyOnOwnThread(file)).toBe(true);
    const table = versionTable(ws.db, 'customers');
    const rowids = Float64Array.from(mirrorRowids(ws.db, getMirror(ws, 'customers')));
    const pii = columnsOf(ws.db, 'customers').filter((c) => c.name === 'email' || c.name === 'phone');
    expect(pii.length).toBe(2);
    const here = (t: TallyTask) => streamTally(ws.db, t.table, t.column.name, t.rowids, contactCheck(t.column)?.valid ?? null);
    const tasks = pii.map((column) => ({ file, table, column, rowids }));
    let inline = 0;
    const got = await tallyOnThread(tasks, (t) => {
      inline++;
      return here(t);
    });
    expect(inline).toBe(0);
    expect(got).toEqual(tasks.map(here));
    expect(got[0].count).toBeGreaterThan(0);
    // A file the thread cannot open: tallied here, the same.
    const broken = [{ ...tasks[0], file: `${file}.missing` }, tasks[1]];
    const again = await tallyOnThread(broken, (t) => {
      inline++;
      return here({ ...t, file });
    });
    expect(inline).toBe(1);
    expect(again).toEqual(tasks.map(here));
    engine.close();
  }, 120_000);
});
