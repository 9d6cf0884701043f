import type { ClvResult } from '../../../shared/contract/ns/outcomes';
import { quoteIdent } from '../db/open';
import { byCodePoint } from '../db/collation';
import { insertRows } from '../db/bulk';
import { registerErasableTable, unregisterErasableTable } from '../erasure/registry';
import { BgNbdPredictor, pAlive, type BgNbdParams } from '../outcomes/bgnbd';
import { PERIOD_DAYS } from '../outcomes/clv-model';
import { dayToIso, isoDay } from '../outcomes/clv-summary';
import type { Workspace } from '../workspace/workspace';

/**
 * The two lifetime-value fields SQL cannot compute (they need the BG/NBD hypergeometric function): one
 * row per customer of a transactions dataset's fit, written when the fit changes. It is registered as
 * a table of customer IDs, so erasure and dataset removal reach it like every other.
 */
export const clvExtraTable = (transactions: string) => `customer_view_clv_${transactions}`;

const DAYS = 365;

/** Customers read per query. */
const CHUNK = 8192;
type Row = [string, number, number, number];

const fitKey = (transactions: string) => `customer_view_clv_fit:${transactions}`;

/**
 * expected_purchases_365d = E[Y(365 days) | x, t_x, T] (FHL 2005, eq. 10), from the fit's own
 * parameters and each customer's summary. expected_next_order_date = the as-of date of the fit plus the
 * first whole day d with E[Y(d days)] ≥ 1, i.e. the day by which one purchase is expected; NULL when fewer
 * than one is expected within 365 days (it is not extrapolated beyond a year).
 */
/** A fit's per-customer summary as it was just saved into clv_scores (ids, frequency, recency, T). */
export interface SavedSummary {
  ids: readonly string[];
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
}

const offered = new WeakMap<Workspace, Map<string, SavedSummary>>();

/** The summary a fit has just saved, for the view's rebuild that follows its change event (else it is read back from clv_scores). */
export function offerSavedSummary(ws: Workspace, transactions: string, saved: SavedSummary): void {
  const m = offered.get(ws) ?? new Map<string, SavedSummary>();
  m.set(transactions, saved);
  offered.set(ws, m);
}

/** Let go of offered summaries (the rebuild is done with them). */
export function forgetSavedSummaries(ws: Workspace): void {
  offered.delete(ws);
}

/** Where the fields came from: an offered summary, clv_scores, or nothing to do (no fit, or the table is current). */
export type ClvExtraSource = 'offered' | 'scores' | 'current' | 'none';

export function ensureClvExtra(ws: Workspace, transactions: string): ClvExtraSource {
  const saved = offered.get(ws)?.get(transactions);
  const db = ws.db;
  const run = db.prepare('SELECT result_json, computed_at FROM clv_runs WHERE dataset = ?').get(transactions) as { result_json: string; computed_at: string } | undefined;
  if (!run) return 'none';
  const table = clvExtraTable(transactions);
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  const fingerprint = `${run.computed_at}|${db.prepare('SELECT count(*) FROM clv_scores WHERE dataset = ?').pluck().get(transactions) as number}`;
  if (exists && ws.meta(fitKey(transactions)) === fingerprint) return 'current';
  const result = JSON.parse(run.result_json) as ClvResult;
  const p: BgNbdParams = { r: result.bgnbd.r, alpha: result.bgnbd.alpha, a: result.bgnbd.a, b: result.bgnbd.b };
  const pd = PERIOD_DAYS[result.period];
  const horizon = DAYS / pd;
  const asOfDay = isoDay(result.asOf);
  // In key order (clv_scores' own), so the inserts below append to the new table's B-tree; in chunks, so the rows
  // read die young (a million rows held at once cost 0.7 s of garbage collection at 1M customers). The fit that
  // was just saved gives its own summary when its customers are already in key order (reading them back took 0.5 s).
  const page = db.prepare(`SELECT id, frequency, recency, T FROM clv_scores WHERE dataset = ? AND id > ? ORDER BY id LIMIT ${CHUNK}`).raw(true);
  const inOrder = saved !== undefined && saved.ids.length === (db.prepare('SELECT count(*) FROM clv_scores WHERE dataset = ?').pluck().get(transactions) as number) && ascending(saved.ids);
  let from = 0;
  const chunk = (after: string): Row[] => {
    if (!inOrder) return page.all(transactions, after) as Row[];
    const rows: Row[] = [];
    for (const end = Math.min(saved.ids.length, from + CHUNK); from < end; from++) rows.push([saved.ids[from], saved.frequency[from], saved.recency[from], saved.T[from]]);
    return rows;
  };
  const isoOf = new Map<number, string>();
  const predict = new BgNbdPredictor(p);
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    db.exec(`CREATE TABLE ${quoteIdent(table)} (id TEXT PRIMARY KEY, expected_purchases_365d REAL, expected_next_order_date TEXT) WITHOUT ROWID`);
    // Registered under the transactions dataset: a customer with a fit has orders there, where erasure finds them.
    registerErasableTable(db, { table, dataset: transactions, idColumn: 'id', key: 'id', place: `customer view lifetime-value fields (${transactions})` });
    // Multi-row inserts (db/bulk.ts): a call per 100 customers.
    for (let after = ''; ; ) {
      const rows = chunk(after);
      if (!rows.length) break;
      after = rows[rows.length - 1][0];
      insertRows(db, quoteIdent(table), ['id', 'expected_purchases_365d', 'expected_next_order_date'], rows.length, (i, out, at) => {
        const [id, x, tx, T] = rows[i];
        const alive = pAlive(p, x, tx, T);
        const e = predict.expected(horizon, x, T, alive);
        let next: string | null = null;
        if (Number.isFinite(e) && e >= 1) {
          // E[Y(t)] rises with t and is concave (the purchase rate only falls as customers may drop out), so
          // E[Y(t)] ≥ t / 365 · e and the day lies within 365 / e days: a bisection over whole days in that range.
          let lo = 0;
          let hi = Math.min(DAYS, Math.ceil(DAYS / e));
          if (predict.expected(hi / pd, x, T, alive) < 1) hi = DAYS;
          while (hi - lo > 1) {
            const mid = (lo + hi) >> 1;
            if (predict.expected(mid / pd, x, T, alive) >= 1) hi = mid;
            else lo = mid;
          }
          const day = asOfDay + hi;
          // Most customers share one of a few hundred days: each is written out once.
          next = isoOf.get(day) ?? null;
          if (next === null) {
            next = dayToIso(day);
            isoOf.set(day, next);
          }
        }
        out[at] = id;
        out[at + 1] = Number.isFinite(e) ? e : null;
        out[at + 2] = next;
      });
    }
    ws.setMeta(fitKey(transactions), fingerprint);
  })();
  return inOrder ? 'offered' : 'scores';
}

/** Drop extra tables whose fit is gone (dataset removed, results cleared). */
export function dropStaleClvExtras(ws: Workspace): void {
  const db = ws.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'customer\\_view\\_clv\\_%' ESCAPE '\\'").pluck().all() as string[];
  const fits = new Set((db.prepare('SELECT dataset FROM clv_runs').pluck().all() as string[]).map(clvExtraTable));
  for (const t of tables) {
    if (fits.has(t)) continue;
    db.transaction(() => {
      db.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
      unregisterErasableTable(db, t);
    })();
  }
}

/** Strictly ascending in SQLite's text order (each ID once). */
function ascending(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (byCodePoint(ids[i - 1], ids[i]) >= 0) return false;
  return true;
}
