import type { JobImpl } from '../capability';
import { msg } from '../../../shared/i18n/current';

export const demoJob: JobImpl<'demo'> = {
  label: (p) => msg('engine.job.label.demo', { steps: p.steps }),
  async run(p, _ctx, job) {
    for (let i = 0; i < p.steps; i++) {
      job.report('counting', i, p.steps);
      await new Promise((r) => setTimeout(r, p.ms));
      await job.checkpoint();
    }
    return { steps: p.steps };
  },
};
