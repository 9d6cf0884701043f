import type { ColumnType } from '../../../shared/types/columns';
import { isMissing } from './infer';
import { BAD, isPlainInteger, parseBoolean, parseDate, parseDateTime, parseNumber, type Converted, type DateOrder, type Decimal } from './values';

export type Converter = (raw: string) => Converted;

/** SQLite column type for a column type (affinity only: the view exposes the values as stored). */
export function sqlType(type: ColumnType): string {
  switch (type) {
    case 'integer':
    case 'boolean':
      return 'INTEGER';
    case 'number':
      return 'REAL';
    default:
      return 'TEXT';
  }
}

export interface ColumnState {
  /**
   * The column met values of a wider type than its sample showed and was widened (no cell errors):
   * integer → number on a fractional value; boolean written as 0/1 → integer on another whole number.
   */
  widened: ColumnType | null;
}

/** A converter per column type: text stays as written; typed values are trimmed; missing markers → NULL; failures → BAD. */
export function makeConverter(type: ColumnType, decimal: Decimal, dateOrder: DateOrder | null, state: ColumnState, numericBooleans = false): Converter {
  const order = dateOrder ?? 'ymd';
  switch (type) {
    case 'text':
    case 'category':
      return (raw) => (raw.length === 0 ? null : raw);
    case 'integer':
      return (raw) => {
        const s = raw.trim();
        if (isMissing(s)) return null;
        const n = parseNumber(s, decimal);
        if (Number.isNaN(n)) return BAD;
        if (!Number.isInteger(n) || s.includes(decimal)) state.widened = 'number';
        return n;
      };
    case 'number':
      return (raw) => {
        const s = raw.trim();
        if (isMissing(s)) return null;
        const n = parseNumber(s, decimal);
        return Number.isNaN(n) ? BAD : n;
      };
    case 'boolean':
      return (raw) => {
        const s = raw.trim();
        if (isMissing(s)) return null;
        const b = parseBoolean(s);
        if (b !== undefined) return b;
        // A 0/1 column from the sample that turns out to count things: keep the numbers, the column becomes integer.
        if (state.widened !== 'number' && isPlainInteger(s) && numericBooleans) {
          state.widened = 'integer';
          return Number(s);
        }
        return BAD;
      };
    case 'date':
      return (raw) => {
        const s = raw.trim();
        if (isMissing(s)) return null;
        return parseDate(s, order) ?? BAD;
      };
    case 'datetime':
      return (raw) => {
        const s = raw.trim();
        if (isMissing(s)) return null;
        return parseDateTime(s, order) ?? BAD;
      };
  }
}

export function problemFor(type: ColumnType, decimal: Decimal, dateOrder: DateOrder | null): string {
  switch (type) {
    case 'integer':
    case 'number':
      return `not a number (decimal mark "${decimal}")`;
    case 'boolean':
      return 'not a yes/no value';
    case 'date':
      return `not a date (${dateOrder ?? 'ymd'})`;
    case 'datetime':
      return `not a date-time (${dateOrder ?? 'ymd'})`;
    default:
      return 'invalid value';
  }
}
