import { translator, type Translator } from '../../../shared/i18n/translator';
import { formats } from '../../../shared/i18n/format';
/**
 * Which k a sweep recommends, and why in plain words. The silhouette alone almost always prefers k = 2 on
 * customer data, which spreads along a continuum (big and small spenders) rather than falling into separate
 * groups: its curve then only falls as k grows and says nothing about how many groups are worth telling apart.
 * So the silhouette decides only when it has a real peak above k = 2 or when two groups are clearly distinct
 * (silhouette ≥ 0.5); otherwise the elbow of the inertia curve (where another cluster stops paying) decides, if
 * its clusters still separate at all. A k whose smallest cluster holds under 2 % of the rows is not a useful
 * split (it carves off a few outliers) and is only chosen when every k does that.
 */

export interface KCandidate {
  k: number;
  inertia: number;
  silhouette: number;
  /** Share of rows in the smallest cluster. */
  smallestShare: number;
}

export interface KChoice {
  k: number;
  elbow: number | null;
  reason: string;
  /** What the reason says, as numbers: stored with the run so the app can say it again in the reader's language. */
  facts: ReasonFacts;
}

/** The recommendation's grounds; reasonText() puts them in words. */
export interface ReasonFacts {
  /**
   * best: the clearest separation decides; elbowTie / elbowCoarse: the elbow, separating about as clearly as 2 groups
   * or less clearly; tie: a finer split that separates as clearly as 2 groups; two: no finer split separates.
   */
  kind: 'best' | 'elbowTie' | 'elbowCoarse' | 'tie' | 'two';
  k: number;
  /** Separation (silhouette) at k, and at 2 groups. */
  silhouette: number;
  two: number;
  lo: number;
  hi: number;
  elbow: number | null;
  /** Counts of groups left out because one of their groups would be tiny. */
  dropped: number[];
  /** Rows of the seeded sample the separation was measured on; null when measured on every row. */
  sampledRows: number | null;
}

/** Below this share of rows a cluster is an outlier carve-out rather than a segment. */
export const MIN_CLUSTER_SHARE = 0.02;
/** Silhouette from which groups count as clearly distinct (Kaufman & Rousseeuw: "reasonable structure"). */
export const CLEAR_SILHOUETTE = 0.5;
/** Silhouettes closer than this are a tie (sampling alone moves them by about 0.01). */
export const SILHOUETTE_TIE = 0.03;

/** `sampledRows`: the rows of the seeded sample the silhouettes were measured on (null: every row). */
export function chooseK(scores: KCandidate[], sampledRows: number | null = null): KChoice {
  const elbow = elbowOf(scores);
  const useful = scores.filter((s) => s.smallestShare >= MIN_CLUSTER_SHARE);
  const pool = useful.length ? useful : scores;
  const dropped = scores.filter((s) => !pool.includes(s)).map((s) => s.k);
  const base = { lo: scores[0].k, hi: scores[scores.length - 1].k, elbow, dropped, sampledRows };
  const choice = (k: number, facts: ReasonFacts): KChoice => ({ k, elbow, reason: reasonText(facts, translator('en')), facts });
  let best = pool[0];
  for (const s of pool) if (s.silhouette > best.silhouette) best = s;
  const byK = (k: number | null) => pool.find((s) => s.k === k);

  if (best.k > 2 || best.silhouette >= CLEAR_SILHOUETTE || pool.length === 1)
    return choice(best.k, { ...base, kind: 'best', k: best.k, silhouette: best.silhouette, two: best.silhouette });

  // The clearest split is a coarse cut in two. Look for a finer one that still separates.
  const two = best;
  const ties = pool.filter((s) => s.k > 2 && s.silhouette >= two.silhouette - SILHOUETTE_TIE);
  const atElbow = byK(elbow);
  if (atElbow && atElbow.k > 2 && (ties.includes(atElbow) || atElbow.silhouette > 0))
    return choice(atElbow.k, { ...base, kind: ties.includes(atElbow) ? 'elbowTie' : 'elbowCoarse', k: atElbow.k, silhouette: atElbow.silhouette, two: two.silhouette });
  if (ties.length) {
    const pick = ties.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    return choice(pick.k, { ...base, kind: 'tie', k: pick.k, silhouette: pick.silhouette, two: two.silhouette });
  }
  return choice(2, { ...base, kind: 'two', k: 2, silhouette: two.silhouette, two: two.silhouette });
}

/** The recommendation in plain words, in the translator's language (the run stores the English one; the app says it again in the reader's). */
export function reasonText(f: ReasonFacts, tr: Translator): string {
  const n = formats(tr.locale);
  const scale = f.sampledRows === null ? tr.t('clusters.k.scale') : tr.t('clusters.k.scaleSampled', { rows: f.sampledRows });
  const values = {
    k: f.k,
    silhouette: n.number(f.silhouette, 2),
    two: n.number(f.two, 2),
    scale,
    lo: f.lo,
    hi: f.hi,
    elbow: f.elbow ?? 0,
    clear: n.number(CLEAR_SILHOUETTE, 2),
    // best: the elbow is at the chosen k, elsewhere, or there is none.
    bend: f.elbow === f.k ? 'same' : f.elbow !== null ? 'elbow' : 'none',
    clearTwo: f.k === 2 ? 'yes' : 'no',
  };
  const main = tr.t(`clusters.k.${f.kind}`, values);
  if (!f.dropped.length) return main;
  return `${main} ${tr.t('clusters.k.dropped', { count: f.dropped.length, ks: f.dropped.join(', '), min: Math.round(MIN_CLUSTER_SHARE * 100) })}`;
}

/** The elbow: the k farthest below the straight line joining the first and last inertia (kneedle). */
export function elbowOf(scores: { k: number; inertia: number }[]): number | null {
  if (scores.length < 3) return null;
  const first = scores[0];
  const last = scores[scores.length - 1];
  const span = first.inertia - last.inertia;
  if (span <= 0) return null;
  let best: number | null = null;
  let bestGap = 0;
  for (const s of scores) {
    const x = (s.k - first.k) / (last.k - first.k);
    const y = (first.inertia - s.inertia) / span;
    if (y - x > bestGap) {
      bestGap = y - x;
      best = s.k;
    }
  }
  return best;
}
