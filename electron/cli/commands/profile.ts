import { defineCommand, UsageError } from '../command';

export const profileCommand = defineCommand({
  path: ['profile'],
  summary: 'Per-column statistics and quality alerts of a dataset (latest version)',
  options: {
    dataset: { type: 'string', value: 'NAME', required: true, description: 'the dataset to profile' },
    'stale-months': { type: 'string', value: 'N', description: 'customers without activity for this many months count as stale' },
  },
  conventions: ['profileStats', 'stale', 'asOf'],
  workspace: 'open',
  run: async (v, io) => {
    const months = v['stale-months'];
    if (months !== undefined && !/^\d+$/.test(months)) throw new UsageError(`--stale-months ${months}: a whole number of months`);
    return io.api.profile.get({ dataset: v.dataset, ...(months ? { staleMonths: Number(months) } : {}) });
  },
  text: (r) =>
    [
      `${r.dataset} v${r.version}: ${r.rows} rows`,
      ...r.columns.map((c) => `  ${c.name} (${c.type}): ${c.missing} missing, ${c.distinct} distinct`),
      r.alerts.length ? 'alerts:' : 'no alerts',
      ...r.alerts.map((a) => `  [${a.kind}] ${a.column ?? '(dataset)'}: ${a.detail}`),
    ].join('\n'),
});
