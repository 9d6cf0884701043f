import { DEFAULT_RETURNS_POLICY, RETURNS_POLICIES } from '../../../shared/contract/orders';

/** The short form for a command summary; `--help` prints the whole policy (shared/conventions.ts). */
export const RETURNS_HELP = `As of the last order date in the file unless --as-of is given (later orders are ignored); cancelled orders left out and returns netted unless --returns says otherwise.`;

/** The --returns option of every command that reads orders (RFM, CLV): one declaration, the policies from the contract. */
export const RETURNS_OPTION = {
  type: 'string',
  choices: RETURNS_POLICIES,
  description: `how returns and cancellations count (default ${DEFAULT_RETURNS_POLICY})`,
} as const;
