import { z } from 'zod';
import { method } from '../define';

/** What the audit log records. */
export const AUDIT_ACTIONS = ['export', 'erasure', 'consent_override', 'justification', 'sensitive_change', 'audit', 'share', 'report', 'dataset_removed'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  /** ISO timestamp (UTC). */
  at: z.string(),
  /** The OS user name of whoever did it. */
  who: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  dataset: z.string().nullable(),
  /** What was done, in words (never personal data). */
  what: z.string(),
  /** How many customers/rows it concerned, when that applies. */
  count: z.number().int().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const audit = {
  /** Audit log entries, newest first, optionally of one action or dataset. */
  list: method(
    z.object({
      action: z.enum(AUDIT_ACTIONS).optional(),
      dataset: z.string().optional(),
      limit: z.number().int().min(1).max(10_000).default(500),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({ total: z.number().int(), entries: z.array(AuditEntrySchema) }),
  ),
  /** The whole audit log as CSV (oldest first); written to `path` when given, else returned as text. */
  exportCsv: method(
    z.object({ path: z.string().min(1).optional() }),
    z.object({ rows: z.number().int(), file: z.string().nullable(), csv: z.string().nullable() }),
  ),
} as const;
