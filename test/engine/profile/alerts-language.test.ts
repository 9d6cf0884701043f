import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { columnAlerts } from '../../../electron/engine/profile/alerts';
import { valueAlerts } from '../../../electron/engine/profile/values';
import { buildPreview } from '../../../electron/engine/import/preview';
import { setMessageLocale } from '../../../shared/i18n/current';
import type { ColumnProfile } from '../../../shared/contract/ns/profile';
import type { ParseOptions } from '../../../shared/contract/ns/datasets';

const base: ColumnProfile = {
  name: 'spend', type: 'number', role: 'behavioural', pii: false, sensitive: false, format: 'number', count: 100, missing: 0, missingShare: 0, distinct: 90,
  min: 1, max: 2, mean: 1.5, std: 0.5, median: 1, quantiles: [], skewness: 0, zeros: 0, histogram: [], top: [], cellErrors: 0,
};
const detail = (alerts: { kind: string; detail: string }[], kind: string) => alerts.find((a) => a.kind === kind)?.detail;
/** Intl writes Polish and French thousands with a (narrow) no-break space: compare with plain spaces. */
const plain = (s: string | undefined) => s?.replace(/[\u00a0\u202f]/g, ' ');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alerts-lang-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => setMessageLocale('en'));

describe('quality alerts and import warnings follow the message language', () => {
  it('English keeps the engine text that scripts match', () => {
    const a = columnAlerts({ ...base, cellErrors: 22, missing: 12345, missingShare: 0.1234 }, 100_000, false);
    expect(detail(a, 'cell_errors')).toBe('22 cells did not fit the column type (raw text kept in the errors list)');
    expect(detail(a, 'missing')).toBe('12.3% of values are missing (12345)');
  });

  it('Polish uses one/few/many plural forms, a decimal comma and grouped thousands', () => {
    setMessageLocale('pl');
    const cells = (n: number) => detail(columnAlerts({ ...base, cellErrors: n }, 1000, false), 'cell_errors');
    expect(cells(1)).toBe('1 komórka nie pasuje do typu kolumny (oryginalny tekst zachowano na liście błędów)');
    expect(cells(2)).toBe('2 komórki nie pasują do typu kolumny (oryginalny tekst zachowano na liście błędów)');
    expect(cells(5)).toBe('5 komórek nie pasuje do typu kolumny (oryginalny tekst zachowano na liście błędów)');
    expect(cells(22)).toBe('22 komórki nie pasują do typu kolumny (oryginalny tekst zachowano na liście błędów)');
    const missing = columnAlerts({ ...base, missing: 12345, missingShare: 0.1234 }, 100_000, false);
    expect(plain(detail(missing, 'missing'))).toBe('12,3% wartości to braki (12 345)');
  });

  it('outliers in French and Chinese: the share and the fences in the reader’s number format', () => {
    const values = Float64Array.from([...Array.from({ length: 40 }, (_, i) => 10 + (i % 5) * 0.5), 1500.25]).sort();
    const en = detail(valueAlerts(base, values, 2026), 'outliers');
    expect(en).toMatch(/^1 extreme value \(2\.4%\): 1,500\.25 \(rule: more than 3 × the interquartile range/);
    setMessageLocale('fr');
    const fr = plain(detail(valueAlerts(base, values, 2026), 'outliers'));
    expect(fr).toMatch(/^1 valeur extrême \(2,4 %\) : 1 500,25 \(règle : plus de 3 × l’écart interquartile/);
    setMessageLocale('zh-CN');
    expect(detail(valueAlerts(base, values, 2026), 'outliers')).toMatch(/^1 个极端值（2\.4%）：1,500\.25（规则：/);
  });

  it('the ambiguous date-order warning of an import preview is in Polish', async () => {
    const file = path.join(dir, 'dates.csv');
    fs.writeFileSync(file, 'id,joined\n1,03/04/2026\n2,05/06/2026\n');
    const options: ParseOptions = { encoding: 'auto', delimiter: 'auto', decimal: 'auto', dateOrder: 'auto', header: 'auto', localeHint: 'pl' };
    setMessageLocale('pl');
    const p = await buildPreview(file, options, undefined, null);
    expect(p.warnings).toContain(
      'daty mogą mieć układ dzień/miesiąc albo miesiąc/dzień (w próbce nie ma dnia powyżej 12); odczytano jako d.m.r: zmień kolejność w dacie, jeśli to błąd',
    );
  });
});
