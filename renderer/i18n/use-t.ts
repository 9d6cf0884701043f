import { Fragment, createElement, type ReactNode } from 'react';
import { useApp } from '../store';
import { formats, type Formats } from '../../shared/i18n/format';
import { translator, type MessageValues } from '../../shared/i18n/translator';
import type { MessageId } from '../../shared/i18n/catalogue';
import type { UiLocale } from '../../shared/i18n/locales';

/** Placeholder values for a rich message: text and numbers, React nodes, and tag renderers (`<b>…</b>` in the message). */
export type RichValues = Record<string, string | number | Date | ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

export interface T {
  locale: UiLocale;
  /** A plain message. */
  t(id: MessageId, values?: MessageValues): string;
  /**
   * A message with React inside it (a <Term>, a link, <b>): the translation decides where they go, so no
   * sentence is ever glued together from translated pieces.
   */
  rich(id: MessageId, values: RichValues): ReactNode;
  /** Numbers, percentages and dates in the window's language. */
  fmt: Formats;
}

/** The window's language, for components: they re-render when the user switches. */
export function useT(): T {
  const locale = useApp((s) => s.locale);
  const tr = translator(locale);
  return {
    locale,
    t: tr.t,
    rich: (id, values) => {
      const out = tr.intl.formatMessage({ id }, values as Parameters<typeof tr.intl.formatMessage>[1]) as unknown;
      return Array.isArray(out) ? createElement(Fragment, null, ...(out as ReactNode[])) : (out as ReactNode);
    },
    fmt: formats(locale),
  };
}
