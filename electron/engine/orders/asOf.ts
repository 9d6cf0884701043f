import type { AsOfInfo } from '../../../shared/contract/orders';
import { AppError } from '../../../shared/contract/result';
import { isoToDays } from '../../../shared/rules';
import type { Workspace } from '../workspace/workspace';

/** A chosen date this many days or more before the data ends gets a warning (most of the data is left out). */
export const FAR_BEFORE_DAYS = 183;

export interface DataRange {
  start: string | null;
  end: string | null;
  /** The data in words, for the source ("the last order in online_retail"). */
  what: string;
}

/**
 * The as-of date of one analysis: the date given for it, else the workspace's as-of date when the user
 * set one, else the last date of the data it reads — never the clock. A chosen date after the data
 * ends, or long before, comes with a warning; one before the data starts is refused, as nothing
 * would be left to measure.
 */
export function resolveAsOf(ws: Workspace, given: string | undefined, range: DataRange): AsOfInfo {
  const set = ws.meta('as_of');
  const asOf = given ?? set ?? range.end;
  if (asOf === null) throw new AppError('BAD_INPUT', `${range.what} has no dates, so there is no as-of date to measure from; give one (--as-of YYYY-MM-DD)`);
  const day = isoToDays(asOf);
  if (day === null) throw new AppError('BAD_INPUT', `as-of "${asOf}" is not a date (yyyy-mm-dd)`);
  const source = given !== undefined ? 'chosen for this analysis' : set !== null ? "the workspace's as-of date" : range.what;
  const warnings: string[] = [];
  if (range.start !== null && range.end !== null && asOf !== range.end) {
    const start = isoToDays(range.start) as number;
    const end = isoToDays(range.end) as number;
    if (day < start) throw new AppError('BAD_INPUT', `as-of ${asOf} (${source}) is before the data starts (${range.start}): nothing to measure`, { asOf, dataStart: range.start });
    if (day > end)
      warnings.push(
        `The as-of date ${asOf} is ${day - end} days after the data ends (${range.end}): customers look ${day - end} days less recent than the data shows, and models count those days as time without purchases.`,
      );
    else if (end - day >= FAR_BEFORE_DAYS) warnings.push(`The as-of date ${asOf} is ${end - day} days before the data ends (${range.end}): everything after it is left out.`);
  }
  return { asOf, source, dataStart: range.start, dataEnd: range.end, warnings };
}
