import type { MessageId } from '../../../shared/i18n/catalogue';
import { msg } from '../../../shared/i18n/current';
import type { MessageValues } from '../../../shared/i18n/translator';

/** A message as its id and values: a text stored with a result can be said again in the reader's language. */
export interface Said {
  id: MessageId;
  values?: MessageValues;
}

/** Texts said lately, by text (warnings are stored as texts; this finds what they were made from). */
const heard = new Map<string, Said>();
const KEEP = 500;

/** msg(), remembering how the text was made. */
export function say(id: MessageId, values?: MessageValues): string {
  const text = msg(id, values);
  heard.delete(text);
  heard.set(text, values ? { id, values } : { id });
  if (heard.size > KEEP) heard.delete(heard.keys().next().value as string);
  return text;
}

/** How a text was made, when say() made it lately; null otherwise (texts from elsewhere stay as they are). */
export function saidOf(text: string): Said | null {
  return heard.get(text) ?? null;
}

/** Stored texts in the process's current language: each one made by say() is said again from its id and values. */
export function sayAgain(texts: readonly string[], said: readonly (Said | null)[] | undefined): string[] {
  if (!said) return [...texts];
  return texts.map((t, i) => {
    const s = said[i];
    return s ? msg(s.id, s.values) : t;
  });
}
