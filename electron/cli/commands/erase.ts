import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/result';
import { defineCommand, UsageError } from '../command';

/** One ID per line (a header line "id" or the dataset's ID column name is skipped by not matching anyone). */
function idsFromFile(cwd: string, file: string): string[] {
  const abs = path.resolve(cwd, file);
  try {
    return fs
      .readFileSync(abs, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((l) => l.split(/[,;\t]/)[0].trim().replace(/^"(.*)"$/, '$1'))
      .filter(Boolean);
  } catch {
    throw new AppError('NOT_FOUND', `ID file ${abs} cannot be read`);
  }
}

export const eraseCommand = defineCommand({
  path: ['erase'],
  summary: 'Erase customers (right to be forgotten) from every place in the workspace; irreversible, logged without their data',
  options: {
    dataset: { type: 'string', value: 'NAME', required: true, description: 'the customers dataset the IDs belong to' },
    // IDs may contain commas in principle, so --id values are taken whole rather than split.
    id: { type: 'string', value: 'ID', repeatable: true, description: 'a customer ID to erase' },
    'ids-file': { type: 'string', value: 'FILE', description: 'a file with one customer ID per line (first column)' },
  },
  groups: [{ alternatives: [['id'], ['ids-file']], required: true }],
  workspace: 'open',
  run: async (v, io) => {
    const ids = [...(v.id ?? [])];
    if (v['ids-file']) ids.push(...idsFromFile(io.cwd, v['ids-file']));
    if (ids.length === 0) throw new UsageError('give at least one --id (or --ids-file)');
    // Found nowhere: the engine refuses with NOT_FOUND, so the command exits non-zero.
    const r = await io.api.erasure.erase({ dataset: v.dataset, ids });
    return { erased: r.erased, places: r.places, notFound: r.notFound, earlierFiles: r.earlierFiles, scrubbed: r.scrubbed };
  },
  text: (r) =>
    [
      `erased ${r.erased} customer(s); ${r.notFound} ID(s) not found`,
      ...r.places.map((p) => `  ${p.place}: ${p.rows} row(s)`),
      ...(r.earlierFiles.length ? ['files made earlier that held them (delete or correct them by hand):', ...r.earlierFiles.map((f) => `  ${f.kind} ${f.path} (${f.at})`)] : []),
    ].join('\n'),
});
