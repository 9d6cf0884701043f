import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Api } from '../../../shared/contract/api';

export const SCRIPT = path.join(__dirname, 'rfm_reference.py');
export const FIXTURE = path.join(__dirname, 'fixtures', 'orders.csv');
/** Produced by `rfm_reference.py generate test/engine/rfm/fixtures` (pandas), committed with the orders file. */
export const FIXTURE_REFERENCE = path.join(__dirname, 'fixtures', 'reference.json');

/** Per customer: recency days, frequency, monetary, r, f, m. */
export type RfmRef = Record<string, [number, number, number, number, number, number]>;

/** A python3 that has pandas (Debian's /usr/bin/python3 first), or null. */
export function pandasPython(): string | null {
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', 'import pandas'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return null;
}

export function pandasRfm(py: string, file: string, asOf: string, policy?: string): RfmRef {
  const r = spawnSync(py, [SCRIPT, 'rfm', file, asOf, ...(policy ? [policy] : [])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`rfm_reference.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as RfmRef;
}

/** The view rfm_<dataset> read as any SQL client would. */
export async function rfmView(api: Api, dataset: string): Promise<RfmRef> {
  const info = await api.workspace.info({});
  const db = new Database(info.workspace, { readonly: true });
  const rows = db.prepare(`SELECT id, recency_days, frequency, monetary, r, f, m FROM "rfm_${dataset}"`).all() as {
    id: string;
    recency_days: number;
    frequency: number;
    monetary: number;
    r: number;
    f: number;
    m: number;
  }[];
  db.close();
  return Object.fromEntries(rows.map((v) => [v.id, [v.recency_days, v.frequency, v.monetary, v.r, v.f, v.m]]));
}

/** Customers whose values differ from the reference (monetary to 1e-6 relative), as "id: got vs want". */
export function differences(got: RfmRef, want: RfmRef): string[] {
  const out: string[] = [];
  for (const id of new Set([...Object.keys(got), ...Object.keys(want)])) {
    const g = got[id];
    const w = want[id];
    const same = g && w && g.every((x, i) => (i === 2 ? Math.abs(x - w[i]) <= 1e-6 * Math.max(1, Math.abs(w[i])) : x === w[i]));
    if (!same) out.push(`${id}: ${JSON.stringify(g)} vs ${JSON.stringify(w)}`);
  }
  return out;
}
