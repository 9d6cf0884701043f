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
}

/** Below this share of rows a cluster is an outlier carve-out rather than a segment. */
export const MIN_CLUSTER_SHARE = 0.02;
/** Silhouette from which groups count as clearly distinct (Kaufman & Rousseeuw: "reasonable structure"). */
export const CLEAR_SILHOUETTE = 0.5;
/** Silhouettes closer than this are a tie (sampling alone moves them by about 0.01). */
export const SILHOUETTE_TIE = 0.03;

const f2 = (x: number) => x.toFixed(2);
const groups = (k: number) => `${k} groups`;

export function chooseK(scores: KCandidate[], sampleNote: string): KChoice {
  const elbow = elbowOf(scores);
  const useful = scores.filter((s) => s.smallestShare >= MIN_CLUSTER_SHARE);
  const pool = useful.length ? useful : scores;
  const dropped = scores.filter((s) => !pool.includes(s)).map((s) => s.k);
  const range = `${scores[0].k}–${scores[scores.length - 1].k}`;
  const scale = `on a scale from −1 to 1${sampleNote}`;
  const tail = dropped.length
    ? ` Not ${dropped.join(', ')} groups: one of their groups would hold under ${Math.round(MIN_CLUSTER_SHARE * 100)} % of the rows, a few unusual rows rather than a segment.`
    : '';
  let best = pool[0];
  for (const s of pool) if (s.silhouette > best.silhouette) best = s;
  const byK = (k: number | null) => pool.find((s) => s.k === k);

  if (best.k > 2 || best.silhouette >= CLEAR_SILHOUETTE || pool.length === 1) {
    const why =
      best.k === 2
        ? `customers fall into 2 clearly distinct groups (separation ${f2(best.silhouette)} ${scale}, the clearest of ${range} groups)`
        : `customers are most clearly separated into ${groups(best.k)} (separation ${f2(best.silhouette)} ${scale}, the clearest of ${range} groups)`;
    const bend =
      elbow === best.k
        ? `, and beyond ${groups(best.k)} each extra group makes the groups only a little tighter`
        : elbow !== null
          ? `; groups stop getting much tighter from ${groups(elbow)} on, but they separate less clearly there`
          : '';
    return { k: best.k, elbow, reason: `${groups(best.k)}: ${why}${bend}.${tail}` };
  }

  // The clearest split is a coarse cut in two. Look for a finer one that still separates.
  const two = best;
  const ties = pool.filter((s) => s.k > 2 && s.silhouette >= two.silhouette - SILHOUETTE_TIE);
  const atElbow = byK(elbow);
  let pick: KCandidate | undefined;
  let why = '';
  if (atElbow && atElbow.k > 2 && (ties.includes(atElbow) || atElbow.silhouette > 0)) {
    pick = atElbow;
    why = ties.includes(atElbow)
      ? `they separate about as clearly as with 2 groups (separation ${f2(atElbow.silhouette)} against ${f2(two.silhouette)} ${scale}), and beyond ${groups(pick.k)} each extra group makes the groups only a little tighter.`
      : `beyond ${groups(pick.k)} each extra group makes the groups only a little tighter. Two groups separate more cleanly (separation ${f2(two.silhouette)} against ${f2(atElbow.silhouette)} ${scale}) but below ${f2(CLEAR_SILHOUETTE)}, so they are a coarse cut into more and less rather than two distinct kinds of customer.`;
  } else if (ties.length) {
    pick = ties.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    why = `they separate about as clearly as with 2 groups (separation ${f2(pick.silhouette)} against ${f2(two.silhouette)} ${scale}) and tell more kinds of customer apart.`;
  }
  if (!pick) {
    return {
      k: 2,
      elbow,
      reason: `2 groups: no finer split separates customers (separation ${f2(two.silhouette)} ${scale} at 2 groups, lower for every other count of ${range}); the data look more like one spread than like distinct groups.${tail}`,
    };
  }
  return { k: pick.k, elbow, reason: `${groups(pick.k)}: ${why}${tail}` };
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
