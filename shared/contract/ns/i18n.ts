import { z } from 'zod';
import { method } from '../define';
import { LOCALES, PSEUDO_LOCALE } from '../../i18n/locales';

export const UiLocaleSchema = z.enum([...LOCALES, PSEUDO_LOCALE]);

export const i18n = {
  /**
   * The language of the messages the engine writes for the app from now on (errors, warnings, explanations,
   * rule descriptions). The renderer sends it at start and whenever the user switches; the CLI stays English.
   */
  setLocale: method(z.object({ locale: UiLocaleSchema }), z.object({ locale: UiLocaleSchema })),
} as const;
