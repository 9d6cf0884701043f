import { DEFAULT_RETURNS_POLICY, RETURNS_POLICIES, RETURNS_POLICY_TEXT } from '../../../shared/contract/orders';

/** The as-of date and the returns policy in words, for the --help of commands that read orders. */
export const RETURNS_HELP = `The as-of date (--as-of) defaults to the last order date in the file; later orders are ignored. Returns and cancellations (--returns): ${RETURNS_POLICIES.map(
  (p) => `${p}${p === DEFAULT_RETURNS_POLICY ? ' (default)' : ''}: ${RETURNS_POLICY_TEXT[p]}`,
).join('. ')}.`;

/** The --returns option of every command that reads orders (RFM, CLV): one declaration, the policies from the contract. */
export const RETURNS_OPTION = {
  type: 'string',
  choices: RETURNS_POLICIES,
  description: `how returns and cancellations count (default ${DEFAULT_RETURNS_POLICY})`,
} as const;
