import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/result';
import { defineCommand } from '../command';

/** Read a rule file as JSON; a broken file is the user's input, so the message names file and place. */
export function readRuleFile(cwd: string, file: string): unknown {
  const abs = path.resolve(cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `rule file ${abs} cannot be read`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    throw new AppError('BAD_INPUT', `rule file ${abs} is not valid JSON: ${(e as Error).message}`);
  }
}

export const countCommand = defineCommand({
  path: ['count'],
  summary: 'Count the customers a rule selects (live count on the in-memory mirror)',
  options: {
    dataset: { type: 'string', value: 'NAME', required: true, description: 'the customers dataset the rule applies to' },
    rule: { type: 'string', value: 'RULE.json', required: true, description: 'the segment rule as a JSON file' },
    'as-of': { type: 'string', value: 'YYYY-MM-DD', description: 'the date relative rules ("within the last 90 days") count from' },
  },
  conventions: ['asOf', 'customers', 'orderHistory'],
  workspace: 'open',
  run: async (v, io) => {
    const rule = readRuleFile(io.cwd, v.rule);
    const asOf = v['as-of'];
    const r = await io.api.segments.count({ dataset: v.dataset, rule, ...(asOf ? { asOf } : {}) });
    return { count: r.count, total: r.total, ms: r.ms, description: r.description };
  },
  text: (r) => `${r.count} of ${r.total}: ${r.description} (${r.ms} ms)`,
});
