import type { MessageId } from './catalogue';
import { isUiLocale, type UiLocale } from './locales';
import { translator, type MessageValues, type Translator } from './translator';

/*
 * The language of messages made where no translator is passed in: engine errors and warnings, and shared
 * descriptions. One per process (an engine serves one window; the CLI stays English): the app sets it when the
 * user picks a language, and everything that builds text for a chosen audience (the report) takes its own.
 */
let current: UiLocale = 'en';

export function setMessageLocale(locale: UiLocale): void {
  if (!isUiLocale(locale)) throw new Error(`Unknown language "${String(locale)}"`);
  current = locale;
}

export function messageLocale(): UiLocale {
  return current;
}

/** The process's current translator. */
export function currentTranslator(): Translator {
  return translator(current);
}

/** A message in the process's current language. */
export function msg(id: MessageId, values?: MessageValues): string {
  return translator(current).t(id, values);
}

/**
 * Runs `fn` with the message language set to `locale`, then puts the previous one back (also when `fn` throws).
 * For text made for another reader than the app's user: the report is written in its own language, and the
 * shared descriptions it includes (rule descriptions, cluster explanations, fairness findings, the glossary)
 * read msg(). Synchronous only: an await inside would let other messages of the process take this language.
 */
export function withMessageLocale<T>(locale: UiLocale, fn: () => T): T {
  if (!isUiLocale(locale)) throw new Error(`Unknown language "${String(locale)}"`); // i18n-ignore
  const previous = current;
  current = locale;
  try {
    return fn();
  } finally {
    current = previous;
  }
}
