import type { MessageId } from '../../shared/i18n/catalogue';
import type { UiLocale } from '../../shared/i18n/locales';
import { translator } from '../../shared/i18n/translator';
import { activeLocale } from '../i18n/active';

/*
 * The standard RFM grid's segment names (electron/engine/rfm/grid.ts) are stored and exported in English:
 * rules (`{"rfm":"Champions"}`), the customer view's rfm_segment column and the CLI read them. Only what
 * the window shows is translated; a name the user gave a row of their own grid is shown as it is.
 */
const STANDARD: Record<string, MessageId> = {
  Champions: 'segments.rfmName.champions',
  'Loyal Customers': 'segments.rfmName.loyal',
  'Potential Loyalists': 'segments.rfmName.potentialLoyalists',
  'New Customers': 'segments.rfmName.new',
  Promising: 'segments.rfmName.promising',
  'Need Attention': 'segments.rfmName.needAttention',
  'About To Sleep': 'segments.rfmName.aboutToSleep',
  'At Risk': 'segments.rfmName.atRisk',
  "Can't Lose Them": 'segments.rfmName.cantLose',
  Hibernating: 'segments.rfmName.hibernating',
  Lost: 'segments.rfmName.lost',
};

/** An RFM segment's name as the window shows it. */
export function rfmSegmentLabel(name: string, locale: UiLocale = activeLocale()): string {
  const id = STANDARD[name];
  return id ? translator(locale).t(id) : name;
}
