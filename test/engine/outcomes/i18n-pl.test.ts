import { afterEach, describe, expect, it } from 'vitest';
import { saidOf, say, sayAgain } from '../../../electron/engine/outcomes/said';
import { multipleComparisonNote } from '../../../electron/engine/outcomes/proportions';
import { msg, setMessageLocale } from '../../../shared/i18n/current';

afterEach(() => setMessageLocale('en'));

describe('outcome messages in Polish', () => {
  it('say a stored CLV warning again in the reader’s language, numbers included', () => {
    const texts = [say('outcomes.clvWarn.correlated', { r: 0.456 }), say('outcomes.clvWarn.ggFew', { n: 1234 }), 'a text from elsewhere'];
    expect(texts[0]).toBe('Frequency and spend are correlated (r = 0.46); the Gamma-Gamma model assumes they are independent, so expected spend may be biased.');
    const stored = JSON.parse(JSON.stringify(texts.map(saidOf))) as ReturnType<typeof saidOf>[];
    setMessageLocale('pl');
    expect(sayAgain(texts, stored)).toEqual([
      'Częstotliwość i wydatki są skorelowane (r = 0,46); model Gamma-Gamma zakłada ich niezależność, więc oczekiwane wydatki mogą być obciążone.',
      'Tylko 1234 powracających klientów z dodatnimi wydatkami: oszacowania Gamma-Gamma są niepewne.',
      'a text from elsewhere',
    ]);
  });

  it('use the Polish plural forms for 1, 2, 5 and 22 groups, and decimal commas', () => {
    setMessageLocale('pl');
    const small = (count: number) => msg('outcomes.response.smallGroups', { count, min: 30, groups: 'A' });
    expect([1, 2, 5, 22].map(small)).toEqual([
      '1 grupa ma mniej niż 30 członków (A): ich wskaźniki są niepewne (zob. przedziały).',
      '2 grupy mają mniej niż 30 członków (A): ich wskaźniki są niepewne (zob. przedziały).',
      '5 grup ma mniej niż 30 członków (A): ich wskaźniki są niepewne (zob. przedziały).',
      '22 grupy mają mniej niż 30 członków (A): ich wskaźniki są niepewne (zob. przedziały).',
    ]);
    expect(multipleComparisonNote([0.01, 0.2, 0.5, 0.04, 0.9, 0.3])).toBe(
      'Każdą z 6 grup porównano z resztą: przy p < 0,05 około 0,3 wyglądałoby na istotne przez sam przypadek. p < 0,05 ma 2 grupy; po poprawce Holma na wielokrotne porównania istotnych pozostaje: 0.',
    );
  });
});
