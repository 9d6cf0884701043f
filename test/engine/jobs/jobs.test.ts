import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared/contract/events';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { JobRunner } from '../../../electron/engine/jobs/runner';

describe('jobs', () => {
  it('reports progress and completes the demo job', async () => {
    const { engine, api, events } = await engineWithWorkspace();
    const { status, result } = await runJob(engine, api, 'demo', { steps: 5, ms: 30 });
    expect(status.state).toBe('done');
    expect(result).toEqual({ steps: 5 });
    const progress = events.filter((e): e is Extract<EngineEvent, { type: 'job' }> => e.type === 'job' && e.job.state === 'running');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.some((e) => e.job.total === 5 && e.job.done > 0)).toBe(true);
  });

  it('cancels a running job', async () => {
    const { engine, api } = await engineWithWorkspace();
    const { jobId } = await api.jobs.start({ kind: 'demo', params: { steps: 1000, ms: 10 } });
    const ended = new Promise<string>((resolve) => {
      engine.onEvent((e) => {
        if (e.type === 'job' && e.job.jobId === jobId && e.job.state !== 'running') resolve(e.job.state);
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(await api.jobs.cancel({ jobId })).toEqual({ cancelled: true });
    expect(await ended).toBe('cancelled');
    expect((await api.jobs.get({ jobId })).state).toBe('cancelled');
    expect(await api.jobs.cancel({ jobId })).toEqual({ cancelled: false });
  });

  it('rejects bad job parameters before starting anything', async () => {
    const { api } = await engineWithWorkspace();
    await expect(api.jobs.start({ kind: 'demo', params: { steps: -1 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await api.jobs.list({})).toEqual([]);
  });

  it('lets the latest job of a group win', async () => {
    const states = new Map<string, string>();
    const runner = new JobRunner((s) => states.set(s.jobId, s.state));
    const slow = async (job: { checkpoint(): Promise<void> }) => {
      for (let i = 0; i < 100; i++) {
        await new Promise((r) => setTimeout(r, 5));
        await job.checkpoint();
      }
      return 1;
    };
    const a = runner.start('demo', 'a', slow, { group: 'g' });
    await new Promise((r) => setTimeout(r, 20));
    const b = runner.start('demo', 'b', slow, { group: 'g' });
    await new Promise((r) => setTimeout(r, 100));
    expect(states.get(a)).toBe('cancelled');
    expect(states.get(b)).toBe('running');
    runner.cancelAll();
  });
});
