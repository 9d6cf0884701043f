import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../shared/contract/client';
import type { EngineEvent } from '../../../shared/contract/events';
import { Engine } from '../../../electron/engine/engine';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';
import { exportedEmails, LYON, writeCustomers } from './fixture';

describe('a second engine on the same workspace file', () => {
  it('drops mirrors built before another connection erased a customer, so counts and exports stay right', async () => {
    const a = await engineWithWorkspace();
    const csv = writeCustomers(a.dir);
    expect((await runJob(a.engine, a.api, 'import', { path: csv, name: 'customers' })).status.state).toBe('done');
    await a.api.segments.save({ dataset: 'customers', name: 'lyon', rule: LYON });
    expect((await a.api.segments.count({ dataset: 'customers', rule: LYON })).total).toBe(60); // builds A's mirror

    const b = new Engine({ headless: true });
    const bApi = createApi((req) => b.invoke(req));
    await bApi.workspace.open({ path: a.file });
    // C0003 is the first Lyon customer: every later row moves up by one in B's file.
    expect((await bApi.erasure.erase({ dataset: 'customers', ids: ['C0003'] })).erased).toBe(1);
    b.close();

    const count = await a.api.segments.count({ dataset: 'customers', rule: LYON });
    expect(count.total).toBe(59);
    expect(count.count).toBe(19);
    const out = path.join(a.dir, 'lyon.csv');
    const ex = await runJob(a.engine, a.api, 'export', { dataset: 'customers', source: { kind: 'segment', name: 'lyon' }, columns: ['customer_id', 'email', 'city'], out });
    expect(ex.status.state).toBe('done');
    const expected = Array.from({ length: 20 }, (_, k) => `c${(k + 1) * 3}@example.org`).filter((e) => e !== 'c3@example.org');
    expect(exportedEmails(out)).toEqual(expected);
    expect(fs.readFileSync(out, 'utf8')).not.toMatch(/Paris/);

    // Clustering works on the rebuilt mirror instead of failing on the stale one.
    const run = await runJob(a.engine, a.api, 'cluster', { dataset: 'customers', features: ['spend'], k: 2, seed: 1 });
    expect(run.status.state).toBe('done');
    a.engine.close();
  });

  it('tells the renderer once with an `external` workspace event, and not for its own writes', async () => {
    const a = await engineWithWorkspace();
    const csv = writeCustomers(a.dir);
    expect((await runJob(a.engine, a.api, 'import', { path: csv, name: 'customers' })).status.state).toBe('done');
    await a.api.segments.count({ dataset: 'customers', rule: LYON });
    await a.api.segments.save({ dataset: 'customers', name: 'lyon', rule: LYON });
    await a.api.workspace.info({});
    const external = (events: EngineEvent[]) => events.filter((e) => e.type === 'workspace' && e.change === 'external').length;
    expect(external(a.events)).toBe(0);

    const b = new Engine({ headless: true });
    const bApi = createApi((req) => b.invoke(req));
    await bApi.workspace.open({ path: a.file });
    await bApi.erasure.erase({ dataset: 'customers', ids: ['C0001'] });
    b.close();

    await a.api.workspace.info({});
    await a.api.segments.count({ dataset: 'customers', rule: LYON });
    expect(external(a.events)).toBe(1);
    a.engine.close();
  });

  it('notices an external write without a request, by polling data_version', async () => {
    const dir = tmpDir();
    const events: EngineEvent[] = [];
    const a = new Engine({ onEvent: (e) => events.push(e), externalPollMs: 20 });
    const aApi = createApi((req) => a.invoke(req));
    const file = path.join(dir, 'w.sdw');
    await aApi.workspace.create({ path: file });
    const b = new Engine({ headless: true });
    const bApi = createApi((req) => b.invoke(req));
    await bApi.workspace.open({ path: file });
    await bApi.workspace.setAsOf({ asOf: '2026-01-31' });
    b.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(events.some((e) => e.type === 'workspace' && e.change === 'external')).toBe(true);
    a.close();
  });
});
