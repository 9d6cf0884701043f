import { DEFAULT_RETURNS_POLICY, RETURNS_POLICIES, RETURNS_POLICY_TEXT, type ReturnsPolicy } from '../../../shared/contract/orders';
import { str, UsageError, type Values } from '../command';

/** The as-of date and the returns policy in words, for the --help of commands that read orders. */
export const RETURNS_HELP = `The as-of date (--as-of) defaults to the last order date in the file; later orders are ignored. Returns and cancellations (--returns): ${RETURNS_POLICIES.map(
  (p) => `${p}${p === DEFAULT_RETURNS_POLICY ? ' (default)' : ''}: ${RETURNS_POLICY_TEXT[p]}`,
).join('. ')}.`;

export function returnsOption(v: Values): { returns?: ReturnsPolicy } {
  const r = str(v, 'returns');
  if (r === undefined) return {};
  if (!(RETURNS_POLICIES as readonly string[]).includes(r)) throw new UsageError(`--returns must be one of ${RETURNS_POLICIES.join(', ')}, not "${r}"`);
  return { returns: r as ReturnsPolicy };
}
