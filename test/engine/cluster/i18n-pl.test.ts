import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseK, reasonText, type ReasonFacts } from '../../../electron/engine/cluster/choose-k';
import { effectText, explainClusters } from '../../../electron/engine/cluster/explain';
import { prepareFeatures, type RawColumn } from '../../../electron/engine/cluster/prepare';
import { setMessageLocale } from '../../../shared/i18n/current';
import { translator } from '../../../shared/i18n/translator';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

const base = { role: 'behavioural' as const, sensitive: false, pii: false };
const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
function prepared() {
  const cols: RawColumn[] = [
    { ...base, name: 'signup_date', type: 'date', kind: 'numeric', values: Float64Array.from([100, 110, 120, 130, 400, 410, 420, 430]) },
    { ...base, name: 'consent', type: 'boolean', kind: 'numeric', values: Float64Array.from([1, 1, 1, 0, 0, 0, 0, 1]) },
    { ...base, name: 'spend', type: 'number', kind: 'numeric', values: Float64Array.from([10000.5, 20000.25, 15000, 12000, 1000, 1200, 900, 1100]) },
  ];
  return prepareFeatures(cols, { scale: 'standard', transform: 'none', includeSensitive: false });
}
const pl = translator('pl');

afterEach(() => setMessageLocale('en'));

describe('cluster explanations in Polish', () => {
  it('say the cards in Polish with Polish numbers, dates and plurals; the stored text stays English', () => {
    setMessageLocale('pl');
    const e = explainClusters(prepared(), labels, 2, '2025-07-01');
    // Stored text is the CLI's English; suggested names (the clusters' data) are in the language of the fit.
    const spend = e.clusters[0].features.find((f) => f.feature === 'spend')!;
    expect(spend.text).toBe('spend 13.6× higher (avg 14,250 vs 1,050 for the rest)');
    expect(e.clusters.map((c) => c.name)).toEqual(['Późniejsze signup_date · Wysokie spend', 'Wcześniejsze signup_date · Niskie spend']);
    // Decimal comma, a no-break space between thousands (Intl's Polish grouping), dd.mm.yyyy dates, "300 dni".
    expect(effectText(spend, 'number', '2025-07-01', pl)).toBe('spend: 13,6× więcej (średnio 14\u00a0250 wobec 1050 u reszty)');
    const date = e.clusters[0].features.find((f) => f.feature === 'signup_date')!;
    expect(effectText(date, 'date', '2025-07-01', pl)).toBe('signup_date: bardziej niedawno (średnio 08.03.2025 wobec 12.05.2024 u reszty, 300 dni później)');
    const consent = e.clusters[0].features.find((f) => f.feature === 'consent')!;
    expect(effectText(consent, 'boolean', '2025-07-01', pl)).toBe('consent: częściej „tak” (75,0% „tak” wobec 25,0% u reszty)');
  });

  it('give the recommended number of groups with the Polish plural forms (1, 2, 5, 22)', () => {
    const facts = (k: number): ReasonFacts => ({ kind: 'best', k, silhouette: 0.514, two: 0.514, lo: 2, hi: 30, elbow: null, dropped: [], sampledRows: null });
    expect(reasonText(facts(2), pl)).toMatch(/^2 grupy: klienci dzielą się na 2 wyraźnie odrębne grupy \(separacja 0,51 w skali od −1 do 1/);
    expect(reasonText(facts(5), pl)).toMatch(/^5 grup: klienci najwyraźniej dzielą się na 5 grup \(separacja 0,51/);
    expect(reasonText(facts(22), pl)).toMatch(/^22 grupy: klienci najwyraźniej dzielą się na 22 grupy/);
    expect(reasonText({ ...facts(5), sampledRows: 20000 }, pl)).toMatch(/zmierzone na losowej próbie \(ze stałym ziarnem\) 20\u00a0000 wierszy/);
    // English stays the CLI's sentence.
    const c = chooseK(
      [2, 3, 4].map((k, i) => ({ k, inertia: [100, 60, 50][i], silhouette: [0.3, 0.6, 0.2][i], smallestShare: [0.2, 0.005, 0.1][i] })),
      null,
    );
    expect(c.reason).toMatch(/Not 3 groups: one of their groups would hold under 2 %/);
    expect(reasonText(c.facts, pl)).toMatch(/Odrzucone liczby grup: 3 – jedna z grup miałaby mniej niż 2% wierszy/);
  });

  it('re-say a saved run in the reader’s language, from the stored numbers', { timeout: 120_000 }, async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const csv = path.join(dir, 'people.csv');
    const rows = ['id,spend,visits'];
    for (let i = 0; i < 40; i++) rows.push(`${i + 1},${i < 20 ? 5000 + i * 10 : 100 + i},${i < 20 ? 30 + (i % 3) : 2 + (i % 2)}`);
    fs.writeFileSync(csv, rows.join('\n'));
    expect((await runJob(engine, api, 'import', { path: csv, name: 'people' })).status.state).toBe('done');
    const fit = await runJob(engine, api, 'cluster', { dataset: 'people', features: ['spend', 'visits'], k: 'auto', kRange: [2, 4], seed: 1 });
    expect(fit.status.error).toBeUndefined();
    const en = await api.clusters.get({ run: fit.result.run });
    expect(en.reason).toMatch(/^2 groups: customers fall into 2 clearly distinct groups/);
    expect(en.clusters[0].top[0].text).toMatch(/higher|lower/);
    setMessageLocale('pl');
    const plRun = await api.clusters.get({ run: fit.result.run });
    expect(plRun.reason).toMatch(/^2 grupy: klienci dzielą się na 2 wyraźnie odrębne grupy/);
    expect(plRun.clusters.map((c) => c.top[0].text).join(' | ')).toMatch(/średnio \d[\d\u00a0]*(,\d)? wobec .* u reszty/);
    // The names stay what the run saved (they are data: the cluster view and segments use them).
    expect(plRun.clusters.map((c) => c.name)).toEqual(en.clusters.map((c) => c.name));
  });
});
