import fs from 'node:fs';
import path from 'node:path';
import { required, str, type CliCommand } from '../command';
import { readRuleFile } from './count';

export const segmentSave: CliCommand = {
  path: ['segment', 'save'],
  summary: 'Save (create or replace) a segment from a rule file and snapshot its members',
  usage: 'segmentdesk segment save --workspace WS --dataset NAME --name SEG --rule RULE.json [--justification TEXT] [--json]',
  options: { dataset: { type: 'string' }, name: { type: 'string' }, rule: { type: 'string' }, justification: { type: 'string' } },
  workspace: 'open',
  run: async (v, _p, io) =>
    io.api.segments.save({
      dataset: required(v, 'dataset'),
      name: required(v, 'name'),
      rule: readRuleFile(io.cwd, required(v, 'rule')),
      justification: str(v, 'justification') ?? null,
    }),
  text: (r) => `saved "${String(r.name)}": ${String(r.size)} of ${String(r.total)} customers — ${String(r.description)}`,
};

export const segmentList: CliCommand = {
  path: ['segment', 'list'],
  summary: 'Saved segments with their sizes (and sizes per dataset version)',
  usage: 'segmentdesk segment list --workspace WS [--name SEG] [--json]',
  options: { name: { type: 'string' } },
  workspace: 'open',
  run: async (v, _p, io) => {
    const name = str(v, 'name');
    return { segments: await io.api.segments.list(name ? { name } : {}) };
  },
  text: (r) => {
    const segs = r.segments as { name: string; size: number; total: number; description: string }[];
    return segs.length ? segs.map((s) => `${s.name}: ${s.size} of ${s.total} — ${s.description}`).join('\n') : 'no segments yet';
  },
};

export const segmentHistory: CliCommand = {
  path: ['segment', 'history'],
  summary: 'Size of a segment per dataset version, with how many entered and left',
  usage: 'segmentdesk segment history --workspace WS [--name SEG] [--json]',
  options: { name: { type: 'string' } },
  workspace: 'open',
  run: async (v, _p, io) => {
    const name = str(v, 'name');
    if (name) return io.api.segments.history({ name });
    const all = await io.api.segments.list({});
    return { segments: await Promise.all(all.map((s) => io.api.segments.history({ name: s.name }))) };
  },
};

export const segmentMembers: CliCommand = {
  path: ['segment', 'members'],
  summary: "Write a segment's member IDs to a CSV file (header id)",
  usage: 'segmentdesk segment members --workspace WS --name SEG --out FILE.csv [--json]',
  options: { name: { type: 'string' }, out: { type: 'string' } },
  workspace: 'open',
  run: async (v, _p, io) => {
    const name = required(v, 'name');
    const out = path.resolve(io.cwd, required(v, 'out'));
    const { ids } = await io.api.segments.members({ name });
    const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const tmp = `${out}.part`;
    fs.writeFileSync(tmp, `id\n${ids.map((id) => `${quote(id)}\n`).join('')}`);
    fs.renameSync(tmp, out);
    return { name, members: ids.length, out };
  },
};
