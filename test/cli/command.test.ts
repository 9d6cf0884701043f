import { describe, expect, it } from 'vitest';
import { defineCommand, UsageError, type CliIO } from '../../electron/cli/command';
import { COMMANDS } from '../../electron/cli/commands';

const io = {} as CliIO; // run below never touches io

const demo = defineCommand({
  path: ['demo', 'cmd'],
  summary: 'A command for the test',
  positionals: [{ name: 'FILE', required: true, description: 'the input' }],
  options: {
    dataset: { type: 'string', value: 'NAME', required: true, description: 'the dataset' },
    segment: { type: 'string', value: 'SEG', description: 'a segment' },
    run: { type: 'string', value: 'R', description: 'a run' },
    period: { type: 'string', choices: ['days', 'weeks'], default: 'weeks', description: 'the unit' },
    features: { type: 'string', value: 'a,b', list: true, repeatable: true, description: 'the columns' },
    id: { type: 'string', value: 'ID', repeatable: true, description: 'an ID' },
    force: { type: 'boolean', description: 'do it anyway' },
  },
  groups: [{ alternatives: [['segment'], ['run']], required: true }],
  workspace: 'open',
  run: async (v, _io, positionals) => {
    // The declared types, checked by the compiler: no casts.
    const period: 'days' | 'weeks' = v.period;
    const features: string[] | undefined = v.features;
    const force: boolean = v.force;
    return { file: positionals[0], dataset: v.dataset, period, features, ids: v.id, force };
  },
  text: (r) => `${r.dataset} ${r.period}`,
});

describe('defineCommand', () => {
  it('generates the usage line and --help from the option declarations', () => {
    expect(demo.usage).toBe('segmentdesk demo cmd FILE --workspace WS --dataset NAME (--segment SEG | --run R) [--period days|weeks] [--features a,b] [--id ID…] [--force] [--json]');
    expect(demo.help.split('\n').slice(0, 2)).toEqual([demo.usage, '  A command for the test']);
    expect(demo.help).toMatch(/--dataset NAME\s+the dataset \(required\)/);
    expect(demo.help).toMatch(/--period days\|weeks\s+the unit \(default: weeks\)/);
    expect(demo.help).toMatch(/--id ID…\s+an ID \(repeatable\)/);
    expect(demo.parseOptions).toMatchObject({ features: { type: 'string', multiple: true }, force: { type: 'boolean' } });
  });

  it('types, defaults, splits and joins the parsed values', async () => {
    const out = await demo.bind({ dataset: 'c', features: ['a, b', 'c'], id: ['x,y', 'z'] }, ['in.csv'])(io);
    expect(out.json).toEqual({ file: 'in.csv', dataset: 'c', period: 'weeks', features: ['a', 'b', 'c'], ids: ['x,y', 'z'], force: false });
    expect(out.text()).toBe('c weeks');
  });

  it('rejects missing required options and positionals, unknown choices and extra arguments as usage errors', () => {
    const bind = (values: Record<string, string | boolean | string[]>, positionals: string[]) => () => demo.bind(values, positionals);
    expect(bind({}, ['f'])).toThrow(new UsageError('--dataset is required'));
    expect(bind({ dataset: '' }, ['f'])).toThrow(new UsageError('--dataset is required'));
    expect(bind({ dataset: 'c' }, [])).toThrow(new UsageError('the FILE to demo cmd is required'));
    expect(bind({ dataset: 'c' }, ['f', 'g'])).toThrow(new UsageError('unexpected argument "g"'));
    expect(bind({ dataset: 'c', period: 'months' }, ['f'])).toThrow(new UsageError('--period months: expected one of days, weeks'));
  });

  it('every command lists each of its options in --help and in its usage line', () => {
    for (const cmd of COMMANDS) {
      for (const name of Object.keys(cmd.parseOptions)) {
        expect(cmd.help, `${cmd.path.join(' ')} --help`).toContain(`--${name}`);
        expect(cmd.usage, `${cmd.path.join(' ')} usage`).toContain(`--${name}`);
      }
      expect(cmd.usage.startsWith(`segmentdesk ${cmd.path.join(' ')}`)).toBe(true);
    }
  });
});

describe('conventions in --help', () => {
  // Every command whose output holds a computed number says how it is computed, in the shared words.
  const expected: Record<string, string[]> = {
    rfm: ['As-of date', 'Returns and cancellations', 'RFM scores'],
    clv: ['As-of date', 'Returns and cancellations', 'Lifetime value model'],
    cluster: ['Preparing features for clustering', 'k-means', 'Choosing the number of clusters'],
    count: ['As-of date', 'Customers, not rows'],
    profile: ['Column statistics', 'Stale records'],
    audit: ['Fairness audit', 'Significance tests'],
    response: ['Response rates', 'Significance tests'],
    export: ['Marketing consent'],
    'segment save': ['As-of date'],
  };
  for (const [path, titles] of Object.entries(expected)) {
    it(`segmentdesk ${path} --help`, () => {
      const cmd = COMMANDS.find((c) => c.path.join(' ') === path);
      expect(cmd, path).toBeDefined();
      const how = cmd!.help.split('How the numbers are computed:\n')[1] ?? '';
      for (const t of titles) expect(how).toContain(`  ${t}: `);
    });
  }
});
