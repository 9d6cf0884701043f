import { describe, expect, it } from 'vitest';
import { engineWithWorkspace } from '../../helpers/engine';
import { cli } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';
import { fixture } from './helpers';


describe('CLI import / datasets list / profile', () => {
  it('prints the documented JSON, creating the workspace on first import', () => {
    const dir = tmpDir();
    const r = cli(['import', fixture('dates-mdy.csv'), '--workspace', 'ws.sdw', '--name', 'people', '--date-order', 'mdy', '--json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ dataset: 'people', version: 1, kind: 'customers', rows: 3, cellErrors: 0, encoding: 'utf-8', delimiter: ',', ms: expect.any(Number) });
    expect(out.columns[0]).toEqual({ name: 'id', type: 'text', role: 'id', pii: false, sensitive: false, missing: 0 });
    const list = JSON.parse(cli(['datasets', 'list', '--workspace', 'ws.sdw', '--json'], dir).stdout);
    expect(list.datasets.map((d: { name: string }) => d.name)).toEqual(['people']);
    const prof = JSON.parse(cli(['profile', '--workspace', 'ws.sdw', '--dataset', 'people', '--json'], dir).stdout);
    expect(prof).toMatchObject({ rows: 3, columns: expect.any(Array), alerts: expect.any(Array) });
    const bad = cli(['import', fixture('empty.csv'), '--workspace', 'ws.sdw', '--json'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/empty\.csv: the file is empty/);
    const usage = cli(['import', fixture('ragged.csv'), '--workspace', 'ws.sdw', '--decimal', 'x'], dir);
    expect(usage.code).toBe(2);
  });
});

describe('datasets.preview', () => {
  it('detects settings and re-types the preview when the user changes a column or an option', async () => {
    const { api } = await engineWithWorkspace();
    const p = await api.datasets.preview({ path: fixture('dates-mdy.csv') });
    expect(p.detected).toMatchObject({ encoding: 'utf-8', delimiter: ',', decimal: '.', dateOrder: 'mdy', header: true });
    expect(p.columns.map((c) => c.type)).toEqual(['text', 'date', 'number']);
    expect(p.rows[0]).toEqual(['1', '2020-12-31', 1234.5]);
    expect(p.raw[0]).toEqual(['1', '12/31/2020', '1,234.50']);
    expect(p.suggestedName).toBe('dates_mdy');
    const asText = await api.datasets.preview({ path: fixture('dates-mdy.csv'), columns: [{ ...p.columns[1], type: 'text' }] });
    expect(asText.rows[0][1]).toBe('12/31/2020');
    const dmy = await api.datasets.preview({ path: fixture('dates-mdy.csv'), options: { encoding: 'auto', delimiter: 'auto', decimal: 'auto', dateOrder: 'dmy', header: 'auto' } });
    expect(dmy.rows[0][1]).toBeNull();
    expect(dmy.rows[1][1]).toBe('2021-02-01');
    const orders = await api.datasets.preview({ path: fixture('leading-zeros.csv') });
    expect(orders.suggestedId).toBe('customer_id');
  });
});
