import type { CliCommand } from '../command';

export const datasetsList: CliCommand = {
  path: ['datasets', 'list'],
  summary: 'List the datasets of a workspace with their latest version, rows and columns',
  usage: 'segmentdesk datasets list --workspace WS [--json]',
  options: {},
  workspace: 'open',
  // One JSON object on stdout: the list sits under "datasets".
  run: async (_v, _p, io) => ({ datasets: await io.api.datasets.list({}) }),
  text: (r) => {
    const ds = r.datasets as { name: string; kind: string; version: number; rows: number; cellErrors: number }[];
    return ds.length ? ds.map((d) => `${d.name} (${d.kind}, v${d.version}): ${d.rows} rows, ${d.cellErrors} rejected cells`).join('\n') : 'no datasets yet';
  },
};
