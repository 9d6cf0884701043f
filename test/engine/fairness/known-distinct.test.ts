import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { createApi } from '../../../shared/contract/client';
import { getMirror } from '../../../electron/engine/mirror';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { generatedCustomers } from '../../helpers/data';

/**
 * The profile keeps each free-text column's count of distinct values (PII text the copy does not hold), so the
 * proxy scan and segment profiles leave an e-mail column out without reading it: the same findings as reading it.
 */
describe('distinct counts the profile keeps', () => {
  it('let the proxy scan and a segment profile skip e-mails unread, with the same results', async () => {
    const { engine, api, dir, file } = await engineWithWorkspace();
    expect((await runJob(engine, api, 'import', { path: generatedCustomers().customers, name: 'customers', id: 'customer_id' })).status.state).toBe('done');
    const rule = { field: 'annual_income', op: 'gt' as const, value: 60000 };
    // Before any profile: every column is read.
    const before = { proxies: await api.fairness.proxies({ dataset: 'customers' }), profile: await api.segments.profile({ dataset: 'customers', rule }) };
    engine.close();

    const reopen = async () => {
      const e = new Engine({ stateDir: dir, onEvent: () => undefined });
      const a = createApi((req) => e.invoke(req));
      await a.workspace.open({ path: file });
      return { e, a };
    };
    const first = await reopen();
    await first.a.profile.get({ dataset: 'customers' });
    first.e.close();

    const second = await reopen();
    const after = { proxies: await second.a.fairness.proxies({ dataset: 'customers' }), profile: await second.a.segments.profile({ dataset: 'customers', rule }) };
    const columns = getMirror(second.e.ctx.ws(), 'customers').columns as Map<string, unknown> & { knownDistinct(n: string): number | null };
    expect(columns.knownDistinct('email')).toBeGreaterThan(10_000);
    expect(after).toEqual(before);
    expect(before.proxies.length).toBeGreaterThan(0);
    second.e.close();
  }, 120_000);
});
