import { defineCommand } from '../command';
import { runJob } from '../jobs';

export const workspaceCreate = defineCommand({
  path: ['workspace', 'create'],
  summary: 'Create a new, empty workspace file',
  options: {},
  workspace: 'create',
  run: async (_v, io) => io.api.workspace.info({}),
});

export const workspaceInfo = defineCommand({
  path: ['workspace', 'info'],
  summary: 'Describe a workspace: file, size, schema version, datasets',
  options: {},
  workspace: 'open',
  run: async (_v, io) => io.api.workspace.info({}),
  text: (r) =>
    [
      `workspace: ${r.workspace}`,
      `schema version: ${r.schemaVersion}, size: ${r.sizeBytes} bytes`,
      r.datasets.length ? r.datasets.map((d) => `  ${d.name} (${d.kind}, v${d.version}): ${d.rows} rows`).join('\n') : '  no datasets yet',
    ].join('\n'),
});

export const demoJobCommand = defineCommand({
  path: ['demo-job'],
  summary: 'Run the demo job (progress and cancel check)',
  options: {
    steps: { type: 'string', value: 'N', default: '10', description: 'number of steps' },
    ms: { type: 'string', value: 'N', default: '50', description: 'milliseconds per step' },
  },
  workspace: 'none',
  run: async (v, io) => runJob(io, 'demo', { steps: Number(v.steps), ms: Number(v.ms) }),
});
