import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGUES, type MessageId } from './catalogue';
import { intlTag, PSEUDO_LOCALE, type UiLocale } from './locales';
import { pseudoMessage } from './pseudo';

/** Values a message's placeholders take: text, numbers and dates (formatted in the message's language). */
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

/** One language's messages and formats. The renderer, the report and engine messages all go through one. */
export interface Translator {
  readonly locale: UiLocale;
  /** The Intl/FormatJS object behind it (react-intl's provider takes it as is). */
  readonly intl: IntlShape<string>;
  /** A message in this language. A key missing from a translation falls back to English. */
  t(id: MessageId, values?: MessageValues): string;
}

const cache = createIntlCache();
const made = new Map<UiLocale, Translator>();
let pseudoMessages: Record<string, MessageFormatElement[]> | null = null;

function messagesFor(locale: UiLocale): Record<string, string> | Record<string, MessageFormatElement[]> {
  if (locale !== PSEUDO_LOCALE) return CATALOGUES[locale];
  pseudoMessages ??= Object.fromEntries(Object.entries(CATALOGUES.en as Record<string, string>).map(([k, v]) => [k, pseudoMessage(v)]));
  return pseudoMessages;
}

/** The translator for a language (made once per language and kept: formatters are costly to build). */
export function translator(locale: UiLocale): Translator {
  let tr = made.get(locale);
  if (tr) return tr;
  const intl = createIntl<string>(
    {
      locale: intlTag(locale),
      defaultLocale: 'en',
      messages: messagesFor(locale),
      // A missing translation falls back to English (reported by the parity test, not at every call).
      onError: (err) => {
        if (err.code !== 'MISSING_TRANSLATION') throw err;
      },
    },
    cache,
  );
  const english = CATALOGUES.en;
  tr = {
    locale,
    intl,
    t: (id, values) => intl.formatMessage({ id, defaultMessage: english[id] }, values as Record<string, string | number | boolean | Date | null | undefined>),
  };
  made.set(locale, tr);
  return tr;
}
