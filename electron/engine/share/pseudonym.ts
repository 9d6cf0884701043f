import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/open';

/** Meta key (in the ORIGINAL workspace only) holding the pseudonymisation key; a shared copy never carries it. */
export const PSEUDONYM_KEY_META = 'share_pseudonym_key';

/**
 * The workspace's pseudonymisation key, created on first use. Keeping one key per workspace
 * means two copies shared from it use the same pseudonyms (a colleague can match rows
 * between them), while nobody holding only a copy can reverse or recompute them.
 */
export function pseudonymKey(db: Db): Buffer {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(PSEUDONYM_KEY_META) as { value: string } | undefined;
  if (row) return Buffer.from(row.value, 'hex');
  const key = randomBytes(32);
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run(PSEUDONYM_KEY_META, key.toString('hex'));
  return key;
}

/** A keyed hash (HMAC-SHA-256, 64 bits shown) of a value: stable for the key, irreversible without it. */
export function pseudonymise(key: Buffer, value: string): string {
  return `p_${createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 16)}`;
}
