import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { calibrate, calibrateOnOwnThread, calibrateOnThread } from '../../../electron/engine/outcomes/clv-calibration-thread';
import { firstDayOf } from '../../../electron/engine/outcomes/clv-model';
import { loadClvInput } from '../../../electron/engine/outcomes/clv-data';
import { isoDay } from '../../../electron/engine/outcomes/clv-summary';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { generatedCustomers } from '../../helpers/data';

/**
 * Lifetime value's calibration check runs on a second thread while the fit predicts (outcomes/clv-calibration-thread.ts):
 * the same function of the same data, so the same result as on one thread, to the last digit.
 */
afterEach(() => {
  delete process.env.SEGMENTDESK_CLV_THREADS;
});

describe('the calibration check on a second thread', () => {
  it('gives the one-thread result, directly and through the whole fit (generated and demo orders)', async () => {
    expect(calibrateOnOwnThread()).toBe(true);
    const { engine, api } = await engineWithWorkspace();
    const demo = path.resolve(__dirname, '../../../assets/demo/orders.csv');
    for (const [name, file] of [
      ['orders', generatedCustomers().orders],
      ['demo', demo],
    ] as const) {
      expect((await runJob(engine, api, 'import', { path: file, name, as: 'transactions' })).status.state).toBe('done');
      const ws = engine.ctx.ws();
      const input = loadClvInput(ws, name, undefined, 'exclude-cancelled');
      const o = { asOfDay: isoDay(input.at.asOf), period: 'weeks' as const, horizon: 52, discount: 0.1 };
      const task = { customers: input.days.names.length, start: input.days.start, day: input.days.day, value: input.days.value, o, firstDay: firstDayOf(input.days, o) };
      const here = calibrate(task);
      expect(here && 'cutoff' in here).toBe(true);
      expect(await calibrateOnThread(task).outcome).toEqual(here);

      // The whole fit, on two threads and on one: the same result and the same stored scores.
      const fit = async () => {
        const r = await runJob(engine, api, 'clv', { transactions: name });
        expect(r.status.state, JSON.stringify(r.status.error)).toBe('done');
        const scores = ws.db.prepare('SELECT * FROM clv_scores WHERE dataset = ? ORDER BY id').raw(true).all(name);
        return { result: { ...r.result, ms: 0 }, scores };
      };
      const two = await fit();
      process.env.SEGMENTDESK_CLV_THREADS = '1';
      const one = await fit();
      delete process.env.SEGMENTDESK_CLV_THREADS;
      expect(two.result.calibration).not.toBeNull();
      expect(two).toEqual(one);
    }
    engine.close();
  }, 180_000);
});
