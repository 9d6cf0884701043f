import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/result';
import type { CliCommand } from '../command';
import { required, str, UsageError } from '../command';

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

export const eraseCommand: CliCommand = {
  path: ['erase'],
  summary: 'Erase customers (right to be forgotten) from every place in the workspace; irreversible, logged without their data',
  usage: 'segmentdesk erase --workspace WS --dataset NAME --id ID [--id ID…] [--ids-file FILE] [--json]',
  options: { dataset: { type: 'string' }, id: { type: 'string', multiple: true }, 'ids-file': { type: 'string' } },
  workspace: 'open',
  run: async (v, _p, io) => {
    const dataset = required(v, 'dataset');
    // IDs may contain commas in principle, so --id values are taken whole rather than split.
    const raw = v.id;
    const ids = [...(Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [])];
    const file = str(v, 'ids-file');
    if (file) ids.push(...idsFromFile(io.cwd, file));
    if (ids.length === 0) throw new UsageError('give at least one --id (or --ids-file)');
    // Found nowhere: the engine refuses with NOT_FOUND, so the command exits non-zero.
    const r = await io.api.erasure.erase({ dataset, ids });
    return { erased: r.erased, places: r.places, notFound: r.notFound, earlierFiles: r.earlierFiles, scrubbed: r.scrubbed };
  },
  text: (r) => {
    const places = r.places as { place: string; rows: number }[];
    const files = r.earlierFiles as { path: string; kind: string; at: string }[];
    return [
      `erased ${String(r.erased)} customer(s); ${String(r.notFound)} ID(s) not found`,
      ...places.map((p) => `  ${p.place}: ${p.rows} row(s)`),
      ...(files.length ? ['files made earlier that held them (delete or correct them by hand):', ...files.map((f) => `  ${f.kind} ${f.path} (${f.at})`)] : []),
    ].join('\n');
  },
};
