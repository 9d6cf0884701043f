import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../../shared/types/columns';
import { inferColumnType, isMissing, type Locale } from '../../../electron/engine/import/infer';
import { isIdentifierName } from '../../../electron/engine/import/roles';
import { mulberry32 } from '../../../electron/engine/random';
import { hasLeadingZero, looksLikeDate, looksLikeDateTime, parseBoolean, parseNumber } from '../../../electron/engine/import/values';

/**
 * inferColumnType skips tests it no longer needs (numbers and dates once the column cannot be
 * typed, yes/no words after the first other value). This is the plain version that tests every
 * value; both must pick the same type on any column.
 */
function reference(name: string, values: string[], locale: Locale): ColumnType {
  const seen = new Set<string>();
  let n = 0;
  let ints = 0;
  let nums = 0;
  let bools = 0;
  let dates = 0;
  let datetimes = 0;
  let withTime = 0;
  let leadingZeros = 0;
  for (const raw of values) {
    const s = raw.trim();
    if (isMissing(s)) continue;
    n++;
    if (seen.size <= 1000) seen.add(s);
    if (parseBoolean(s) !== undefined) bools++;
    const num = parseNumber(s, locale.decimal);
    if (!Number.isNaN(num)) {
      nums++;
      if (Number.isInteger(num) && !s.includes(locale.decimal) && Math.abs(num) <= Number.MAX_SAFE_INTEGER) ints++;
      if (hasLeadingZero(s) && !s.includes(locale.decimal)) leadingZeros++;
      continue;
    }
    if (looksLikeDate(s)) dates++;
    else if (looksLikeDateTime(s)) {
      datetimes++;
      withTime++;
    }
  }
  const distinct = seen.size;
  if (n === 0) return 'text';
  const fits = (k: number) => k >= n * 0.98;
  const cat = () => (distinct <= Math.min(50, Math.max(2, Math.floor(n / 5))) && !isIdentifierName(name) ? 'category' : 'text');
  const lowerDistinct = new Set([...seen].map((v) => v.toLowerCase()));
  if (bools === n && lowerDistinct.size <= 2 && !(ints === n && isIdentifierName(name))) return 'boolean';
  if (leadingZeros > 0 || (isIdentifierName(name) && nums > 0 && !(fits(nums) && !fits(ints)))) return cat();
  if (fits(ints)) return 'integer';
  if (fits(nums)) return 'number';
  if (fits(dates + datetimes)) return withTime > 0 ? 'datetime' : 'date';
  return cat();
}

describe('type inference', () => {
  it('picks the same type as testing every value, on thousands of random columns', () => {
    const r = mulberry32(12345);
    const pools = [
      ['1', '2', '17', '-3', '250'],
      ['1.5', '2.25', '-0.5', '1e3', '3.'],
      ['yes', 'no', 'Yes', 'NO'],
      ['true', 'false', '1', '0'],
      ['2024-01-05', '2023-12-31', '1999-02-28'],
      ['2024-01-05 10:00', '2024-01-05T08:30:00Z'],
      ['05.01.2024', '31/12/2023'],
      ['00042', '02108', '7'],
      ['', 'NA', 'n/a', '-', ' '],
      ['Anna', 'Łukasz', 'premium', 'a,b', 'x'],
      ['1,234.5', '12 000'],
    ];
    const names = ['amount', 'customer_id', 'postal_code', 'note', 'flag', 'joined'];
    const locale: Locale = { decimal: '.', dateOrder: 'dmy', dateOrderAmbiguous: false };
    const seenTypes = new Set<string>();
    for (let k = 0; k < 3000; k++) {
      // A main pool with a few values from others mixed in (at varying rates), like real exports.
      const main = pools[Math.floor(r() * pools.length)];
      const noise = r() * 0.1;
      const len = 1 + Math.floor(r() * 400);
      const values = Array.from({ length: len }, () => {
        const pool = r() < noise ? pools[Math.floor(r() * pools.length)] : main;
        return pool[Math.floor(r() * pool.length)];
      });
      const name = names[Math.floor(r() * names.length)];
      const got = inferColumnType(name, values, locale).type;
      seenTypes.add(got);
      expect(got, `${name}: ${JSON.stringify(values.slice(0, 30))}`).toBe(reference(name, values, locale));
    }
    // The generator reaches every type.
    expect([...seenTypes].sort()).toEqual(['boolean', 'category', 'date', 'datetime', 'integer', 'number', 'text']);
  });
});
