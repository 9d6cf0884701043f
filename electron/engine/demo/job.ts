import type { JobImpl } from '../capability';

export const demoJob: JobImpl<'demo'> = {
  label: (p) => `Demo job (${p.steps} steps)`,
  async run(p, _ctx, job) {
    for (let i = 0; i < p.steps; i++) {
      job.report('counting', i, p.steps);
      await new Promise((r) => setTimeout(r, p.ms));
      await job.checkpoint();
    }
    return { steps: p.steps };
  },
};
