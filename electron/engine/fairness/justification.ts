import type { Db } from '../db/open';
import { recordAudit } from '../audit/log';
import type { SensitiveUse } from './sensitive-rule';

/**
 * Records in the audit log that a segment using sensitive attributes was saved with a
 * justification. The segments capability calls this in its save transaction (after
 * requireJustification / its own check), so the log shows who justified what and when.
 */
export function recordJustification(db: Db, s: { dataset: string; segment: string; uses: readonly (SensitiveUse | string)[]; justification: string; size?: number }): number {
  const names = s.uses.map((u) => (typeof u === 'string' ? u : u.column));
  return recordAudit(db, {
    action: 'justification',
    dataset: s.dataset,
    what: `segment "${s.segment}" uses sensitive ${names.length > 1 ? 'attributes' : 'attribute'} ${names.join(', ')}: ${s.justification}`,
    count: s.size ?? null,
    details: { segment: s.segment, sensitive: names, justification: s.justification },
  });
}
