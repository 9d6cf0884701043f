import { DEFAULT_RETURNS_POLICY, RETURNS_POLICIES, RETURNS_POLICY_TEXT } from './contract/orders';
import { TESTS_HELP } from './contract/stats';

/**
 * Every convention behind a number, stated once. The CLI's `--help`, the "How is this computed?"
 * notes beside results in the app and the report's methods appendix all print these texts, so
 * the three can never disagree. The figures in them (30, 183 days, 10 restarts…) are checked
 * against the engine's constants by test/shared/conventions.test.ts.
 */
export interface Convention {
  title: string;
  text: string;
}

const returnsText = `${RETURNS_POLICIES.map((p) => `${p}${p === DEFAULT_RETURNS_POLICY ? ' (the default)' : ''}: ${RETURNS_POLICY_TEXT[p]}`).join('. ')}.`;

export const CONVENTIONS = {
  asOf: {
    title: 'As-of date',
    text:
      "Dates are measured from an as-of date. By default it is the latest date in the data the analysis reads, never today's clock: the last order for RFM, lifetime value and order history; for a customers file, its latest date (birth dates, consent dates and dates after today aside) for staleness, ages and conditions such as \"in the last 90 days\". A date set for the workspace, or chosen for one analysis, replaces it; a chosen date after the data ends, or 183 days or more before it, comes with a warning, and orders after it are left out.",
  },
  customers: {
    title: 'Customers, not rows',
    text: 'A count called "customers" counts distinct customer IDs: a customer on several rows of a file counts once, and the latest row describes them. Where rows are meant, the text says rows.',
  },
  returns: {
    title: 'Returns and cancellations',
    text: `One policy for RFM, lifetime value and order history. ${returnsText}`,
  },
  rfm: {
    title: 'RFM scores',
    text: 'Recency = days from the last purchase to the as-of date; frequency = number of distinct orders (one per row when no order column is known); monetary = total spend. Each is scored 1–5 by quintiles of the scored customers (5 = most recent, most frequent, highest spend; ties share a score), and the three scores map to named segments by the editable grid.',
  },
  clv: {
    title: 'Lifetime value model',
    text: 'Purchases follow the BG/NBD model and spend per purchase the Gamma-Gamma model (Fader, Hardie and Lee), both fitted by maximum likelihood on each customer\'s repeat purchases up to the as-of date. Predicted value = expected purchases over the horizon × expected spend per purchase, discounted at the yearly rate in 30-day steps (as the lifetimes library does). P(alive) is the probability the customer has not stopped buying. The holdout check refits on everything but the last days (the horizon, at most a third of the observed span) and compares predicted with actual purchases in them.',
  },
  clusterPrep: {
    title: 'Preparing features for clustering',
    text: 'Missing values are set to the median (numbers) or the most frequent value (categories), and the share filled is reported. With transform "auto", a non-negative column whose skewness (g1) is above 1 is clustered on log(1 + x). Standard scaling subtracts the mean and divides by the population standard deviation (divides by n, as scikit-learn\'s StandardScaler); robust scaling uses the median and the interquartile range. Sensitive and personal columns are left out unless chosen.',
  },
  kmeans: {
    title: 'k-means',
    text: 'Lloyd\'s k-means (with Hamerly\'s bounds, which give the same result faster), seeded by greedy k-means++ (2 + ln k candidate centres per step, keeping the one that lowers the spread most, as scikit-learn does). By default at least 10 independent starts, more for small files (up to 100), and the lowest within-cluster sum of squares (inertia) wins; above 50,000 rows the starts compete on a seeded sample of 20,000 and the winner is refined on all rows. Results are reproducible from the seed.',
  },
  chooseK: {
    title: 'Choosing the number of clusters',
    text: 'Every k of the sweep is fitted and kept, so any k can be picked afterwards. The silhouette (how much closer each customer is to its own cluster than to the next; exact up to 10,000 rows, else on a seeded sample of 10,000) decides only when it peaks above k = 2 or shows clearly distinct groups (0.5 or more); otherwise the elbow of the inertia curve decides. A k whose smallest cluster holds under 2 % of the customers is avoided.',
  },
  profileStats: {
    title: 'Column statistics',
    text: 'Standard deviation is the sample one (divides by n − 1, as pandas and Excel\'s STDEV). Skewness is the adjusted Fisher–Pearson coefficient G1 (pandas .skew(), Excel SKEW); yes/no and two-valued columns have none. Quantiles interpolate linearly between values (numpy\'s default). Outliers are values more than 3 × the interquartile range beyond the quartiles.',
  },
  stale: {
    title: 'Stale records',
    text: 'A customer is stale when their latest activity (the last order of a linked orders file, else a "last …" date column) is older than the chosen number of months before the as-of date (12 by default).',
  },
  consent: {
    title: 'Marketing consent',
    text: "Exports leave out customers without consent in every consent column: a missing or unreadable value counts as no consent. Consent dates are judged on today's date, not the as-of date, because the export is used now: an opt-out dated after the data ends still counts.",
  },
  fairness: {
    title: 'Fairness audit',
    text: 'Selection rate = customers selected ÷ customers in the group. Each group is compared with the reference, the highest rate among groups of 30 or more customers (the four-fifths rule: a ratio under 0.8 is flagged). Groups under 30 customers are shown but are not treated as evidence, and the missing ("unknown") group is shown and tested but does not set the reference rate nor enter the overall test, unless the user asks for it. Proxies are columns associated with a sensitive attribute (Cramér\'s V with Bergsma\'s bias correction for categories, the correlation ratio η for numbers). Ages come from an age column, a birth year or a birth date, measured at the as-of date.',
  },
  response: {
    title: 'Response rates',
    text: "Rate = customers who responded ÷ customers in the group, with a 95 % Wilson interval (stays within 0–100 % and keeps its coverage for small groups). Each group is compared with everyone else, and all groups at once by one overall test (not for saved segments, which may overlap). Lift = group rate ÷ overall rate.",
  },
  orderHistory: {
    title: 'Order-history conditions',
    text: `Conditions such as "at least 3 orders in the last 90 days" read the same order lines as the customer view's order history: lines up to the as-of date of the orders file (its last order unless the workspace sets one), under the ${DEFAULT_RETURNS_POLICY} policy. Orders = distinct order numbers of purchase lines (one per line without an order column); spend = purchases plus netted returns (0 with no purchase counted); average = spend ÷ orders; "distinct" counts the different values of a column on purchase lines. "In the last N days" includes the as-of date and the day N days before it; a filter on order columns keeps only the lines it selects. A customer with no line counted has 0 orders, 0 spend and 0 distinct values, and no average (an average condition never holds for them).`,
  },
  tests: {
    title: 'Significance tests',
    text: TESTS_HELP.replace(/^Tests: e/, 'E'),
  },
} as const satisfies Record<string, Convention>;

export type ConventionId = keyof typeof CONVENTIONS;

/** Conventions in the order given, for a help text or a "How is this computed?" note. */
export function conventions(ids: readonly ConventionId[]): Convention[] {
  return ids.map((id) => CONVENTIONS[id]);
}

/** The conventions as plain text paragraphs (CLI help, logs). */
export function conventionsText(ids: readonly ConventionId[]): string {
  return conventions(ids)
    .map((c) => `${c.title}: ${c.text}`)
    .join('\n\n');
}
