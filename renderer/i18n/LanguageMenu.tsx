import { useApp } from '../store';
import { LOCALES, LOCALE_NAMES, PSEUDO_LOCALE, isUiLocale } from '../../shared/i18n/locales';
import { useT } from './use-t';

/** The language of the window: switches at once, remembered for the next start. Each language is named in itself. */
export function LanguageMenu() {
  const { t, locale } = useT();
  const setLocale = useApp((s) => s.setLocale);
  return (
    <label className="lang-pick">
      <span className="sr-only">{t('common.language')}</span>
      <select value={locale} onChange={(e) => isUiLocale(e.target.value) && setLocale(e.target.value)} aria-label={t('common.language')} data-testid="language">
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
        {/* The layout-test language is offered only when the window was opened with it (?lang=en-XA). */}
        {/* i18n-ignore: the layout-test language, for developers */}
        {locale === PSEUDO_LOCALE ? <option value={PSEUDO_LOCALE}>[Pseudo]</option> : null}
      </select>
    </label>
  );
}
