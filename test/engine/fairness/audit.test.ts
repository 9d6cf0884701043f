import fs from 'node:fs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/contract/api';
import type { AttributeAudit } from '../../../shared/contract/ns/fairness';
import { engineWithWorkspace } from '../../helpers/engine';
import { customerDataSets } from '../../helpers/data';
import { sharedData } from '../../helpers/tmp';
import { importFile } from './load';

const telco = sharedData('telco_customer_churn.csv');

/** Selection rates per value computed straight from the CSV, independently of the engine. */
function expectedRates(file: string, attribute: string, selected: (r: Record<string, string>) => boolean) {
  const rows = Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const by = new Map<string, { base: number; selected: number }>();
  for (const r of rows) {
    const g = by.get(r[attribute]) ?? { base: 0, selected: 0 };
    g.base++;
    if (selected(r)) g.selected++;
    by.set(r[attribute], g);
  }
  const rates = [...by.values()].filter((g) => g.base >= 30).map((g) => g.selected / g.base);
  return { by, ratio: Math.min(...rates) / Math.max(...rates), difference: Math.max(...rates) - Math.min(...rates), base: rows.length };
}

function checkAgainst(a: AttributeAudit, exp: ReturnType<typeof expectedRates>, label: (v: string) => string = (v) => v) {
  expect(a.groups.length).toBe(exp.by.size);
  for (const [value, g] of exp.by) {
    const got = a.groups.find((x) => x.value === label(value));
    expect(got, `group ${value} of ${a.attribute}`).toBeDefined();
    expect(got).toMatchObject({ base: g.base, selected: g.selected });
    expect(got!.rate).toBeCloseTo(g.selected / g.base, 12);
  }
  expect(a.ratio).toBeCloseTo(exp.ratio, 12);
  expect(a.difference).toBeCloseTo(exp.difference, 12);
  expect(a.flag).toBe(exp.ratio < 0.8);
}

describe.each(customerDataSets())('fairness audit on $label', ({ customers, real }) => {
  let api: Api;
  beforeAll(async () => {
    const w = await engineWithWorkspace();
    api = w.api;
    await importFile(w.engine, api, { path: customers, name: 'customers' });
    await api.workspace.setAsOf({ asOf: '2026-11-01' });
  });

  it('reports selection rates of "lifestyle is premium" by gender and ethnicity that match an independent count', async () => {
    const report = await api.fairness.audit({ dataset: 'customers', rule: { field: 'lifestyle', op: 'eq', value: 'premium' } });
    const isPremium = (r: Record<string, string>) => r.lifestyle === 'premium';
    const gender = expectedRates(customers, 'gender', isPremium);
    expect(report.base).toBe(gender.base);
    expect(report.selected).toBe([...gender.by.values()].reduce((s, g) => s + g.selected, 0));
    checkAgainst(report.attributes.find((a) => a.attribute === 'gender')!, gender);
    checkAgainst(report.attributes.find((a) => a.attribute === 'ethnicity')!, expectedRates(customers, 'ethnicity', isPremium));
    expect(report.sensitiveInRule).toEqual([]);
    expect(report.target).toMatch(/^rule ".*lifestyle.*premium.*"$/);
    // Birth dates are grouped into age bands, income into quartiles; every customer lands in one group.
    const age = report.attributes.find((a) => a.attribute === 'birth_date')!;
    expect(age.binning).toBe('age bands');
    expect(age.groups.reduce((s, g) => s + g.base, 0)).toBe(report.base);
    const income = report.attributes.find((a) => a.attribute === 'annual_income')!;
    expect(income.binning).toBe('quartiles');
    expect(income.groups.filter((g) => g.value !== '(missing)')).toHaveLength(4);
    for (const a of report.attributes) expect(a.explanation.length).toBeGreaterThan(20);
  });

  it('flags city and postal code as proxies for ethnicity when a segment is defined by city', async () => {
    const report = await api.fairness.audit({ dataset: 'customers', rule: { field: 'city', op: 'in', value: ['Toronto', 'Vancouver'] } });
    const city = report.proxies.find((p) => p.column === 'city' && p.attribute === 'ethnicity')!;
    const postal = report.proxies.find((p) => p.column === 'postal_code' && p.attribute === 'ethnicity')!;
    expect(city).toMatchObject({ measure: 'cramers_v', flag: true, used: true });
    expect(city.value).toBeGreaterThanOrEqual(0.3);
    expect(city.explanation).toMatch(/city is (strongly )?associated with ethnicity.*rules on city may/);
    expect(postal).toMatchObject({ measure: 'cramers_v', flag: true, used: false });
    // Columns with no relation to ethnicity stay unflagged; identifier-like columns are not compared at all.
    expect(report.proxies.find((p) => p.column === 'preferred_channel' && p.attribute === 'ethnicity')?.flag).toBe(false);
    expect(report.proxies.some((p) => p.column === 'email' || p.column === 'customer_id')).toBe(false);
    // Numbers are compared by the correlation ratio.
    expect(report.proxies.find((p) => p.column === 'total_spend' && p.attribute === 'gender')?.measure).toBe('eta');
    expect(report.proxies[0].flag).toBe(true);
  });

  it('names the sensitive attributes a rule uses', async () => {
    const r = await api.fairness.checkRule({ dataset: 'customers', rule: { all: [{ field: 'gender', op: 'eq', value: 'F' }, { field: 'total_spend', op: 'gt', value: 100 }] } });
    expect(r).toEqual({ sensitiveInRule: [{ column: 'gender', category: 'gender' }], needsJustification: true });
    const audit = await api.fairness.audit({ dataset: 'customers', rule: { field: 'gender', op: 'eq', value: 'F' } });
    const g = audit.attributes.find((a) => a.attribute === 'gender')!;
    expect(g.ratio).toBe(0);
    expect(g.flag).toBe(true);
    expect(audit.sensitiveInRule).toEqual([{ column: 'gender', category: 'gender' }]);
  });

  // The dataset's consent counts are those of the real file.
  it.runIf(real)('summarises marketing consent, of the dataset and of a segment', async () => {
    const c = await api.fairness.consent({ dataset: 'customers' });
    expect(c).toMatchObject({ columns: ['marketing_consent'], total: 20_000, consenting: 14_714, notConsenting: 5_286, unknown: 0 });
    await api.segments.save({ dataset: 'customers', name: 'boston', rule: { field: 'city', op: 'eq', value: 'Boston' } });
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(customers, 'utf8'), { header: true, skipEmptyLines: true }).data.filter((r) => r.city === 'Boston');
    const seg = await api.fairness.consent({ dataset: 'customers', segment: 'boston' });
    expect(seg).toMatchObject({ total: rows.length, consenting: rows.filter((r) => r.marketing_consent === 'yes').length });
  });

  it('keeps the justification with a segment that uses gender and shows it in the audit', async () => {
    const rule = { field: 'gender', op: 'eq', value: 'F' };
    await expect(api.segments.save({ dataset: 'customers', name: 'women', rule })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const why = 'Mammography reminder campaign, medically indicated';
    await api.segments.save({ dataset: 'customers', name: 'women', rule, justification: why });
    expect((await api.segments.list({ name: 'women' }))[0].justification).toBe(why);
    const logged = (await api.audit.list({ action: 'justification' })).entries[0];
    expect(logged?.what).toContain(why);
    expect(logged?.dataset).toBe('customers');
    const report = await api.fairness.audit({ dataset: 'customers', segment: 'women' });
    expect(report).toMatchObject({ justification: why, sensitiveInRule: [{ column: 'gender', category: 'gender' }], target: 'segment "women"' });
    // Proxies are cached per dataset version; the same findings come back, marked for this rule.
    const again = await api.fairness.audit({ dataset: 'customers', rule: { field: 'city', op: 'eq', value: 'Boston' } });
    expect(again.proxies.find((p) => p.column === 'city' && p.attribute === 'ethnicity')?.used).toBe(true);
    expect(report.proxies.find((p) => p.column === 'city' && p.attribute === 'ethnicity')?.used).toBe(false);
  });
});

describe.skipIf(!telco)('fairness audit on telco_customer_churn.csv', () => {
  it('audits "Contract = Month-to-month" for gender and SeniorCitizen with the right rates and ratio', async () => {
    const { engine, api } = await engineWithWorkspace();
    await importFile(engine, api, { path: telco!, name: 'telco' });
    const report = await api.fairness.audit({ dataset: 'telco', rule: { field: 'Contract', op: 'eq', value: 'Month-to-month' } });
    const monthly = (r: Record<string, string>) => r.Contract === 'Month-to-month';
    expect(report.base).toBe(7043);
    checkAgainst(report.attributes.find((a) => a.attribute === 'gender')!, expectedRates(telco!, 'gender', monthly));
    const senior = expectedRates(telco!, 'SeniorCitizen', monthly);
    checkAgainst(report.attributes.find((a) => a.attribute === 'SeniorCitizen')!, senior, (v) => (v === '1' ? 'yes' : 'no'));
    // Seniors are far more often on month-to-month contracts; the rule still passes the four-fifths line.
    expect(senior.ratio).toBeGreaterThan(0.7);
  });
});
