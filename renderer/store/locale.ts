import { defineSlice } from './types';
import { isUiLocale, matchLocale, type UiLocale } from '../../shared/i18n/locales';
import { setActiveLocale } from '../i18n/active';

export interface LocaleSlice {
  /** The language the window is shown in. */
  locale: UiLocale;
  /** True once the user picked a language (then the system's language no longer decides). */
  localeChosen: boolean;
  /** The user picks a language: shown at once, remembered for the next start, and used for the engine's messages. */
  setLocale(locale: UiLocale): void;
  /** At start: the saved choice, else `?lang=`, else the host's (Electron: the OS) language, else the browser's. */
  initLocale(hostLocale: string | null): void;
}

const STORAGE_KEY = 'segmentdesk.locale';

function saved(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The language belongs to the window, not to a workspace. */
export const localeSlice = defineSlice<LocaleSlice>({
  reset: 'keep',
  create: (ctx) => (set) => {
    const apply = (locale: UiLocale, chosen: boolean) => {
      setActiveLocale(locale);
      set({ locale, localeChosen: chosen });
      // The engine writes its messages (errors, explanations) in the same language; an old host may not know the call.
      void ctx.client.api.i18n?.setLocale({ locale }).catch(() => undefined);
    };
    return {
      locale: 'en',
      localeChosen: false,
      setLocale: (locale) => {
        try {
          globalThis.localStorage?.setItem(STORAGE_KEY, locale);
        } catch {
          // Storage can be off (private windows); the choice then lasts for this window only.
        }
        apply(locale, true);
      },
      initLocale: (hostLocale) => {
        const fromUrl = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('lang') : null;
        const stored = saved();
        if (isUiLocale(fromUrl)) return apply(fromUrl, true);
        if (isUiLocale(stored)) return apply(stored, true);
        const nav = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
        apply(matchLocale([hostLocale, ...nav]), false);
      },
    };
  },
});
