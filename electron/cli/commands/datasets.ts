import { defineCommand } from '../command';

export const datasetsList = defineCommand({
  path: ['datasets', 'list'],
  summary: 'List the datasets of a workspace with their latest version, rows and columns',
  options: {},
  workspace: 'open',
  // One JSON object on stdout: the list sits under "datasets".
  run: async (_v, io) => ({ datasets: await io.api.datasets.list({}) }),
  text: (r) => (r.datasets.length ? r.datasets.map((d) => `${d.name} (${d.kind}, v${d.version}): ${d.rows} rows, ${d.cellErrors} rejected cells`).join('\n') : 'no datasets yet'),
});
