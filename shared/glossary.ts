import type { MessageId } from './i18n/catalogue';
import { msg } from './i18n/current';
import type { Translator } from './i18n/translator';

/**
 * Plain words for the technical terms SegmentDesk shows: one place, used by the app (hover/focus tooltips) and
 * by the report (its glossary). `label` is what a non-statistician reads in place of the term; `explain` says
 * what the number means and how to read it; `term` is the analyst's name, kept one click away.
 * The words live in the `glossary` catalogue; names that are the same in every language (P(alive), BG/NBD…)
 * stay here.
 */
export interface GlossaryEntry {
  /** The technical name, as in the literature and the methods appendix. */
  term: string;
  /** The plain label shown in its place. */
  label: string;
  /** One or two sentences: what it is and how to read it. */
  explain: string;
}

/** Each entry's technical name: a fixed name, or `null` when the name is a word and comes from the catalogue. */
const TERMS = {
  pAlive: 'P(alive)',
  effect: null,
  sharePoints: null,
  zScore: null,
  bgnbd: 'BG/NBD',
  gammaGamma: 'Gamma-Gamma',
  clv: 'CLV',
  ari: null,
  silhouette: null,
  inertia: null,
  kMeans: 'k-means',
  kPrototypes: 'k-prototypes',
  hamerly: 'Hamerly',
  log1p: 'log1p',
  pHolm: 'p (Holm)',
  pValue: null,
  eta: 'η (eta)',
  cramersV: 'Cramér’s V',
  wilson: null,
  disparateImpact: null,
  rfm: 'RFM',
} as const satisfies Record<string, string | null>;

export type GlossaryId = keyof typeof TERMS;

export const GLOSSARY_IDS = Object.keys(TERMS) as GlossaryId[];

/** One entry in the language of `t` (the report passes its own language's translator). */
export function glossaryIn(t: Pick<Translator, 't'>['t'], id: GlossaryId): GlossaryEntry {
  const fixed: string | null = TERMS[id];
  return {
    term: fixed ?? t(`glossary.${id}.term` as MessageId),
    label: t(`glossary.${id}.label` as MessageId),
    explain: t(`glossary.${id}.explain` as MessageId),
  };
}

/** One entry in the process's message language (the window's, in the app; English in the CLI). */
export function glossary(id: GlossaryId): GlossaryEntry {
  return glossaryIn(msg, id);
}

/**
 * Every entry by id, read in the current message language at the time of reading (each property is a getter),
 * so `GLOSSARY.pAlive.label` follows a language switch without callers changing.
 */
export const GLOSSARY: Readonly<Record<GlossaryId, GlossaryEntry>> = Object.freeze(
  Object.fromEntries(
    GLOSSARY_IDS.map((id) => [
      id,
      Object.freeze(
        Object.defineProperties({} as GlossaryEntry, {
          term: { enumerable: true, get: () => glossary(id).term },
          label: { enumerable: true, get: () => glossary(id).label },
          explain: { enumerable: true, get: () => glossary(id).explain },
        }),
      ),
    ]),
  ) as Record<GlossaryId, GlossaryEntry>,
);
