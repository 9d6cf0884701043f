import type { Capability } from '../capability';
import { setMessageLocale } from '../../../shared/i18n/current';

/** The `i18n` namespace: which language the engine's messages to the app are written in. */
export const i18nCapability = {
  handlers: {
    setLocale: ({ locale }) => {
      setMessageLocale(locale);
      return { locale };
    },
  },
} satisfies Capability<'i18n'>;
