import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace } from '../../helpers/engine';
import { importFile } from '../import/helpers';

// An export whose dates end on 2011-12-01: measured against today's clock every customer would
// look years inactive; measured against the data's own latest date they read as the file says.
const CSV = ['customer_id,signup,last_purchase', '1,2010-01-05,2011-12-01', '2,2010-02-05,2011-10-01', '3,2010-03-05,2011-03-01', '4,2010-04-05,2010-06-01', ''].join('\n');
const WITHIN_90 = { field: 'last_purchase', op: 'within_last', value: { amount: 90, unit: 'days' } };

async function oldExport() {
  const w = await engineWithWorkspace();
  const file = path.join(w.dir, 'old.csv');
  fs.writeFileSync(file, CSV);
  const imp = await importFile(w.engine, w.api, { path: file, name: 'old' });
  expect(imp.status.state).toBe('done');
  return w;
}

describe("relative dates and staleness count back from the data's own latest date", () => {
  it('live counts, saved snapshots and the stale alert use 2011-12-01, and say where it comes from', async () => {
    const { api } = await oldExport();
    const live = await api.segments.count({ dataset: 'old', rule: WITHIN_90 });
    // 2011-12-01 minus 90 days = 2011-09-02: customers 1 and 2.
    expect(live.count).toBe(2);
    expect(live.asOf).toBe('2011-12-01');
    expect(live.asOfSource).toContain('last_purchase');

    // A date chosen for the count wins, and is said to be chosen.
    const chosen = await api.segments.count({ dataset: 'old', rule: WITHIN_90, asOf: '2011-04-01' });
    expect(chosen.count).toBe(1);
    expect(chosen.asOfSource).toBe('chosen for this count');

    await api.segments.save({ dataset: 'old', name: 'recent', rule: WITHIN_90 });
    expect((await api.segments.members({ name: 'recent' })).ids.sort()).toEqual(['1', '2']);

    const profile = await api.profile.get({ dataset: 'old' });
    const stale = profile.alerts.find((a) => a.kind === 'stale');
    // 12 months before 2011-12-01: only customer 4 (last purchase 2010-06-01) is stale.
    expect(stale?.detail).toContain('1 of 4');
    expect(stale?.detail).toContain('2011-12-01');
  });

  it("the workspace's as-of date, when the user sets one, overrides the data's", async () => {
    const { api } = await oldExport();
    await api.workspace.setAsOf({ asOf: '2011-04-01' });
    const live = await api.segments.count({ dataset: 'old', rule: WITHIN_90 });
    expect(live.asOf).toBe('2011-04-01');
    expect(live.asOfSource).toBe("the workspace's as-of date");
    expect(live.count).toBe(1);
    await api.workspace.setAsOf({ asOf: null });
    expect((await api.segments.count({ dataset: 'old', rule: WITHIN_90 })).asOf).toBe('2011-12-01');
  });

  it('consent is judged today: an opt-out dated after the data ends still excludes, whatever the as-of date', async () => {
    const w = await engineWithWorkspace();
    const file = path.join(w.dir, 'optout.csv');
    fs.writeFileSync(file, ['customer_id,last_purchase,marketing_opt_out', '1,2011-12-01,2015-05-01', '2,2011-10-01,', '3,2011-03-01,', ''].join('\n'));
    expect((await importFile(w.engine, w.api, { path: file, name: 'o' })).status.state).toBe('done');
    const info = (await w.api.datasets.list({})).find((d) => d.name === 'o');
    expect(info?.columns.find((c) => c.name === 'marketing_opt_out')?.role).toBe('consent');
    // The opt-out date is not activity: the data's as-of stays its last purchase.
    expect((await w.api.segments.count({ dataset: 'o', rule: WITHIN_90 })).asOf).toBe('2011-12-01');
    await w.api.workspace.setAsOf({ asOf: '2011-12-01' });
    const consent = await w.api.fairness.consent({ dataset: 'o' });
    expect(consent.notConsenting).toBe(1);
    expect(consent.consenting).toBe(2);
  });
});
