/**
 * Plain words for the technical terms SegmentDesk shows: one place, used by the app (hover/focus tooltips) and
 * by the report (its glossary). `label` is what a non-statistician reads in place of the term; `explain` says
 * what the number means and how to read it; `term` is the analyst's name, kept one click away.
 */
export interface GlossaryEntry {
  /** The technical name, as in the literature and the methods appendix. */
  term: string;
  /** The plain label shown in its place. */
  label: string;
  /** One or two sentences: what it is and how to read it. */
  explain: string;
}

export const GLOSSARY = {
  pAlive: {
    term: 'P(alive)',
    label: 'chance this customer is still active',
    explain: 'Estimated from how often and how recently the customer bought (BG/NBD model). 90% = almost certainly still buying; under 30% = probably gone.',
  },
  effect: {
    term: 'effect size',
    label: 'how different (standardised)',
    explain:
      'How far this group is from everyone else, in a unit that is the same for every column (standard deviations for numbers, Cohen’s h for shares). About 0.2 is small, 0.5 medium, 0.8 or more large; the sign says higher (+) or lower (−).',
  },
  sharePoints: {
    term: 'percentage points (pp)',
    label: 'share difference (percentage points)',
    explain: 'For a category value: its share in this group minus its share among all customers. +12 pp = 42.0% of the group has it against 30.0% of everyone; 0 = as common as anywhere.',
  },
  zScore: {
    term: 'z-score',
    label: 'standardised difference',
    explain: 'A value minus the average, divided by the standard deviation: 0 is average, +1 one typical step above it, −1 one below.',
  },
  bgnbd: {
    term: 'BG/NBD',
    label: 'purchase-frequency model',
    explain: 'The beta-geometric / negative binomial model: learns how often each customer buys and the chance they have stopped, from their order history. It predicts future orders.',
  },
  gammaGamma: {
    term: 'Gamma-Gamma',
    label: 'spend-per-order model',
    explain: 'Estimates what each repeat customer will spend per order, pulling customers with few orders towards the average. Combined with the purchase model it gives lifetime value.',
  },
  clv: {
    term: 'CLV',
    label: 'expected value of the customer',
    explain: 'Customer lifetime value: the spend the customer is expected to bring over the chosen horizon, discounted to today.',
  },
  ari: {
    term: 'ARI (adjusted Rand index)',
    label: 'how stable the groups are (0–1)',
    explain: 'Re-runs the grouping on parts of the data and compares the results: 1 = the same groups every time, above 0.8 solid, under 0.5 the groups change from run to run; 0 = no better than chance.',
  },
  silhouette: {
    term: 'silhouette',
    label: 'how clearly the groups separate (−1 to 1)',
    explain: 'For each customer: how much closer they are to their own group than to the next one. Above 0.5 clear groups, 0.25–0.5 fair, under 0.25 groups overlap a lot.',
  },
  inertia: {
    term: 'inertia',
    label: 'spread inside the groups',
    explain: 'The sum of squared distances of customers to their group’s centre. It always falls as groups are added; the bend (“elbow”) suggests a good number of groups.',
  },
  kMeans: {
    term: 'k-means',
    label: 'grouping method for numbers',
    explain: 'Puts customers into k groups so that each customer is close to the average of their group. Hamerly’s variant gives the same groups, faster.',
  },
  kPrototypes: {
    term: 'k-prototypes',
    label: 'grouping method for numbers and categories',
    explain: 'k-means extended to category columns (such as channel or city): numbers are compared by distance, categories by whether they match.',
  },
  hamerly: {
    term: 'Hamerly',
    label: 'fast k-means',
    explain: 'An exact speed-up of k-means: skips distance calculations that cannot change a customer’s group. Same result as plain k-means.',
  },
  log1p: {
    term: 'log1p',
    label: 'tame very large values',
    explain: 'Replaces a value x by log(1 + x) for long-tailed columns (a few very large spenders), so they do not decide the groups on their own.',
  },
  pHolm: {
    term: 'p (Holm)',
    label: 'chance of a fluke (adjusted)',
    explain: 'The p-value, adjusted (Holm’s method) because several groups are compared at once. Under 0.05: a difference this large is unlikely to be chance alone.',
  },
  pValue: {
    term: 'p-value',
    label: 'chance of a fluke',
    explain: 'How likely a difference at least this large would be if there were no real difference. Under 0.05 is the usual bar for “not just chance”.',
  },
  eta: {
    term: 'η (eta)',
    label: 'how much a column tells the groups apart (0–1)',
    explain: 'The share of a column’s variation explained by the group: near 0 the column is alike in every group, near 1 it almost decides the group.',
  },
  cramersV: {
    term: 'Cramér’s V',
    label: 'how strongly two columns go together (0–1)',
    explain: 'Association between two category columns: 0 = unrelated, above 0.3 noticeable, above 0.5 one largely predicts the other (a possible proxy).',
  },
  wilson: {
    term: '95% Wilson interval',
    label: 'likely range',
    explain: 'The range the true rate lies in, with 95% confidence, given how many customers were counted. Narrow with many customers, wide with few.',
  },
  disparateImpact: {
    term: 'selection-rate ratio',
    label: 'how evenly groups are picked',
    explain: 'A group’s selection rate divided by the highest group’s. Under 0.8 (the “four-fifths rule”) the segment picks that group noticeably less often.',
  },
  rfm: {
    term: 'RFM',
    label: 'recency, frequency, money',
    explain: 'Scores each customer 1–5 on how recently they bought, how often, and how much they spent, and names the usual groups (champions, at risk…).',
  },
} as const satisfies Record<string, GlossaryEntry>;

export type GlossaryId = keyof typeof GLOSSARY;

export function glossary(id: GlossaryId): GlossaryEntry {
  return GLOSSARY[id];
}
