export { LOCALES, LOCALE_NAMES, PSEUDO_LOCALE, isLocale, isUiLocale, matchLocale, intlTag, type Locale, type UiLocale } from './locales';
export { CATALOGUES, NAMESPACES, type MessageId, type Namespace } from './catalogue';
export { translator, type Translator, type MessageValues } from './translator';
export { formats, type Formats } from './format';
export { msg, setMessageLocale, messageLocale, currentTranslator } from './current';
