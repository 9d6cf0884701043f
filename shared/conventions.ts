import { DEFAULT_RETURNS_POLICY } from './contract/orders';
import { EXACT_TABLE_LIMIT, MC_DRAWS, MC_SEED, MIN_EXPECTED } from './contract/stats';
import { msg } from './i18n/current';
import type { MessageValues } from './i18n/translator';

/**
 * Every convention behind a number, stated once. The CLI's `--help`, the "How is this computed?"
 * notes beside results in the app and the report's methods appendix all print these texts, so
 * the three can never disagree. The figures in them (30, 183 days, 10 restarts…) are checked
 * against the engine's constants by test/shared/conventions.test.ts. The words are in the glossary catalogue, in every
 * language; the English ones keep the returns policies' and the tests' texts of the contract (test/shared/conventions-i18n.test.ts).
 */
export interface Convention {
  title: string;
  text: string;
}

/** The conventions, in the order --help and the methods appendix list them. */
const CONVENTION_IDS = ['asOf', 'customers', 'returns', 'rfm', 'clv', 'clusterPrep', 'kmeans', 'chooseK', 'profileStats', 'stale', 'consent', 'fairness', 'response', 'orderHistory', 'tests'] as const;

/** Placeholders of the texts that come from the engine's constants. */
function textValues(id: (typeof CONVENTION_IDS)[number]): MessageValues | undefined {
  if (id === 'orderHistory') return { policy: DEFAULT_RETURNS_POLICY };
  if (id === 'tests') return { minExpected: MIN_EXPECTED, exactLimit: EXACT_TABLE_LIMIT, draws: MC_DRAWS, seed: String(MC_SEED) };
  return undefined;
}

/**
 * The texts live in the glossary catalogue (glossary.convention.<id>.title / .text) and are read with msg() each
 * time a title or text is read, so they follow the process's message language (the app's window, the report's
 * language through withMessageLocale; the CLI stays English).
 */
function convention(id: (typeof CONVENTION_IDS)[number]): Convention {
  return {
    get title() {
      return msg(`glossary.convention.${id}.title`);
    },
    get text() {
      return msg(`glossary.convention.${id}.text`, textValues(id));
    },
  };
}

export const CONVENTIONS = Object.fromEntries(CONVENTION_IDS.map((id) => [id, convention(id)])) as { readonly [K in (typeof CONVENTION_IDS)[number]]: Convention };

export type ConventionId = keyof typeof CONVENTIONS;

/** Conventions in the order given, for a help text or a "How is this computed?" note. */
export function conventions(ids: readonly ConventionId[]): Convention[] {
  return ids.map((id) => CONVENTIONS[id]);
}

/** The conventions as plain text paragraphs (CLI help, logs). */
export function conventionsText(ids: readonly ConventionId[]): string {
  return conventions(ids)
    .map((c) => `${c.title}: ${c.text}`)
    .join('\n\n');
}
