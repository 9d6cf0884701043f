import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/result';
import { required, str, type CliCommand } from '../command';

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

export const countCommand: CliCommand = {
  path: ['count'],
  summary: 'Count the customers a rule selects (live count on the in-memory mirror)',
  usage: 'segmentdesk count --workspace WS --dataset NAME --rule RULE.json [--as-of YYYY-MM-DD] [--json]',
  options: { dataset: { type: 'string' }, rule: { type: 'string' }, 'as-of': { type: 'string' } },
  workspace: 'open',
  run: async (v, _p, io) => {
    const rule = readRuleFile(io.cwd, required(v, 'rule'));
    const asOf = str(v, 'as-of');
    const r = await io.api.segments.count({ dataset: required(v, 'dataset'), rule, ...(asOf ? { asOf } : {}) });
    return { count: r.count, total: r.total, ms: r.ms, description: r.description };
  },
  text: (r) => `${String(r.count)} of ${String(r.total)}: ${String(r.description)} (${String(r.ms)} ms)`,
};
