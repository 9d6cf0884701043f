import type { CliCommand } from '../command';

export const workspaceCreate: CliCommand = {
  path: ['workspace', 'create'],
  summary: 'Create a new, empty workspace file',
  usage: 'segmentdesk workspace create --workspace FILE [--json]',
  options: {},
  workspace: 'create',
  run: async (_v, _p, io) => io.api.workspace.info({}),
};

export const workspaceInfo: CliCommand = {
  path: ['workspace', 'info'],
  summary: 'Describe a workspace: file, size, schema version, datasets',
  usage: 'segmentdesk workspace info --workspace FILE [--json]',
  options: {},
  workspace: 'open',
  run: async (_v, _p, io) => io.api.workspace.info({}),
  text: (r) => {
    const ds = (r.datasets as { name: string; kind: string; rows: number; version: number }[]) ?? [];
    return [
      `workspace: ${String(r.workspace)}`,
      `schema version: ${String(r.schemaVersion)}, size: ${String(r.sizeBytes)} bytes`,
      ds.length ? ds.map((d) => `  ${d.name} (${d.kind}, v${d.version}): ${d.rows} rows`).join('\n') : '  no datasets yet',
    ].join('\n');
  },
};

export const demoJobCommand: CliCommand = {
  path: ['demo-job'],
  summary: 'Run the demo job (progress and cancel check)',
  usage: 'segmentdesk demo-job [--steps N] [--ms N] [--json]',
  options: { steps: { type: 'string' }, ms: { type: 'string' } },
  workspace: 'none',
  run: async (v, _p, io) => {
    const { runJob } = await import('../jobs');
    return runJob(io, 'demo', { steps: Number(v.steps ?? 10), ms: Number(v.ms ?? 50) });
  },
};
