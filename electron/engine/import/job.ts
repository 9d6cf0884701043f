import type { JobImpl } from '../capability';
import { runImport } from './run';
import { msg } from '../../../shared/i18n/current';

/** Job kind `import`: streams the file into a new dataset version (see import/run.ts). */
export const importJob: JobImpl<'import'> = {
  label: (p) => msg('engine.job.label.import', { file: p.path.split(/[\\/]/).pop() ?? p.path }),
  async run(p, ctx, job) {
    const ws = ctx.ws();
    const result = await runImport(ws, p, job, { sole: ctx.headless });
    ctx.emit({ type: 'workspace', change: 'datasets', path: ws.file });
    return result;
  },
};
