import { intlTag, type UiLocale } from './locales';

/**
 * Numbers and dates of an export written the way a spreadsheet of `locale` reads them (issue #19: exports keep
 * machine formats unless the user chooses local ones). Unlike formats() for the screen, nothing is grouped or
 * rounded: a number keeps every digit with the locale's decimal separator ("1234,5"), and a date is the
 * locale's numeric short form ("05.12.2026", "05/12/2026", "2026/12/05"), which spreadsheets recognise as a date.
 */
export interface ExportFormat {
  /** The locale's decimal separator: ',' in Polish and French, '.' in English and Chinese. */
  decimal: string;
  /** A CSV written with a decimal comma needs another delimiter: ';', as spreadsheets in those locales expect. */
  delimiter<D extends string>(chosen: D): D | ';';
  number(x: number): string;
  /** An ISO date or datetime in the locale's numeric form; anything else is returned unchanged. */
  date(iso: string): string;
}

const made = new Map<string, ExportFormat>();

export function localExportFormat(locale: UiLocale): ExportFormat {
  const tag = intlTag(locale);
  const cached = made.get(tag);
  if (cached) return cached;
  const decimal = new Intl.NumberFormat(tag).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  const day = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
  const moment = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  const f: ExportFormat = {
    decimal,
    delimiter: (chosen) => (decimal === ',' && chosen === ',' ? ';' : chosen),
    // String(x) is the shortest text that reads back as x: only the separator changes.
    number: (x) => (Number.isFinite(x) ? String(x).replace('.', decimal) : String(x)),
    date: (iso) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(iso);
      if (!m) return iso;
      const [, y, mo, d, h, mi, s] = m;
      const when = new Date(Date.UTC(+y, +mo - 1, +d, h ? +h : 0, mi ? +mi : 0, s ? +s : 0));
      if (Number.isNaN(when.getTime()) || when.getUTCDate() !== +d) return iso;
      return h ? moment.format(when).replace(', ', ' ') : day.format(when);
    },
  };
  made.set(tag, f);
  return f;
}
