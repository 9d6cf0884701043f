import { BgNbdPredictor, fitBgNbdSteps, groupTriples, pAlive, type BgNbdFit, type BgNbdParams, type FitProgress } from './bgnbd';
import { say } from './said';
import { msg } from '../../../shared/i18n/current';
import { purchasesBetween, summarize, type ClvSummary, type CustomerDays } from './clv-summary';
import { expectedAverageSpend, fitGammaGamma, type GammaGammaFit } from './gamma-gamma';

export type Period = 'days' | 'weeks';
export const PERIOD_DAYS: Record<Period, number> = { days: 1, weeks: 7 };

export interface ClvOptions {
  asOfDay: number;
  period: Period;
  /** Prediction horizon in periods. */
  horizon: number;
  /** Annual discount rate for CLV (0.1 = 10% a year). */
  discount: number;
  /** Holdout length in days for the calibration check; 0 = skip; undefined = automatic. */
  holdoutDays?: number;
}

export interface CalibrationBin {
  /** Calibration-period frequency: "0" … "6", "7+". */
  frequency: string;
  customers: number;
  predicted: number;
  actual: number;
}

export interface Calibration {
  cutoff: number;
  holdoutDays: number;
  customers: number;
  bins: CalibrationBin[];
  /** Mean absolute error per customer of predicted vs actual holdout purchases. */
  mae: number;
  totalPredicted: number;
  totalActual: number;
  params: BgNbdParams;
}

export interface ClvModel {
  summary: ClvSummary;
  bgnbd: BgNbdFit;
  gammaGamma: (GammaGammaFit & { failed?: undefined }) | { failed: string };
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  /** NaN where no spend model is available. */
  expectedSpend: Float64Array;
  clv: Float64Array;
  calibration: Calibration | null;
  warnings: string[];
}

export type ClvStep = { phase: 'fit' | 'calibration'; progress: FitProgress } | { phase: 'predict'; done: number; total: number };

const MONTH_DAYS = 30;

/**
 * Fit BG/NBD and Gamma-Gamma on the summary as of `asOfDay`, predict per customer, and
 * (unless disabled) refit on a calibration period to check predictions against a holdout.
 * A generator yielding between units of work so a job can report progress and be cancelled.
 */
export function* clvModelSteps(days: CustomerDays, o: ClvOptions, elsewhere = false): Generator<ClvStep, ClvModel> {
  const pd = PERIOD_DAYS[o.period];
  const summary = summarize(days, o.asOfDay, pd);
  const n = summary.ids.length;
  const warnings: string[] = [];
  if (n === 0) throw new Error(msg('outcomes.clvWarn.noCustomers'));
  const repeaters = summary.frequency.reduce((s, f) => s + (f > 0 ? 1 : 0), 0);
  if (repeaters < Math.max(10, 0.02 * n))
    warnings.push(say('outcomes.clvWarn.fewRepeaters', { repeaters, n }));
  const { missingCustomer, missingDate, unmatched } = days.skipped;
  if (missingCustomer) warnings.push(say('outcomes.clvWarn.noCustomer', { count: missingCustomer }));
  if (missingDate) warnings.push(say('outcomes.clvWarn.noDate', { count: missingDate }));
  if (unmatched) warnings.push(say('outcomes.clvWarn.unmatched', { count: unmatched }));

  const grouped = groupTriples(summary.frequency, summary.recency, summary.T);
  const fitter = fitBgNbdSteps(grouped);
  let step = fitter.next();
  while (!step.done) {
    yield { phase: 'fit', progress: step.value };
    step = fitter.next();
  }
  const bgnbd = step.value;
  warnings.push(...bgnbd.warnings);

  let gammaGamma: ClvModel['gammaGamma'];
  if (!days.hasAmount) gammaGamma = { failed: msg('outcomes.clvWarn.noAmount') };
  else {
    try {
      gammaGamma = fitGammaGamma(summary.frequency, summary.monetary);
      warnings.push(...gammaGamma.warnings);
    } catch (e) {
      gammaGamma = { failed: (e as Error).message };
    }
  }
  if (gammaGamma.failed !== undefined) warnings.push(say('outcomes.clvWarn.noSpendModel', { why: gammaGamma.failed }));

  const alive = new Float64Array(n);
  const purchases = new Float64Array(n);
  const spend = new Float64Array(n).fill(NaN);
  const clv = new Float64Array(n).fill(NaN);
  // Cash flows are discounted month by month (30-day steps), as in lifetimes' customer_lifetime_value.
  const stepPeriods = MONTH_DAYS / pd;
  const steps = Math.max(1, Math.ceil(o.horizon / stepPeriods - 1e-9));
  const p = bgnbd.params;
  const predict = new BgNbdPredictor(p);
  // Each month's horizon and discount factor are the same for every customer.
  const stepT = new Float64Array(steps + 1);
  const discount = new Float64Array(steps + 1);
  for (let k = 1; k <= steps; k++) {
    stepT[k] = Math.min(o.horizon, k * stepPeriods);
    discount[k] = Math.pow(1 + o.discount, (stepT[k] * pd) / 365);
  }
  for (let i = 0; i < n; i++) {
    const x = summary.frequency[i];
    const tx = summary.recency[i];
    const T = summary.T[i];
    const al = pAlive(p, x, tx, T);
    alive[i] = al;
    purchases[i] = predict.expected(o.horizon, x, T, al);
    if (gammaGamma.failed === undefined) {
      const s = expectedAverageSpend(gammaGamma.params, x, summary.monetary[i]);
      if (s !== null) {
        spend[i] = s;
        let value = 0;
        let prev = 0;
        for (let k = 1; k <= steps; k++) {
          const cum = k === steps ? purchases[i] : predict.expected(stepT[k], x, T, al);
          value += (s * (cum - prev)) / discount[k];
          prev = cum;
        }
        clv[i] = value;
      }
    }
    if (i % 2000 === 1999) yield { phase: 'predict', done: i + 1, total: n };
  }

  const model: ClvModel = { summary, bgnbd, gammaGamma, pAlive: alive, expectedPurchases: purchases, expectedSpend: spend, clv, calibration: null, warnings };
  // `elsewhere`: the caller runs the calibration itself (on a second thread: clv-calibration-thread.ts).
  return elsewhere ? model : withCalibration(model, yield* calibrationSteps(days, o, firstDayOf(days, o)));
}

/** A calibration's outcome: the check, a reason it was not made (a message id), or nothing (switched off). */
export type CalibrationOutcome = Calibration | { skipped: 'outcomes.clvWarn.shortHistory' | 'outcomes.clvWarn.fewBeforeCutoff' } | null;

/** The model with its calibration check, or the warning saying why there is none. */
export function withCalibration(model: ClvModel, cal: CalibrationOutcome): ClvModel {
  if (cal && 'skipped' in cal) model.warnings.push(say(cal.skipped));
  else model.calibration = cal;
  return model;
}

/** The first purchase day of the summarised customers, as the calibration has always computed it (as-of day minus the largest T). */
export function firstDayOf(days: CustomerDays, o: Pick<ClvOptions, 'asOfDay' | 'period'>): number {
  const pd = PERIOD_DAYS[o.period];
  let firstDay = Infinity;
  for (let c = 0; c < days.names.length; c++) {
    const lo = days.start[c];
    if (days.start[c + 1] === lo || days.day[lo] > o.asOfDay) continue;
    firstDay = Math.min(firstDay, o.asOfDay - ((o.asOfDay - days.day[lo]) / pd) * pd);
  }
  return firstDay;
}

/** Fit on transactions up to a cut-off, predict the holdout, compare by calibration frequency. */
export function* calibrationSteps(days: CustomerDays, o: ClvOptions, firstDay: number): Generator<ClvStep, CalibrationOutcome> {
  if (o.holdoutDays === 0) return null;
  const pd = PERIOD_DAYS[o.period];
  const span = o.asOfDay - firstDay;
  // Automatic holdout: the prediction horizon, but never more than a third of the observed span.
  const holdoutDays = o.holdoutDays ?? Math.min(Math.round(o.horizon * pd), Math.floor(span / 3));
  if (holdoutDays < 7 || span - holdoutDays < 28) return { skipped: 'outcomes.clvWarn.shortHistory' };
  const cutoff = o.asOfDay - holdoutDays;
  const cs = summarize(days, cutoff, pd);
  if (cs.ids.length < 20) return { skipped: 'outcomes.clvWarn.fewBeforeCutoff' };
  const fitter = fitBgNbdSteps(groupTriples(cs.frequency, cs.recency, cs.T));
  let step = fitter.next();
  while (!step.done) {
    yield { phase: 'calibration', progress: step.value };
    step = fitter.next();
  }
  const params = step.value.params;
  const actual = purchasesBetween(days, cs.customer, cutoff, o.asOfDay);
  const bins = Array.from({ length: 8 }, (_, k) => ({ frequency: k < 7 ? String(k) : '7+', customers: 0, predicted: 0, actual: 0 }));
  let absErr = 0;
  let totalPredicted = 0;
  let totalActual = 0;
  const predict = new BgNbdPredictor(params);
  for (let i = 0; i < cs.ids.length; i++) {
    const pred = predict.expected(holdoutDays / pd, cs.frequency[i], cs.T[i], pAlive(params, cs.frequency[i], cs.recency[i], cs.T[i]));
    const bin = bins[Math.min(7, cs.frequency[i])];
    bin.customers++;
    bin.predicted += pred;
    bin.actual += actual[i];
    absErr += Math.abs(pred - actual[i]);
    totalPredicted += pred;
    totalActual += actual[i];
  }
  for (const b of bins) {
    if (b.customers > 0) {
      b.predicted /= b.customers;
      b.actual /= b.customers;
    }
  }
  return { cutoff, holdoutDays, customers: cs.ids.length, bins: bins.filter((b) => b.customers > 0), mae: absErr / cs.ids.length, totalPredicted, totalActual, params };
}
