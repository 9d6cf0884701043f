import { required, str, UsageError, type CliCommand } from '../command';

export const profileCommand: CliCommand = {
  path: ['profile'],
  summary: 'Per-column statistics and quality alerts of a dataset (latest version)',
  usage: 'segmentdesk profile --workspace WS --dataset NAME [--stale-months N] [--json]',
  options: { dataset: { type: 'string' }, 'stale-months': { type: 'string' } },
  workspace: 'open',
  run: async (v, _p, io) => {
    const months = str(v, 'stale-months');
    if (months !== undefined && !/^\d+$/.test(months)) throw new UsageError(`--stale-months ${months}: a whole number of months`);
    return io.api.profile.get({ dataset: required(v, 'dataset'), ...(months ? { staleMonths: Number(months) } : {}) });
  },
  text: (r) => {
    const cols = r.columns as { name: string; type: string; missing: number; distinct: number }[];
    const alerts = r.alerts as { column: string | null; kind: string; detail: string }[];
    return [
      `${String(r.dataset)} v${String(r.version)}: ${String(r.rows)} rows`,
      ...cols.map((c) => `  ${c.name} (${c.type}): ${c.missing} missing, ${c.distinct} distinct`),
      alerts.length ? 'alerts:' : 'no alerts',
      ...alerts.map((a) => `  [${a.kind}] ${a.column ?? '(dataset)'}: ${a.detail}`),
    ].join('\n');
  },
};
