import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAgeColumn } from '../../../electron/engine/fairness/ages';
import { engineWithWorkspace } from '../../helpers/engine';
import { sharedData, tmpDir } from '../../helpers/tmp';
import { pandasPython } from '../rfm/reference';
import { importFile } from './load';

const EVERYONE = { all: [] };

describe('reading age columns', () => {
  const years = Float64Array.of(1950, 1980, 1999, NaN);
  const ages = Float64Array.of(20, 45, 70);
  it('reads birth-year names with 4-digit years as birth years, silently', () => {
    for (const name of ['Year_Birth', 'birth_year', 'rok_urodzenia', 'année_naissance', 'YearOfBirth']) expect(readAgeColumn(name, years, 2014), name).toEqual({ reading: 'birth-year', note: null });
    expect(readAgeColumn('age', ages, 2014)).toEqual({ reading: 'age', note: null });
  });
  it('says so when name and values disagree or the values are mixed, and honours an override', () => {
    expect(readAgeColumn('age', years, 2014)).toMatchObject({ reading: 'birth-year', note: expect.stringMatching(/although its name says age/) });
    expect(readAgeColumn('birth_year', ages, 2014)).toMatchObject({ reading: 'age', note: expect.stringMatching(/named like a birth year/) });
    expect(readAgeColumn('cohort', Float64Array.of(1960, 40), 2014)).toMatchObject({ reading: 'age', note: expect.stringMatching(/ambiguous \(1 values look like birth years, 1 like ages/) });
    expect(readAgeColumn('Year_Birth', years, 2014, 'age')).toMatchObject({ reading: 'age', note: expect.stringMatching(/as chosen/) });
  });
});

describe('fairness age bands from a birth-year column', () => {
  it("uses the age at the data's own latest date, notes ambiguous columns, and takes an override", async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'people.csv');
    const rows = ['ID,Year_Birth,cohort,joined'];
    // Ages at 2014-06-29 (the latest date in the file): 1990 → 24, 1960 → 54, 1940 → 74.
    for (let i = 0; i < 90; i++) rows.push(`${i},${[1990, 1960, 1940][i % 3]},${i % 2 ? 1970 : 35},${i === 5 ? '2014-06-29' : '2013-01-15'}`);
    fs.writeFileSync(file, `${rows.join('\n')}\n`);
    const { engine, api } = await engineWithWorkspace();
    await importFile(engine, api, { path: file, name: 'people' });
    for (const column of ['Year_Birth', 'cohort']) await api.datasets.updateColumn({ name: 'people', column, sensitive: true, sensitiveCategory: 'age' });
    const r = await api.fairness.audit({ dataset: 'people', rule: EVERYONE });
    expect(r).toMatchObject({ asOf: '2014-06-29', asOfSource: 'the latest date in people (joined)' });
    const yb = r.attributes.find((a) => a.attribute === 'Year_Birth')!;
    expect(yb.groups.map((g) => [g.value, g.base])).toEqual([
      ['18–24', 30],
      ['45–54', 30],
      ['65+', 30],
    ]);
    expect(yb.binning).toBe('age bands (age reached in 2014, from birth years)');
    expect(r.notes.join(' ')).toMatch(/cohort is ambiguous/);
    const chosen = await api.fairness.audit({ dataset: 'people', rule: EVERYONE, ageReadings: { cohort: 'birth-year' } });
    expect(chosen.attributes.find((a) => a.attribute === 'cohort')!.groups.map((g) => g.value)).toContain('35–44'); // born 1970
    expect(chosen.notes.join(' ')).toMatch(/cohort is read as birth years, as chosen/);
    await expect(api.fairness.audit({ dataset: 'people', rule: EVERYONE, ageReadings: { nope: 'age' } })).rejects.toThrow(/no column "nope"/);
    engine.close();
  }, 60_000);
});

const marketing = sharedData('marketing_campaign.csv');
const py = pandasPython();

describe.skipIf(!marketing || !py)('Year_Birth of marketing_campaign.csv against pandas (skipped: needs ../shared/data/marketing_campaign.csv and python3 with pandas)', () => {
  it('puts the 2,240 customers in the same age bands as pandas on the as-of date', async () => {
    const script = path.join(__dirname, 'ages_reference.py');
    const out = spawnSync(py as string, [script, marketing as string, '\t', 'Year_Birth', 'Dt_Customer', '%d-%m-%Y'], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const ref = JSON.parse(out.stdout) as { asOf: string; bands: Record<string, number> };
    const { engine, api } = await engineWithWorkspace();
    await importFile(engine, api, { path: marketing as string, name: 'marketing' });
    const col = (await api.workspace.info({})).datasets[0].columns.find((c) => c.name === 'Year_Birth');
    expect(col).toMatchObject({ sensitive: true, sensitiveCategory: 'age' });
    const r = await api.fairness.audit({ dataset: 'marketing', rule: EVERYONE });
    expect(r.asOf).toBe(ref.asOf);
    const yb = r.attributes.find((a) => a.attribute === 'Year_Birth')!;
    expect(Object.fromEntries(yb.groups.map((g) => [g.value, g.base]))).toEqual(ref.bands);
    expect(yb.ratio).not.toBeNull();
    engine.close();
  }, 120_000);
});
