import { formats, type Formats } from '../../shared/i18n/format';
import { translator, type Translator } from '../../shared/i18n/translator';
import type { UiLocale } from '../../shared/i18n/locales';
import { setMessageLocale } from '../../shared/i18n/current';
import type { MessageId } from '../../shared/i18n/catalogue';
import type { MessageValues } from '../../shared/i18n/translator';

/*
 * The window's language for code outside components (store actions that raise notices, lib/format). The
 * locale slice sets it; components read the language through useT() so they re-render when it changes.
 */
let active: UiLocale = 'en';

export function setActiveLocale(locale: UiLocale): void {
  active = locale;
  // Shared code the renderer runs (rule descriptions, the glossary) writes in the window's language too.
  setMessageLocale(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale === 'en-XA' ? 'en' : locale;
}

export function activeLocale(): UiLocale {
  return active;
}

export function activeTranslator(): Translator {
  return translator(active);
}

/** A message in the window's language. */
export function tr(id: MessageId, values?: MessageValues): string {
  return translator(active).t(id, values);
}

export function activeFormats(): Formats {
  return formats(active);
}
