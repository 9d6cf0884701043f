import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace } from '../../helpers/engine';
import { osUser, recordAudit } from '../../../electron/engine/audit/log';

describe('audit log', () => {
  it('records who, when, what and how many; lists newest first; exports CSV that reads back', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const db = engine.ctx.ws().db;
    recordAudit(db, { action: 'export', dataset: 'customers', what: 'exported segment "premium" to premium.csv', count: 120, details: { columns: ['a', 'b'] } });
    recordAudit(db, { action: 'justification', dataset: 'customers', what: '=cmd|"/c calc"!A1 justification', count: null });
    const list = await api.audit.list({});
    expect(list.total).toBe(2);
    expect(list.entries.map((e) => e.action)).toEqual(['justification', 'export']);
    const exp = list.entries[1];
    expect(exp.who).toBe(osUser());
    expect(exp.who.length).toBeGreaterThan(0);
    expect(Date.parse(exp.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(exp).toMatchObject({ dataset: 'customers', count: 120, details: { columns: ['a', 'b'] } });
    expect((await api.audit.list({ action: 'export' })).entries).toHaveLength(1);

    const out = path.join(dir, 'audit.csv');
    const r = await api.audit.exportCsv({ path: out });
    expect(r).toMatchObject({ rows: 2, file: out, csv: null });
    const parsed = Papa.parse<string[]>(fs.readFileSync(out, 'utf8').trim(), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['id', 'at', 'who', 'action', 'dataset', 'what', 'count', 'details']);
    expect(parsed[1][6]).toBe('120');
    // A formula-looking value is neutralised so a spreadsheet shows it as text.
    expect(parsed[2][5].startsWith("'=")).toBe(true);
    const inline = await api.audit.exportCsv({});
    expect(inline.csv).toContain('exported segment "premium"'.replace(/"/g, '""'));
  });

  it('refuses an unknown action', async () => {
    const { engine } = await engineWithWorkspace();
    // @ts-expect-error deliberately wrong action
    expect(() => recordAudit(engine.ctx.ws().db, { action: 'delete', what: 'x' })).toThrow(/unknown audit action/);
  });
});
