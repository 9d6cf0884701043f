import type { Alert, ColumnProfile } from '../../../shared/contract/ns/profile';
import type { ColumnInfo } from '../../../shared/types/columns';
import { quoteIdent, type Db } from '../db/open';
import { normaliseName } from '../import/roles';
import { msg } from '../../../shared/i18n/current';
import { mCount, mFixed, mShare } from './message-values';
import type { Tally } from './tally';

/** ydata-profiling's default skewness threshold. */
const SKEW_LIMIT = 2;

const pct = (x: number) => mShare(x, x < 0.01 ? 2 : 1);

/** Column-level alerts in the spirit of ydata-profiling: thresholds are its defaults where it has them. */
export function columnAlerts(p: ColumnProfile, rows: number, isId: boolean): Alert[] {
  const out: Alert[] = [];
  if (rows === 0) return out;
  if (p.missingShare >= 0.05) out.push({ column: p.name, kind: 'missing', detail: msg('data.alert.missing', { share: pct(p.missingShare), count: mCount(p.missing) }), value: p.missingShare });
  if (p.count > 0 && p.distinct === 1) out.push({ column: p.name, kind: 'constant', detail: msg('data.alert.constant'), value: 1 });
  if (!isId && p.count === rows && p.distinct === rows && rows > 1 && (p.type === 'text' || p.type === 'integer'))
    out.push({ column: p.name, kind: 'unique', detail: msg('data.alert.unique'), value: 1 });
  if (!isId && !p.pii && (p.type === 'text' || p.type === 'category') && p.distinct > 50 && p.distinct >= p.count * 0.5 && p.distinct < p.count)
    out.push({ column: p.name, kind: 'high_cardinality', detail: msg('data.alert.highCardinality', { count: mCount(p.distinct) }), value: p.distinct });
  // Yes/no, year and ID columns carry no skewness (column-stats), so they never raise this alert.
  if (p.skewness !== null && p.format === 'number' && Math.abs(p.skewness) > SKEW_LIMIT)
    out.push({
      column: p.name,
      kind: 'skewed',
      detail: msg(p.skewness > 0 ? 'data.alert.skewedHigh' : 'data.alert.skewedLow', { skewness: mFixed(p.skewness, 2), estimator: msg('data.stat.estimator'), limit: SKEW_LIMIT }),
      value: p.skewness,
    });
  if ((p.type === 'integer' || p.type === 'number') && p.count > 0 && p.zeros / p.count >= 0.5)
    out.push({ column: p.name, kind: 'zeros', detail: msg('data.alert.zeros', { share: pct(p.zeros / p.count) }), value: p.zeros / p.count });
  if (p.cellErrors > 0) out.push({ column: p.name, kind: 'cell_errors', detail: msg('data.alert.cellErrors', { count: p.cellErrors, n: mCount(p.cellErrors) }), value: p.cellErrors });
  return out;
}

/** Pearson correlation on rows where both are present, over a systematic sample of at most `max` rows. */
export function correlationAlerts(db: Db, table: string, cols: ColumnInfo[], rows: number, max = 50_000): Alert[] {
  const num = cols.filter((c) => (c.type === 'integer' || c.type === 'number') && c.role !== 'id').slice(0, 60);
  if (num.length < 2 || rows < 3) return [];
  const step = Math.max(1, Math.ceil(rows / max));
  const data = db
    .prepare(`SELECT ${num.map((c) => quoteIdent(c.name)).join(', ')} FROM ${quoteIdent(table)} WHERE rowid % ? = 0`)
    .raw()
    .all(step) as (number | null)[][];
  const out: Alert[] = [];
  for (let a = 0; a < num.length; a++) {
    for (let b = a + 1; b < num.length; b++) {
      let n = 0;
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      for (const r of data) {
        const x = r[a];
        const y = r[b];
        if (x === null || y === null) continue;
        n++;
        sa += x;
        sb += y;
        saa += x * x;
        sbb += y * y;
        sab += x * y;
      }
      const va = saa - (sa * sa) / n;
      const vb = sbb - (sb * sb) / n;
      if (n < 3 || va <= 0 || vb <= 0) continue;
      const r = (sab - (sa * sb) / n) / Math.sqrt(va * vb);
      if (Math.abs(r) >= 0.9) out.push({ column: num[a].name, kind: 'correlated', detail: msg('data.alert.correlated', { column: num[b].name, r: mFixed(r, 2) }), value: r });
    }
  }
  return out;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const PHONE_CHARS_RE = /^\+?[\d\s().\-/]+$/;

/** 7 to 15 digits (E.164 allows 15); counted in a loop, not by a replace per value (a million phones in a profile). */
function plausibleDigits(s: string): boolean {
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) d++;
  }
  return d >= 7 && d <= 15;
}

/**
 * The validity check of a column named (in any of the supported languages) as e-mail addresses or
 * phone numbers, or null for any other column.
 */
export function contactCheck(col: Pick<ColumnInfo, 'name' | 'type'>): { kind: 'email' | 'phone'; valid: (v: string) => boolean } | null {
  if (col.type !== 'text' && col.type !== 'category') return null;
  const n = normaliseName(col.name);
  if (/(^|_)(e_?mail|mail|courriel|correo)(_|$)/.test(n)) return { kind: 'email', valid: (v) => EMAIL_RE.test(v.trim()) };
  if (/(^|_)(phone|telephone|tel|mobile|telefon|telefono|handy|movil|portable)(_|$)/.test(n)) {
    return {
      kind: 'phone',
      valid: (v) => {
        const s = v.trim();
        return PHONE_CHARS_RE.test(s) && plausibleDigits(s);
      },
    };
  }
  return null;
}

/** Invalid e-mail addresses and phone numbers in columns named as such (contactCheck). */
export function contactAlerts(cols: { col: ColumnInfo; tally: Tally | null }[]): Alert[] {
  const out: Alert[] = [];
  for (const { col: c, tally } of cols) {
    const check = tally ? contactCheck(c) : null;
    if (!tally || !check) continue;
    let bad = tally.invalid ?? 0;
    // Each distinct value is checked once and counts for all its rows (unless the tally counted them as it read).
    if (tally.invalid === undefined) {
      tally.each?.((v, rows) => {
        if (!check.valid(v)) bad += rows;
      });
    }
    const email = check.kind === 'email';
    const total = tally.count;
    if (bad > 0)
      out.push({
        column: c.name,
        kind: email ? 'invalid_email' : 'invalid_phone',
        detail: msg(email ? 'data.alert.invalidEmail' : 'data.alert.invalidPhone', { bad: mCount(bad), total, n: mCount(total), share: pct(bad / total) }),
        value: bad,
      });
  }
  return out;
}
