import { SQL_DIALECTS } from '../../../shared/rules/operators';
import { defineCommand, UsageError } from '../command';
import { readRuleFile } from './count';

export const sqlCommand = defineCommand({
  path: ['sql'],
  summary:
    "A saved segment (or a rule) as SQL for another database holding the same customers table: the workspace itself (sqlite) or the client's warehouse (duckdb, postgres). " +
    "Relative dates are fixed to days counted back from the data's as-of date, so the warehouse selects what SegmentDesk counted; countSql counts customers as SegmentDesk does (distinct IDs). " +
    'Segments built on clusters, RFM, lifetime value or order-history conditions compile for sqlite only (they read results and order lines inside the workspace).',
  options: {
    dataset: { type: 'string', value: 'NAME', description: 'the customers dataset the rule applies to (given by --segment otherwise)' },
    segment: { type: 'string', value: 'NAME', description: 'a saved segment' },
    rule: { type: 'string', value: 'RULE.json', description: 'a segment rule as a JSON file (with --dataset)' },
    dialect: { type: 'string', choices: SQL_DIALECTS, default: 'sqlite', description: 'the SQL dialect' },
    table: { type: 'string', value: 'TABLE', description: "the table to read in the target database (default: the dataset's name)" },
  },
  groups: [{ alternatives: [['segment'], ['rule']], required: true }],
  conventions: ['asOf', 'customers'],
  workspace: 'open',
  run: async (v, io) => {
    if (v.segment === undefined && v.rule === undefined) throw new UsageError('give --segment NAME, or --dataset NAME with --rule RULE.json');
    if (v.rule !== undefined && v.dataset === undefined) throw new UsageError('--rule needs --dataset NAME');
    const rule = v.rule !== undefined ? readRuleFile(io.cwd, v.rule) : undefined;
    return io.api.segments.sql({
      dialect: v.dialect,
      ...(v.segment !== undefined ? { segment: v.segment } : {}),
      ...(v.dataset !== undefined ? { dataset: v.dataset } : {}),
      rule,
      ...(v.table !== undefined ? { table: v.table } : {}),
    });
  },
  text: (r) => `-- ${r.description} (${r.dialect}; relative dates as of ${r.asOf}, ${r.asOfSource})\n${r.sql};\n-- parameters: ${JSON.stringify(r.params)}`,
});
