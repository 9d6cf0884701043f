import { AppError } from '../../../shared/contract/result';
import { msg } from '../../../shared/i18n/current';
import { quoteIdent } from '../db/open';
import { BOOL_MISSING, getMirror, type Mirror, type MirrorColumn } from '../mirror';
import type { Workspace } from '../workspace/workspace';
import { getDataset } from '../workspace/catalog';

/** Values read as a positive outcome when the user does not name one (several languages, lowercased). */
const POSITIVE_WORDS = ['yes', 'y', 'true', 't', '1', 'responded', 'response', 'churned', 'churn', 'positive', 'converted', 'tak', 'oui', 'ja', 'si', 'sí'];

/** The rows of an outcome analysis: one per row of the outcome dataset, with the customer it belongs to. */
export interface OutcomeUnits {
  dataset: string;
  mirror: Mirror;
  /** Customer id of each row (text, as SQLite's CAST(… AS TEXT) writes it). */
  customerIds: string[];
  /** 1 positive, 0 negative, 2 missing (left out). */
  outcome: Uint8Array;
  positiveLabel: string;
  revenue: Float64Array | null;
  /** What a unit is: a customer (a customers file, earlier rows of a repeated ID left out) or a row (a responses file). */
  unit: 'customers' | 'rows';
  /** Earlier rows of customers listed more than once, left out (outcome set to missing). */
  repeatedRows: number;
}

function column(m: Mirror, name: string, dataset: string): MirrorColumn {
  const c = m.columns.get(name);
  if (!c) throw new AppError('BAD_INPUT', msg('outcomes.errors.noColumn', { dataset, column: name }), { dataset, column: name });
  return c;
}

/** Distinct non-missing values of a column as text, for choosing the positive value. */
export function outcomeValues(c: MirrorColumn): string[] | null {
  if (c.kind === 'boolean') return ['true', 'false'];
  if (c.kind === 'date') return null;
  if (c.kind === 'text') return c.dictionary.filter((_, i) => c.counts[i] > 0);
  const seen = new Set<number>();
  for (const v of c.values) {
    if (!Number.isNaN(v)) seen.add(v);
    if (seen.size > 2) return null;
  }
  return [...seen].sort((a, b) => a - b).map(String);
}

export function suggestPositive(values: string[]): string | null {
  for (const w of POSITIVE_WORDS) {
    const hit = values.find((v) => v.trim().toLowerCase() === w);
    if (hit !== undefined) return hit;
  }
  return null;
}

/** Name words of a campaign-response column (`Response`, `responded`, `converted`, `subscribed`, bank's `y`). */
const RESPONSE_WORDS = new Set(['response', 'responded', 'respond', 'responses', 'converted', 'conversion', 'convert', 'subscribed', 'subscribe', 'subscription', 'purchased', 'bought', 'y']);

/** A column name as lowercase words: `AcceptedCmp3` → accepted, cmp, 3; `has_responded` → has, responded. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * How likely a two-valued column is the campaign response the user wants to measure (lower first):
 * 0 a response-like name (`Response`, `responded`, `converted`, …); 1 yes/no-like values; 2 other 0/1 flags
 * (`AcceptedCmp3`, `Complain`); 3 consent, contact, ID, personal or sensitive columns (consent is a permission,
 * not a response); 4 columns whose positive value is not recognisable (response dates, two arbitrary values).
 */
export function outcomePreference(c: { name: string; role?: string; pii?: boolean; sensitive?: boolean }, suggestedPositive: string | null, values: readonly string[]): number {
  if (c.role === 'consent' || c.role === 'id' || c.role === 'contact' || c.pii || c.sensitive) return 3;
  if (nameWords(c.name).some((w) => RESPONSE_WORDS.has(w))) return 0;
  const yesNo = values.length > 0 && values.every((v) => /^(yes|no|y|n|true|false|t|f|tak|nie|oui|non|ja|nein|si|sí)$/i.test(v.trim()));
  if (yesNo) return 1;
  // A date present or not, or two values neither of which reads as yes: possible, but the user's deliberate choice.
  return suggestedPositive !== null ? 2 : 4;
}

/** Positive/negative/missing per row of the outcome column; BAD_INPUT names the column and its values when unclear. */
function classify(c: MirrorColumn, dataset: string, positive: string | undefined): { flags: Uint8Array; label: string } {
  const n = c.kind === 'text' ? c.codes.length : c.values.length;
  const flags = new Uint8Array(n);
  const where = msg('outcomes.errors.where', { column: c.name, dataset });
  if (c.kind === 'date') {
    // A response date: responded when present, not when empty.
    for (let i = 0; i < n; i++) flags[i] = Number.isNaN(c.values[i]) ? 0 : 1;
    return { flags, label: '(date present)' };
  }
  const values = outcomeValues(c);
  if (values === null) throw new AppError('BAD_INPUT', msg('outcomes.errors.notBinary', { where }), { dataset, column: c.name });
  if (values.length > 2 && positive === undefined)
    throw new AppError('BAD_INPUT', msg('outcomes.errors.choosePositive', { where, count: values.length, example: values[0] }), { dataset, column: c.name, cli: 'give --positive VALUE' });
  const chosen = positive ?? suggestPositive(values) ?? (values.length === 2 && c.kind === 'number' ? values[1] : null);
  if (chosen === null) throw new AppError('BAD_INPUT', msg('outcomes.errors.whichPositive', { where, values: values.join(', ') }), { dataset, column: c.name, cli: 'give --positive VALUE' });
  if (c.kind === 'boolean') {
    const word = chosen.trim().toLowerCase();
    const want = ['true', '1', 'yes', 't', 'y'].includes(word) ? 1 : ['false', '0', 'no', 'f', 'n'].includes(word) ? 0 : -1;
    if (want < 0) throw new AppError('BAD_INPUT', msg('outcomes.errors.boolValue', { where, value: chosen }), { dataset, column: c.name });
    for (let i = 0; i < n; i++) flags[i] = c.values[i] === BOOL_MISSING ? 2 : c.values[i] === want ? 1 : 0;
    return { flags, label: want ? 'true' : 'false' };
  }
  if (c.kind === 'number') {
    const want = Number(chosen);
    if (!values.includes(String(want))) throw new AppError('BAD_INPUT', msg('outcomes.errors.noNumberValue', { where, value: chosen, values: values.join(', ') }), { dataset, column: c.name });
    for (let i = 0; i < n; i++) flags[i] = Number.isNaN(c.values[i]) ? 2 : c.values[i] === want ? 1 : 0;
    return { flags, label: String(want) };
  }
  let code = c.dictionary.indexOf(chosen);
  if (code < 0) code = c.dictionary.findIndex((v) => v.trim().toLowerCase() === chosen.trim().toLowerCase());
  if (code < 0) throw new AppError('BAD_INPUT', msg('outcomes.errors.noValue', { where, value: chosen, values: values.join(', ') }), { dataset, column: c.name });
  for (let i = 0; i < n; i++) flags[i] = c.codes[i] < 0 ? 2 : c.codes[i] === code ? 1 : 0;
  return { flags, label: c.dictionary[code] };
}

/**
 * Rows of the outcome dataset with their customer id: a customer dataset's own ID, or the
 * customer column of a campaign-responses file imported as transactions.
 */
export function outcomeUnits(ws: Workspace, dataset: string, outcome: string, positive?: string, revenue?: string): OutcomeUnits {
  const info = getDataset(ws.db, dataset);
  const m = getMirror(ws, dataset);
  const { flags, label } = classify(column(m, outcome, dataset), dataset, positive);
  let customerIds = m.ids;
  if (info.kind === 'transactions') {
    const row = ws.db.prepare('SELECT customer_column FROM dataset_transaction_columns WHERE dataset = ?').get(dataset) as { customer_column: string | null } | undefined;
    const cust = row?.customer_column;
    if (!cust || !m.columns.has(cust)) throw new AppError('BAD_INPUT', msg('outcomes.errors.noCustomerColumn', { dataset }), { dataset });
    // Read as SQLite writes ids everywhere else (CAST … AS TEXT), so joins with segments, clusters and RFM match.
    customerIds = (ws.db.prepare(`SELECT CAST(${quoteIdent(cust)} AS TEXT) FROM ${quoteIdent(m.table)} ORDER BY rowid`).pluck().all() as (string | null)[]).map((v) => v ?? '');
  }
  let rev: Float64Array | null = null;
  if (revenue) {
    const c = column(m, revenue, dataset);
    if (c.kind !== 'number') throw new AppError('BAD_INPUT', msg('outcomes.errors.revenueNotNumeric', { column: revenue, dataset }), { dataset, column: revenue });
    rev = c.values;
  }
  // A customers file counts customers: a customer listed on several rows counts once, by the latest row (the
  // one that describes them everywhere else), so the rates' denominators are the "customers" they are called.
  let repeatedRows = 0;
  if (info.kind === 'customers') {
    const last = new Map<string, number>();
    for (let i = 0; i < customerIds.length; i++) if (customerIds[i] !== '') last.set(customerIds[i], i);
    for (let i = 0; i < customerIds.length; i++) {
      const id = customerIds[i];
      if (id !== '' && last.get(id) !== i && flags[i] !== 2) {
        flags[i] = 2;
        repeatedRows++;
      }
    }
  }
  return { dataset, mirror: m, customerIds, outcome: flags, positiveLabel: label, revenue: rev, unit: info.kind === 'customers' ? 'customers' : 'rows', repeatedRows };
}
