import fs from 'node:fs';
import path from 'node:path';
import { defineCommand } from '../command';
import { readRuleFile } from './count';

export const segmentSave = defineCommand({
  path: ['segment', 'save'],
  summary: 'Save (create or replace) a segment from a rule file and snapshot its members',
  options: {
    dataset: { type: 'string', value: 'NAME', required: true, description: 'the customers dataset the rule applies to' },
    name: { type: 'string', value: 'SEG', required: true, description: 'the segment name; an existing segment of that name is replaced' },
    rule: { type: 'string', value: 'RULE.json', required: true, description: 'the segment rule as a JSON file' },
    justification: { type: 'string', value: 'TEXT', description: 'why the rule uses a sensitive column (needed when it does; kept in the audit log)' },
  },
  conventions: ['asOf', 'customers', 'orderHistory'],
  workspace: 'open',
  run: async (v, io) =>
    io.api.segments.save({
      dataset: v.dataset,
      name: v.name,
      rule: readRuleFile(io.cwd, v.rule),
      justification: v.justification ?? null,
    }),
  text: (r) => `saved "${r.name}": ${r.size} of ${r.total} customers — ${r.description}`,
});

export const segmentList = defineCommand({
  path: ['segment', 'list'],
  summary: 'Saved segments with their sizes (and sizes per dataset version)',
  options: { name: { type: 'string', value: 'SEG', description: 'only this segment' } },
  workspace: 'open',
  run: async (v, io) => ({ segments: await io.api.segments.list(v.name ? { name: v.name } : {}) }),
  text: (r) => (r.segments.length ? r.segments.map((s) => `${s.name}: ${s.size} of ${s.total} — ${s.description}`).join('\n') : 'no segments yet'),
});

export const segmentHistory = defineCommand({
  path: ['segment', 'history'],
  summary: 'Size of a segment per dataset version, with how many entered and left',
  options: { name: { type: 'string', value: 'SEG', description: 'only this segment (default: every saved segment)' } },
  workspace: 'open',
  run: async (v, io) => {
    if (v.name) return io.api.segments.history({ name: v.name });
    const all = await io.api.segments.list({});
    return { segments: await Promise.all(all.map((s) => io.api.segments.history({ name: s.name }))) };
  },
});

export const segmentMembers = defineCommand({
  path: ['segment', 'members'],
  summary: "Write a segment's member IDs to a CSV file (header id)",
  options: {
    name: { type: 'string', value: 'SEG', required: true, description: 'the saved segment' },
    out: { type: 'string', value: 'FILE.csv', required: true, description: 'the CSV file to write' },
  },
  workspace: 'open',
  run: async (v, io) => {
    const out = path.resolve(io.cwd, v.out);
    const { ids } = await io.api.segments.members({ name: v.name });
    const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const tmp = `${out}.part`;
    fs.writeFileSync(tmp, `id\n${ids.map((id) => `${quote(id)}\n`).join('')}`);
    fs.renameSync(tmp, out);
    return { name: v.name, members: ids.length, out };
  },
});
