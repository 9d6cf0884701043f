import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPreview } from '../../../electron/engine/import/preview';
import { localeHint } from '../../../electron/engine/import/infer';
import type { ParseOptions } from '../../../shared/contract/ns/datasets';

const AUTO: ParseOptions = { encoding: 'auto', delimiter: 'auto', decimal: 'auto', dateOrder: 'auto', header: 'auto' };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'locale-hint-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

// Neither "1,234" nor "12,500" shows its decimal mark (three digits after the comma are also thousands), and no
// day is above 12: the file is ambiguous on both counts, so the user's language decides.
const ambiguous = file('ambiguous.csv', 'id,amount,joined\n1,"1,234",03/04/2026\n2,"12,500",05/06/2026\n3,"7,125",11/12/2025\n');
// The same shape with evidence: decimal commas with two digits and a day above 12.
const european = file('european.csv', 'id,amount,joined\n1,"1,25",15/04/2026\n2,"12,50",05/06/2026\n');
// Points with two decimals and a month-first date (13th of April written 04/13).
const american = file('american.csv', 'id,amount,joined\n1,1.25,04/13/2026\n2,12.50,05/06/2026\n');

describe('the user language breaks ties in decimal mark and date order', () => {
  it('knows the conventions of the four languages', () => {
    expect(localeHint('pl')).toEqual({ decimal: ',', dateOrder: 'dmy' });
    expect(localeHint('fr')).toEqual({ decimal: ',', dateOrder: 'dmy' });
    expect(localeHint('en')).toEqual({ decimal: '.', dateOrder: 'mdy' });
    // Chinese writes the year first: it says nothing about day/month order.
    expect(localeHint('zh-CN')).toEqual({ decimal: '.', dateOrder: null });
    expect(localeHint(undefined)).toBeNull();
  });

  it('a Polish or French user reads an ambiguous file with decimal comma and day first', async () => {
    for (const lang of ['pl', 'fr']) {
      const p = await buildPreview(ambiguous, { ...AUTO, localeHint: lang }, undefined, null);
      expect(p.detected.decimal).toBe(',');
      expect(p.detected.dateOrder).toBe('dmy');
      expect(p.detected.dateOrderAmbiguous).toBe(true);
      expect(p.rows.map((r) => r[1])).toEqual([1.234, 12.5, 7.125]);
      expect(p.rows.map((r) => r[2])).toEqual(['2026-04-03', '2026-06-05', '2025-12-11']);
    }
  });

  it('an English user (or no hint: the CLI) reads the same file with decimal point and month first', async () => {
    for (const lang of ['en', undefined]) {
      const p = await buildPreview(ambiguous, { ...AUTO, localeHint: lang }, undefined, null);
      expect(p.detected.decimal).toBe('.');
      expect(p.detected.dateOrder).toBe('mdy');
      expect(p.rows.map((r) => r[1])).toEqual([1234, 12500, 7125]);
      expect(p.rows.map((r) => r[2])).toEqual(['2026-03-04', '2026-05-06', '2025-11-12']);
    }
  });

  it("the file's own content wins over the language", async () => {
    const eu = await buildPreview(european, { ...AUTO, localeHint: 'en' }, undefined, null);
    expect([eu.detected.decimal, eu.detected.dateOrder, eu.detected.dateOrderAmbiguous]).toEqual([',', 'dmy', false]);
    expect(eu.rows.map((r) => r[1])).toEqual([1.25, 12.5]);
    const us = await buildPreview(american, { ...AUTO, localeHint: 'pl' }, undefined, null);
    expect([us.detected.decimal, us.detected.dateOrder, us.detected.dateOrderAmbiguous]).toEqual(['.', 'mdy', false]);
    expect(us.rows.map((r) => r[2])).toEqual(['2026-04-13', '2026-05-06']);
  });

  it('options the user chose win over the language', async () => {
    const p = await buildPreview(ambiguous, { ...AUTO, decimal: '.', dateOrder: 'mdy', localeHint: 'pl' }, undefined, null);
    expect([p.detected.decimal, p.detected.dateOrder]).toEqual(['.', 'mdy']);
  });
});
