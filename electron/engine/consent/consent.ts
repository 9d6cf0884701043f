import type { Db } from '../db/open';
import { quoteIdent } from '../db/open';
import type { Cell, ColumnInfo } from '../../../shared/types/columns';
import { AppError } from '../../../shared/contract/result';
import { columnsOf, versionTable } from '../workspace/catalog';
import { recordAudit } from '../audit/log';

/** A customer's marketing consent: given, refused, or not recorded (treated as not given). */
export type Consent = 'yes' | 'no' | 'unknown';

const YES = new Set(['yes', 'y', 'true', 't', '1', 'opt-in', 'opt in', 'opted in', 'optin', 'granted', 'consent', 'subscribed', 'tak', 'oui', 'ja', 'si', 'sí', 'x']);
const NO = new Set(['no', 'n', 'false', 'f', '0', 'opt-out', 'opt out', 'opted out', 'optout', 'denied', 'refused', 'unsubscribed', 'nie', 'non', 'nein']);

/** Columns whose presence means the customer withdrew (opt-out date, unsubscribed flag) read the other way round. */
export function isOptOutColumn(name: string): boolean {
  return /opt[\s_-]?out|unsubscri|withdr|do[\s_-]?not|dnc|revoked/i.test(name);
}

export function consentColumns(columns: readonly ColumnInfo[]): ColumnInfo[] {
  return columns.filter((c) => c.role === 'consent');
}

/** One cell of a consent column as a consent: yes/no values, 0/1 flags, or an opt-in date on or before the as-of date. */
export function consentOf(col: Pick<ColumnInfo, 'name' | 'type'>, v: Cell, asOf: string): Consent {
  const invert = isOptOutColumn(col.name);
  let given: boolean | null;
  if (col.type === 'date' || col.type === 'datetime') {
    // An opt-in (opt-out) date says consent was given (withdrawn) from that day; no date means it never was.
    given = typeof v === 'string' && v !== '' && v.slice(0, 10) <= asOf;
  } else if (v === null || v === '') {
    return 'unknown';
  } else if (typeof v === 'number') {
    given = v === 1 ? true : v === 0 ? false : null;
  } else {
    const t = v.trim().toLowerCase();
    given = YES.has(t) ? true : NO.has(t) ? false : null;
  }
  if (given === null) return 'unknown';
  return given !== invert ? 'yes' : 'no';
}

/**
 * The day consent is judged on: today, not the data's as-of date. Consent governs a mailing that
 * happens now, so an opt-out dated after the export file was made still counts, and an analysis
 * date set back to 2011 must never revive consent withdrawn since.
 */
export function consentDay(): string {
  return new Date().toISOString().slice(0, 10);
}

export interface ConsentResult {
  /** The consent columns consulted (all of the dataset's, or the one asked for); empty = no consent data. */
  columns: string[];
  total: number;
  /** Rowids (of the dataset's current version) of customers who consented. */
  included: number[];
  excluded: number;
  /** Of the excluded: customers whose consent is missing or unreadable rather than refused. */
  unknown: number;
}

/**
 * The marketing-consent filter exports and member lists use: of the given rows (rowids of
 * the dataset's current version; all rows when omitted) keep the customers who consented in
 * every consent column. A dataset without a consent column keeps everyone and says so
 * (`columns` empty), since SegmentDesk cannot know consent the data does not record.
 */
export function consentFilter(db: Db, dataset: string, opts: { asOf: string; rowids?: Iterable<number>; column?: string }): ConsentResult {
  const table = versionTable(db, dataset);
  let cols = consentColumns(columnsOf(db, dataset));
  if (opts.column !== undefined) {
    cols = cols.filter((c) => c.name === opts.column);
    if (cols.length === 0) throw new AppError('BAD_INPUT', `dataset "${dataset}" has no consent column "${opts.column}"`, { dataset, column: opts.column });
  }
  const wanted = opts.rowids ? new Set(opts.rowids) : null;
  const select = cols.length ? `, ${cols.map((c) => quoteIdent(c.name)).join(', ')}` : '';
  const stmt = db.prepare(`SELECT rowid AS r${select} FROM ${quoteIdent(table)} ORDER BY rowid`).raw();
  const included: number[] = [];
  let total = 0;
  let unknown = 0;
  for (const row of stmt.iterate() as Iterable<Cell[]>) {
    const r = row[0] as number;
    if (wanted && !wanted.has(r)) continue;
    total++;
    let verdict: Consent = 'yes';
    for (let i = 0; i < cols.length; i++) {
      const c = consentOf(cols[i], row[i + 1], opts.asOf);
      if (c === 'no') {
        verdict = 'no';
        break;
      }
      if (c === 'unknown') verdict = 'unknown';
    }
    if (verdict === 'yes') included.push(r);
    else if (verdict === 'unknown') unknown++;
  }
  return { columns: cols.map((c) => c.name), total, included, excluded: total - included.length, unknown };
}

/** Records that a user chose to include customers without consent (an export, a member list). */
export function recordConsentOverride(db: Db, o: { dataset: string; what: string; notConsenting: number; details?: Record<string, unknown> }): number {
  return recordAudit(db, {
    action: 'consent_override',
    dataset: o.dataset,
    what: `${o.what}: included ${o.notConsenting} customers without marketing consent`,
    count: o.notConsenting,
    details: o.details,
  });
}
