import type { AgeReading } from '../../../shared/contract/ns/fairness';
import { normaliseName } from '../import/roles';

/** Names that say "year/date of birth" (Year_Birth, birth_year, rok_urodzenia, année_naissance, yob, dob, …). */
const BIRTH_NAME = /(^|_)(birth\w*|\w*_birth|born|yob|dob|urodzen\w*|rok_urodzenia|naissance|geburt\w*|nacimiento|nascita)(_|$)/;
/** Names that say "age". */
const AGE_NAME = /(^|_)(age|ages|wiek|alter|edad|eta|age_years)(_|$)/;
const MAX_AGE = 120;

export interface AgeColumnReading {
  reading: AgeReading;
  /** Plain words for the audit's notes, when the reading was not clear from name and values or was chosen by the user. */
  note: string | null;
}

function valueRanges(values: Float64Array, asOfYear: number): { n: number; ages: number; years: number } {
  let n = 0;
  let ages = 0;
  let years = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    n++;
    if (Number.isInteger(v) && v >= asOfYear - MAX_AGE - 10 && v <= asOfYear && v >= 1000) years++;
    else if (v >= 0 && v <= MAX_AGE) ages++;
  }
  return { n, ages, years };
}

/**
 * Whether a number column of the age category holds ages or birth years: the name (Year_Birth,
 * birth_year, rok_urodzenia, année_naissance) and the values (4-digit years up to the as-of year) must
 * agree; when they do not, or the values are mixed, the column is read by its values (or as ages) and
 * the result says so in a note. A user's override wins and is named too.
 */
export function readAgeColumn(name: string, values: Float64Array, asOfYear: number, override?: AgeReading): AgeColumnReading {
  if (override) return { reading: override, note: `${name} is read as ${override === 'birth-year' ? 'birth years' : 'ages'}, as chosen.` };
  const n = normaliseName(name).toLowerCase();
  const saysBirth = BIRTH_NAME.test(n) || /birth|urodzen|naissance|nacimiento|geburt/.test(n);
  const saysAge = !saysBirth && AGE_NAME.test(n);
  const r = valueRanges(values, asOfYear);
  const allYears = r.n > 0 && r.years === r.n;
  const allAges = r.n > 0 && r.ages === r.n;
  if (saysBirth && allYears) return { reading: 'birth-year', note: null };
  if (!saysBirth && allAges) return { reading: 'age', note: null };
  if (allYears)
    return {
      reading: 'birth-year',
      note: `${name} holds 4-digit years${saysAge ? ' although its name says age' : ''}: read as birth years (ages at the as-of date). If it holds something else, choose how to read it.`,
    };
  if (saysBirth && allAges) return { reading: 'age', note: `${name} is named like a birth year but holds values from 0 to ${MAX_AGE}: read as ages. If they are not ages, choose how to read it.` };
  return {
    reading: 'age',
    note: `${name} is ambiguous (${r.years} values look like birth years, ${r.ages} like ages, ${r.n - r.years - r.ages} like neither): read as ages. Choose how to read it for a reliable audit.`,
  };
}

/** Age reached in the as-of year by someone born in `year` (a birth year does not say whether the birthday has passed). */
export function agesFromBirthYears(years: Float64Array, asOfYear: number): Float64Array {
  return Float64Array.from(years, (y) => (Number.isNaN(y) ? NaN : asOfYear - y));
}
