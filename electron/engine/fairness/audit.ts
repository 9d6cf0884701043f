import type { ColumnInfo, SensitiveCategory } from '../../../shared/types/columns';
import type { AgeReading } from '../../../shared/contract/ns/fairness';
import type { Mirror } from '../mirror';
import { LazyColumns } from '../mirror/lazy';
import { codeText, groupColumn, type Coded } from './binning';
import { formatRatio } from '../../../shared/fairness/ratio';
import { correlationRatio, CRAMERS_V_ESTIMATOR, cramersV, ETA_ESTIMATOR, FOUR_FIFTHS, PROXY_THRESHOLD, selectionRates, type Disparity } from './stats';
import { compareTwo, type PairTest } from '../stats/contingency';
import { formatP } from '../../../shared/contract/stats';
import { msg, messageLocale } from '../../../shared/i18n/current';
import { formats } from '../../../shared/i18n/format';

export interface AttributeAudit extends Disparity {
  attribute: string;
  category: SensitiveCategory;
  /** How numbers were grouped ("age bands", "quartiles"), or null. */
  binning: string | null;
  /** The result in plain words. */
  explanation: string;
}

export interface ProxyFinding {
  column: string;
  attribute: string;
  measure: 'cramers_v' | 'eta';
  value: number;
  /** The estimator in words (bias-corrected or not). */
  method: string;
  flag: boolean;
  /** True when the rule or clustering being audited uses this column. */
  used: boolean;
  explanation: string;
}

/** Identifier-like columns (e-mail, phone) say nothing about a group and would look perfectly associated. */
const IDENTIFIER_SHARE = 0.5;
/** Beyond this many levels the rarest pool together; the bias-corrected V stays honest either way. */
const MAX_PROXY_LEVELS = 200;

function pct(x: number): string {
  return formats(messageLocale()).percent(x, 1);
}

/** A ratio or threshold written with the message language's decimal mark, digits unchanged (formatRatio chose them). */
function decimal(s: string): string {
  const sep = formats(messageLocale()).number(1.5, 1).replace(/[0-9]/g, '');
  return s.replace('.', sep || '.');
}

/** Sentences of one explanation: Chinese runs them together, the others put a space between. */
function sentences(parts: (string | null)[]): string {
  return parts.filter((x): x is string => !!x).join(messageLocale() === 'zh-CN' ? '' : ' ');
}

/** A dataset's current version in memory (the mirror) with the catalogue's column facts. */
export interface Frame {
  mirror: Mirror;
  /** Catalogue columns present in the mirror, in dataset order. */
  columns: ColumnInfo[];
  /** The as-of date as days since 1970 (ages are measured to it), as ISO, and where it came from. */
  asOfDay: number;
  asOf: string;
  asOfSource: string;
  /** The user's reading of age columns (ages or birth years), overriding detection. */
  ageReadings: Record<string, AgeReading>;
}

export function sensitiveColumns(frame: Frame): ColumnInfo[] {
  return frame.columns.filter((c) => c.sensitive);
}

/** The groups of each sensitive attribute, computed once per frame. */
export class AttributeGroups {
  private readonly cache = new Map<string, Coded>();
  constructor(readonly frame: Frame) {}
  of(col: ColumnInfo): Coded {
    let c = this.cache.get(col.name);
    if (!c) {
      c = groupColumn(col, this.frame.mirror.columns.get(col.name)!, this.frame.asOfDay, undefined, this.frame.ageReadings[col.name]);
      this.cache.set(col.name, c);
    }
    return c;
  }

  /** How the sensitive columns were read, where the reader should know (ambiguous age columns, overrides). */
  notes(): string[] {
    return sensitiveColumns(this.frame).flatMap((c) => this.of(c).note ?? []);
  }
}

/** Below this two-sided p-value a gap between the lowest and highest rate is taken as more than chance. */
export const SIGNIFICANCE = 0.05;
/** A gap under this (5 percentage points) is small in absolute terms, whatever the ratio. */
export const SMALL_GAP = 0.05;
/** "Very differently" needs a gap of at least this (10 percentage points)… */
export const LARGE_GAP = 0.1;
/** …and a ratio below this, besides being more than chance. */
export const STRONG_RATIO = 0.6;

function points(d: number): string {
  return msg('responsible.fairness.points', { points: formats(messageLocale()).number(100 * d, 1), one: Math.abs(100 * d - 1) < 0.05 ? 'yes' : 'no' });
}

/** The p-value, naming the test when it is the exact one (the z-test is the default the text explains). */
function pValue({ p, test }: { p: number; test: PairTest }): string {
  return test === 'fisher' ? msg('responsible.fairness.fisherP', { p: formatP(p) }) : formatP(p);
}

/**
 * The result in plain words. The flag is the four-fifths rule; the wording also weighs the
 * absolute gap between the lowest and highest rate and whether that gap could be chance with
 * groups this size (two-proportion z-test, Fisher's exact test when an expected count is under 5),
 * so a low ratio of two low rates is not reported as a large difference.
 */
export function explainDisparity(a: Omit<AttributeAudit, 'explanation'>): string {
  const small = a.groups.filter((g) => g.small).map((g) => g.value);
  const smallNote = small.length ? msg('responsible.fairness.smallGroups', { size: 30, groups: small.join(', ') }) : null;
  if (a.ratio === null) return sentences([msg('responsible.fairness.notEnough', { attribute: a.attribute }), smallNote]);
  const ev = a.groups.filter((g) => !g.small && !a.referenceExcludes.includes(g.value) && g.rate !== null);
  const lo = ev.reduce((m, g) => ((g.rate as number) < (m.rate as number) ? g : m));
  const hi = ev.reduce((m, g) => ((g.rate as number) > (m.rate as number) ? g : m));
  const gap = (hi.rate as number) - (lo.rate as number);
  const line = decimal(String(FOUR_FIFTHS));
  const head = msg('responsible.fairness.head', {
    attribute: a.attribute,
    low: lo.value,
    lowRate: pct(lo.rate as number),
    high: hi.value,
    highRate: pct(hi.rate as number),
    ratio: decimal(formatRatio(a.ratio)),
    gap: points(gap),
  });
  if (!a.flag) return sentences([head, msg('responsible.fairness.within', { line }), smallNote]);
  const t = compareTwo({ positives: lo.selected, n: lo.base }, { positives: hi.selected, n: hi.base });
  const chance = t.p >= SIGNIFICANCE;
  const v = { line, gap: points(gap), p: pValue(t), low: lo.value, high: hi.value };
  let verdict: string;
  if (gap < SMALL_GAP) {
    verdict = chance ? msg('responsible.fairness.smallGapChance', v) : msg('responsible.fairness.smallGapReal', v);
  } else if (chance) {
    verdict = msg('responsible.fairness.gapChance', v);
  } else if (gap >= LARGE_GAP && a.ratio < STRONG_RATIO) {
    verdict = msg('responsible.fairness.veryDifferent', v);
  } else {
    verdict = msg('responsible.fairness.noticeable', v);
  }
  return sentences([head, verdict, smallNote]);
}

/** Selection rates per group of every sensitive attribute, for one selection over the whole base. */
export function auditAttributes(groups: AttributeGroups, mask: Uint8Array, population?: Uint8Array, missingAsReference = false): AttributeAudit[] {
  return sensitiveColumns(groups.frame).map((col) => {
    const coded = groups.of(col);
    const d = selectionRates(coded.codes, coded.labels, mask, undefined, population, missingAsReference);
    const a = { attribute: col.name, category: col.sensitiveCategory ?? 'other', binning: coded.binning, ...d };
    return { ...a, explanation: explainDisparity(a) };
  });
}

const MEASURE_NAME = { cramers_v: 'responsible.fairness.cramersV', eta: 'responsible.fairness.eta' } as const;

function explainProxy(column: string, attribute: string, measure: ProxyFinding['measure'], value: number): string {
  const v = { column, attribute, measure: msg(MEASURE_NAME[measure], { value: formats(messageLocale()).number(value, 2) }) };
  if (value >= 0.5) return msg('responsible.fairness.proxyStrong', v);
  if (value >= PROXY_THRESHOLD) return msg('responsible.fairness.proxy', v);
  return msg('responsible.fairness.proxyWeak', v);
}

/**
 * Association of every non-sensitive column with every sensitive attribute: Cramér's V when
 * the column is categorical, η when it is a number or a date (against the attribute's groups).
 */
export function detectProxies(groups: AttributeGroups, used: ReadonlySet<string> = new Set()): ProxyFinding[] {
  const frame = groups.frame;
  const attrs = sensitiveColumns(frame);
  if (attrs.length === 0) return [];
  const n = frame.mirror.rows;
  const out: ProxyFinding[] = [];
  const cols = frame.mirror.columns;
  for (const col of frame.columns) {
    if (col.sensitive || col.role === 'id') continue;
    // A text column known to hold nearly a value per row (e-mails) is left out, as below, without reading it.
    const known = cols instanceof LazyColumns ? cols.knownDistinct(col.name) : null;
    if (known !== null && (known > IDENTIFIER_SHARE * n || known < 2)) continue;
    const mc = cols.get(col.name)!;
    const nums = mc.kind === 'number' || mc.kind === 'date' ? mc.values : null;
    let coded: Coded | null = null;
    if (mc.kind === 'text') {
      if (mc.dictionary.length > IDENTIFIER_SHARE * n || mc.dictionary.length < 2) continue;
      coded = codeText(mc, MAX_PROXY_LEVELS);
    } else if (mc.kind === 'boolean') coded = groupColumn(col, mc, frame.asOfDay);
    for (const attr of attrs) {
      const a = groups.of(attr);
      const measure: ProxyFinding['measure'] = nums ? 'eta' : 'cramers_v';
      const value = nums ? correlationRatio(nums, a.codes, a.labels.length) : cramersV((coded as Coded).codes, (coded as Coded).labels.length, a.codes, a.labels.length);
      if (value === null) continue;
      const rounded = Math.round(value * 1000) / 1000;
      out.push({ column: col.name, attribute: attr.name, measure, value: rounded, method: nums ? ETA_ESTIMATOR : CRAMERS_V_ESTIMATOR, flag: value >= PROXY_THRESHOLD, used: used.has(col.name), explanation: explainProxy(col.name, attr.name, measure, value) });
    }
  }
  return out.sort((x, y) => Number(y.flag) - Number(x.flag) || Number(y.used) - Number(x.used) || y.value - x.value);
}
