/** The languages SegmentDesk ships catalogues for; `en` is the source every other catalogue mirrors key for key. */
export const LOCALES = ['en', 'pl', 'fr', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A test-only locale: the English messages lengthened and accented ("[!! Ŝåṽé šéĝɱéñţ ·· !!]"), so the e2e run
 * shows text that overflows its box and any string that never went through a catalogue (it stays plain).
 */
export const PSEUDO_LOCALE = 'en-XA' as const;
export type UiLocale = Locale | typeof PSEUDO_LOCALE;

/** Each language's own name, shown in the language menus (never translated: a reader finds their own). */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', pl: 'Polski', fr: 'Français', 'zh-CN': '简体中文' };

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

export function isUiLocale(x: unknown): x is UiLocale {
  return x === PSEUDO_LOCALE || isLocale(x);
}

/**
 * The first of the system's preferred languages SegmentDesk has ("pl-PL" → pl, "zh-Hans-CN"/"zh" → zh-CN,
 * "fr-CA" → fr), else English. Traditional Chinese (zh-TW, zh-HK, zh-Hant) is not offered Simplified.
 */
export function matchLocale(preferred: readonly (string | null | undefined)[]): Locale {
  for (const raw of preferred) {
    if (!raw) continue;
    const tag = raw.replace('_', '-').toLowerCase();
    if (isUiLocale(raw)) return raw === PSEUDO_LOCALE ? 'en' : raw;
    const [lang, ...rest] = tag.split('-');
    if (lang === 'zh') {
      if (rest.some((p) => p === 'hant' || p === 'tw' || p === 'hk' || p === 'mo')) continue;
      return 'zh-CN';
    }
    const hit = LOCALES.find((l) => l === lang);
    if (hit) return hit;
  }
  return 'en';
}

/** The BCP 47 tag Intl formats with (pseudo text is formatted as English). */
export function intlTag(locale: UiLocale): string {
  return locale === PSEUDO_LOCALE ? 'en' : locale;
}
