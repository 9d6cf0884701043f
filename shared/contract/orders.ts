import { speaker } from '../rules/speak';
import { formats } from '../i18n/format';
import type { UiLocale } from '../i18n/locales';
import { z } from 'zod';

/**
 * How an analysis of orders (RFM, lifetime value) treats cancellations and returns: one policy
 * for all of them, named beside every result.
 * - `exclude-cancelled` (default): cancelled orders (invoice numbers with a "C" prefix, a cancelled
 *   status) and all their lines are left out; returns (negative lines not marked as cancellations,
 *   a returned status) are netted into the customer's spend and are not purchases.
 * - `net-all`: cancellations are netted into spend like returns; neither is a purchase.
 * - `purchases-only`: cancellations and returns are both left out (spend is gross).
 * Under every policy a customer with no purchase left is not scored.
 */
export const RETURNS_POLICIES = ['exclude-cancelled', 'net-all', 'purchases-only'] as const;
export type ReturnsPolicy = (typeof RETURNS_POLICIES)[number];
export const ReturnsPolicySchema = z.enum(RETURNS_POLICIES);
export const DEFAULT_RETURNS_POLICY: ReturnsPolicy = 'exclude-cancelled';

/** The policies in words (CLI --help, the views, the report's methods appendix). */
export const RETURNS_POLICY_TEXT: Record<ReturnsPolicy, string> = {
  'exclude-cancelled':
    'cancelled orders (invoice numbers starting with "C", a cancelled status) and their lines are left out; returns (other negative lines, a returned status) are subtracted from the customer\'s spend and are not purchases; customers with no purchase left are not scored',
  'net-all': 'cancellations and returns are both subtracted from the customer\'s spend and are not purchases; customers with no purchase left are not scored',
  'purchases-only': 'cancellations and returns are both left out (spend counts purchases only); customers with no purchase left are not scored',
};

/** What the returns policy did to the rows an analysis read. Lines are rows of the orders file. */
export const OrderPolicyReportSchema = z.object({
  policy: ReturnsPolicySchema,
  description: z.string(),
  /** How cancellations and returns were recognised, in words (empty when the file has none of the signals). */
  detectedBy: z.array(z.string()),
  /** Cancelled orders (distinct order numbers; lines when the file has no order column) up to the as-of date. */
  cancelledOrders: z.number().int(),
  cancelledLines: z.number().int(),
  /** Return lines up to the as-of date. */
  returnLines: z.number().int(),
  /** Lines left out by the policy (cancellations and/or returns). */
  excludedLines: z.number().int(),
  /** Lines subtracted from spend, and the amount they subtracted (≤ 0). */
  nettedLines: z.number().int(),
  nettedAmount: z.number(),
  /** Customers with rows up to the as-of date but no purchase left after the policy: not scored. */
  customersWithoutPurchase: z.number().int(),
  /** Rows dated after the as-of date (ignored). */
  linesAfterAsOf: z.number().int(),
  /** Rows with a customer but no readable date (ignored). */
  undatedLines: z.number().int(),
});
export type OrderPolicyReport = z.infer<typeof OrderPolicyReportSchema>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates must be yyyy-mm-dd');

/** The date an analysis is measured at, and where it came from. */
export const AsOfInfoSchema = z.object({
  asOf: IsoDate,
  /** In words: "the last order in online_retail", "chosen for this analysis", "the workspace's as-of date". */
  source: z.string(),
  /** First and last date in the data the analysis read (null when it has no dates). */
  dataStart: IsoDate.nullable(),
  dataEnd: IsoDate.nullable(),
  /** A chosen date after the data ends or far before it. */
  warnings: z.array(z.string()),
});
export type AsOfInfo = z.infer<typeof AsOfInfoSchema>;

/**
 * The policy's effect in one line (CLI, warnings), in `locale` (default: the process's message language;
 * the CLI's is English). English keeps plain numbers, as scripts read them.
 */
export function describePolicyReport(r: OrderPolicyReport, locale?: UiLocale): string {
  const s = speaker(locale);
  const amount = s.locale === 'en' || s.locale === 'en-XA' ? r.nettedAmount.toFixed(2) : formats(s.locale).number(r.nettedAmount, 2);
  const n = (count: number) => ({ count, n: s.num(count) });
  const parts = [
    s.t('segments.orders.cancelled', { ...n(r.cancelledOrders), lines: r.cancelledLines, linesN: s.num(r.cancelledLines) }),
    s.t('segments.orders.returnLines', n(r.returnLines)),
    s.t('segments.orders.excludedLines', n(r.excludedLines)),
    s.t('segments.orders.nettedLines', { ...n(r.nettedLines), amount }),
    s.t('segments.orders.noPurchase', n(r.customersWithoutPurchase)),
  ];
  if (r.linesAfterAsOf) parts.push(s.t('segments.orders.afterAsOf', n(r.linesAfterAsOf)));
  if (r.undatedLines) parts.push(s.t('segments.orders.undated', n(r.undatedLines)));
  return s.t('segments.orders.policy', { policy: r.policy, parts: parts.join(s.t('segments.orders.separator')) });
}
