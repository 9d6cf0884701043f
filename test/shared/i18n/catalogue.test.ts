import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGUE_FILES, NAMESPACES } from '../../../shared/i18n/catalogue';
import { LOCALES } from '../../../shared/i18n/locales';
import { translator } from '../../../shared/i18n/translator';
import { IntlMessageFormat } from 'intl-messageformat';

/** Placeholder and tag names a message uses (a translation must use the same ones: values are passed by name). */
function argumentsOf(els: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of els) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if (el.type === TYPE.tag) {
      out.add(`<${el.value}>`);
      argumentsOf(el.children, out);
      continue;
    }
    out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) argumentsOf(o.value, out);
  }
  return out;
}

describe('message catalogues', () => {
  for (const ns of NAMESPACES) {
    const english = CATALOGUE_FILES.en[ns];
    it(`${ns}: every key is named for its namespace`, () => {
      for (const key of Object.keys(english)) expect(key.startsWith(`${ns}.`), `${key} in ${ns}.json`).toBe(true);
    });
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      it(`${locale}/${ns}.json has exactly the English keys`, () => {
        const theirs = CATALOGUE_FILES[locale][ns];
        const missing = Object.keys(english).filter((k) => !(k in theirs));
        const extra = Object.keys(theirs).filter((k) => !(k in english));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });
    }
  }

  it('every message of every language parses as ICU MessageFormat and uses the English placeholders', () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      for (const ns of NAMESPACES) {
        for (const [key, text] of Object.entries(CATALOGUE_FILES[locale][ns])) {
          let els: MessageFormatElement[];
          try {
            els = parse(text);
          } catch (err) {
            problems.push(`${locale}/${ns}.json ${key}: ${(err as Error).message}`);
            continue;
          }
          if (!text.trim()) problems.push(`${locale}/${ns}.json ${key}: empty`);
          const english = CATALOGUE_FILES.en[ns][key];
          if (locale !== 'en' && english !== undefined) {
            const want = [...argumentsOf(parse(english))].sort().join(',');
            const got = [...argumentsOf(els)].sort().join(',');
            if (want !== got) problems.push(`${locale}/${ns}.json ${key}: placeholders {${got}} but English has {${want}}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('a Polish sentence counts 1, 2, 5 and 22 customers and rows in the right forms', () => {
    const pl = translator('pl');
    // Polish plurals: one (1), few (2–4, 22–24, …), many (5–21, 25–31, …), other (fractions).
    // "klient" is a masculine-personal noun: after 2–4 it takes the genitive as after 5 ("dwóch klientów"),
    // so few and many read alike for it; "wiersz" shows all three forms.
    expect([1, 2, 5, 22].map((count) => pl.t('common.customers', { count }))).toEqual(['1 klient', '2 klientów', '5 klientów', '22 klientów']);
    expect([1, 2, 5, 22, 1.5].map((count) => pl.t('common.rows', { count }))).toEqual(['1 wiersz', '2 wiersze', '5 wierszy', '22 wiersze', '1,5 wiersza']);
    expect([1, 2, 5, 22].map((n) => new Intl.PluralRules('pl').select(n))).toEqual(['one', 'few', 'many', 'few']);
    // Thousands are grouped with a space in Polish.
    expect(pl.t('common.customers', { count: 12345 })).toBe('12\u00a0345 klientów');
  });

  it('French and Chinese plurals follow their rules', () => {
    expect([0, 1, 2].map((count) => translator('fr').t('common.customers', { count }))).toEqual(['0 client', '1 client', '2 clients']);
    expect(translator('zh-CN').t('common.customers', { count: 3 })).toBe('3 位客户');
  });

  it('the pseudo-locale keeps placeholders and plurals and marks every message', () => {
    const text = translator('en-XA').t('common.customers', { count: 2 });
    expect(text.startsWith('[!! ')).toBe(true);
    expect(text.endsWith(' !!]')).toBe(true);
    expect(text).toContain('2');
    expect(text).toContain('ç');
  });

  it('every English message formats with sample values', () => {
    // A message that parses can still fail to format (a plural without `other`); format them all once.
    for (const [key, text] of Object.entries(CATALOGUE_FILES.en).flatMap(([, m]) => Object.entries(m))) {
      const values = Object.fromEntries([...argumentsOf(parse(text))].map((a) => (a.startsWith('<') ? [a.slice(1, -1), (c: unknown[]) => c.join('')] : [a, 2])));
      expect(() => new IntlMessageFormat(text, 'en').format(values), key).not.toThrow();
    }
  });
});
