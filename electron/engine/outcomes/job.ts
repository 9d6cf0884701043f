import { offerSavedSummary } from '../customer-view/clv-extra';
import type { ClvResult } from '../../../shared/contract/ns/outcomes';
import { msg } from '../../../shared/i18n/current';
import { AppError } from '../../../shared/contract/result';
import type { JobImpl } from '../capability';
import { loadClvInput } from './clv-data';
import { currentOrderStats } from '../customer-view/plan';
import { DEFAULT_RETURNS_POLICY } from '../../../shared/contract/orders';
import { clvModelSteps, firstDayOf, withCalibration, type ClvModel } from './clv-model';
import { calibrateOnOwnThread, calibrateOnThread } from './clv-calibration-thread';
import { dayToIso, isoDay } from './clv-summary';
import { clvViewName, saveClv } from './clv-store';

/** Fit BG/NBD + Gamma-Gamma on a transactions dataset and store per-customer results (view clv_<dataset>). */
export const clvJob: JobImpl<'clv'> = {
  label: (p) => msg('engine.job.label.clv', { dataset: p.transactions }),
  group: (p) => `clv:${p.transactions}`,
  async run(p, ctx, job) {
    const t0 = performance.now();
    const ws = ctx.ws();
    job.report('reading transactions', 0, 0);
    const { days, version, at, returns } = loadClvInput(ws, p.transactions, p.asOf, p.returns ?? DEFAULT_RETURNS_POLICY, (t) => currentOrderStats(ws, t));
    const asOf = at.asOf;
    const asOfDay = isoDay(asOf);
    await job.checkpoint();
    const horizon = p.horizon ?? (p.period === 'weeks' ? 52 : 365);
    const o = { asOfDay, period: p.period, horizon, discount: p.discount, holdoutDays: p.holdoutDays };
    // The calibration check runs on a second thread while this one fits and predicts (clv-calibration-thread.ts).
    const calibrating =
      p.holdoutDays !== 0 && calibrateOnOwnThread() ? calibrateOnThread({ customers: days.names.length, start: days.start, day: days.day, value: days.value, o, firstDay: firstDayOf(days, o) }) : null;
    const steps = clvModelSteps(days, o, calibrating !== null);
    let model: ClvModel;
    let last = performance.now();
    try {
      for (;;) {
        const s = steps.next();
        if (s.done) {
          model = s.value;
          break;
        }
        const v = s.value;
        if (v.phase === 'predict') job.report(msg('outcomes.phase.predict'), v.done, v.total);
        else job.report(v.phase === 'fit' ? msg('outcomes.phase.fit') : msg('outcomes.phase.calibration'), v.progress.start, v.progress.starts);
        // Yield to the worker's event loop about every 30 ms (cancel, other requests).
        if (performance.now() - last > 30) {
          await job.checkpoint();
          last = performance.now();
        }
      }
      if (calibrating) {
        job.report(msg('outcomes.phase.calibration'), 0, 0);
        withCalibration(model, await calibrating.outcome);
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('BAD_INPUT', msg('outcomes.errors.clvFit', { dataset: p.transactions, why: (e as Error).message }), { dataset: p.transactions });
    } finally {
      calibrating?.stop();
    }
    await job.checkpoint();
    job.report(msg('outcomes.phase.saving'), 0, 0);
    const gg = model.gammaGamma.failed === undefined ? model.gammaGamma : null;
    const cal = model.calibration;
    const result: ClvResult = {
      transactions: p.transactions,
      asOf,
      asOfSource: at.source,
      dataStart: at.dataStart,
      dataEnd: at.dataEnd,
      returns,
      period: p.period,
      horizon,
      discount: p.discount,
      customers: model.summary.ids.length,
      bgnbd: { ...model.bgnbd.params, logLik: model.bgnbd.logLik, converged: model.bgnbd.converged },
      gammaGamma: gg ? { ...gg.params, customers: gg.customers } : null,
      calibration: cal
        ? {
            cutoff: dayToIso(cal.cutoff),
            holdoutDays: cal.holdoutDays,
            customers: cal.customers,
            bins: cal.bins,
            mae: cal.mae,
            totalPredicted: cal.totalPredicted,
            totalActual: cal.totalActual,
          }
        : null,
      warnings: [...at.warnings, ...model.warnings],
      view: clvViewName(p.transactions),
      ms: 0,
    };
    result.ms = Math.round(performance.now() - t0);
    saveClv(ws, p.transactions, version, model, result);
    // The customer view's rebuild (on the change event) computes two lifetime-value fields from the summary in hand.
    offerSavedSummary(ws, p.transactions, model.summary);
    ctx.emit({ type: 'workspace', change: 'clv', path: ws.file });
    return result;
  },
};
