import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { sharedData } from '../../helpers/tmp';
import { outcomePreference } from '../../../electron/engine/outcomes/outcome-units';

const marketing = sharedData('marketing_campaign.csv');

describe('outcome preference', () => {
  it('puts campaign-response names first, then yes/no values, then other 0/1 flags; consent and sensitive last', () => {
    expect(outcomePreference({ name: 'Response' }, '1', ['0', '1'])).toBe(0);
    expect(outcomePreference({ name: 'has_responded' }, 'yes', ['no', 'yes'])).toBe(0);
    expect(outcomePreference({ name: 'convertedFlag' }, '1', ['0', '1'])).toBe(0);
    expect(outcomePreference({ name: 'y' }, 'yes', ['no', 'yes'])).toBe(0);
    expect(outcomePreference({ name: 'newsletter' }, 'yes', ['no', 'yes'])).toBe(1);
    expect(outcomePreference({ name: 'AcceptedCmp3' }, '1', ['0', '1'])).toBe(2);
    expect(outcomePreference({ name: 'marketing_consent', role: 'consent' }, 'yes', ['no', 'yes'])).toBe(3);
    expect(outcomePreference({ name: 'responded', sensitive: true }, 'yes', ['no', 'yes'])).toBe(3);
    expect(outcomePreference({ name: 'last_reply_date' }, null, [])).toBe(4);
  });
});

describe.skipIf(!marketing)('defaults on marketing_campaign.csv (skipped: ../shared/data/marketing_campaign.csv absent)', () => {
  it('the outcome is Response, not AcceptedCmp3; clustering pre-ticks no constant, ID, PII or sensitive column', async () => {
    const { engine, api } = await engineWithWorkspace();
    const imp = await runJob(engine, api, 'import', { path: marketing!, name: 'mkt' });
    expect(imp.status.state).toBe('done');

    const outcomes = await api.outcomes.outcomeColumns({ dataset: 'mkt' });
    expect(outcomes[0]).toMatchObject({ name: 'Response', suggestedPositive: 'true' });
    const names = outcomes.map((o) => o.name);
    expect(names.indexOf('Response')).toBeLessThan(names.indexOf('AcceptedCmp3'));

    // Independent: which columns of the file hold one value only (pandas-free: count distinct non-empty cells).
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(marketing!, 'utf8'), { header: true, delimiter: '\t', skipEmptyLines: true }).data;
    const constant = Object.keys(rows[0]).filter((k) => new Set(rows.map((r) => r[k]?.trim()).filter((v) => v)).size === 1);
    expect(constant.sort()).toEqual(['Z_CostContact', 'Z_Revenue']);

    const features = await api.clusters.features({ dataset: 'mkt' });
    const suggested = features.filter((f) => f.suggested);
    expect(suggested.length).toBeGreaterThan(3);
    for (const f of suggested) {
      expect(constant, `${f.name} is constant`).not.toContain(f.name);
      expect(f.role, `${f.name}`).not.toBe('id');
      expect(f.pii || f.sensitive, `${f.name} is personal or sensitive`).toBe(false);
    }
    expect(suggested.map((f) => f.name)).not.toContain('ID');

    // Constant columns are flagged for the pickers (clusters: "one value"; outcomes: never a revenue).
    expect(features.filter((f) => f.constant).map((f) => f.name).sort()).toEqual(constant.sort());
    // Export: no contact column in this file, so everything neither personal nor sensitive; never income or birth year.
    const exp = await api.exports.columns({ dataset: 'mkt' });
    const ticked = exp.columns.filter((c) => c.selected).map((c) => c.name);
    expect(ticked).toContain('ID');
    for (const bad of ['Year_Birth', 'Income', 'Marital_Status']) expect(ticked).not.toContain(bad);
  }, 120_000);
});

describe('defaults on the demo', () => {
  it('the outcome has a recognisable positive value (consent, not gender, which has none), so a default run works', async () => {
    const { api } = await engineWithWorkspace();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sd-demo-defaults-')), 'demo.sdw');
    await api.demo.create({ path: file });
    const outcomes = await api.outcomes.outcomeColumns({ dataset: 'customers' });
    expect(outcomes[0].suggestedPositive).not.toBeNull();
    const res = await api.outcomes.response({ dataset: 'customers', outcome: outcomes[0].name, grouping: { by: 'lifestyle' } });
    expect(res.groups.length).toBeGreaterThan(1);

    // Export: the ID, e-mail and names ticked; gender, birth date and income (sensitive) not.
    const exp = await api.exports.columns({ dataset: 'customers' });
    const ticked = exp.columns.filter((c) => c.selected).map((c) => c.name);
    expect(ticked).toEqual(expect.arrayContaining(['customer_id', 'email', 'first_name', 'last_name']));
    for (const c of exp.columns.filter((x) => x.sensitive)) expect(ticked, `${c.name} is sensitive`).not.toContain(c.name);
    expect(ticked).not.toContain('gender');

  }, 120_000);
});
