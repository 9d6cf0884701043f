import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferColumnType, type Locale } from '../../../electron/engine/import/infer';
import { engineWithWorkspace } from '../../helpers/engine';
import { sharedData } from '../../helpers/tmp';
import { importFile } from './helpers';

const locale: Locale = { decimal: '.', dateOrder: null, dateOrderAmbiguous: false };

describe('type inference: values first, the column name only breaks ties', () => {
  it('decimal numbers are numbers whatever the name; whole numbers under an ID-like name and leading zeros stay codes', () => {
    const decimals = ['5191.0', '5228.1', '5099.1', '4963.6', '5195.8'];
    for (const name of ['nr.employed', 'order_no', 'account', 'zip']) expect(inferColumnType(name, decimals, locale).type, name).toBe('number');
    expect(inferColumnType('nr.employed', ['5191', '5228', '5099'], locale).type).toBe('text');
    expect(inferColumnType('postal_code', ['02108', '10001', '94103'], locale).type).toBe('text');
    expect(inferColumnType('amount', ['0042', '0043', '0044'], locale).type).toBe('text');
  });

  it('an imported file with bank-marketing style columns (nr.employed = 5191.0) types them by their values', async () => {
    const { engine, api, dir } = await engineWithWorkspace();
    const file = path.join(dir, 'bank-additional.csv');
    const lines = ['"client_no";"emp.var.rate";"cons.price.idx";"nr.employed";"branch_code"'];
    const employed = ['5191.0', '5228.1', '5099.1', '4963.6', '5008.7', '5017.5', '5023.5', '5076.2', '5176.3', '5195.8'];
    for (let i = 0; i < 3000; i++) lines.push(`${1000 + i};${(i % 7) / 2 - 1.8};${93 + (i % 11) / 10};${employed[i % employed.length]};${String(i % 40).padStart(3, '0')}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const { status, result } = await importFile(engine, api, { path: file });
    expect(status.error).toBeUndefined();
    const types = Object.fromEntries(result.columns.map((c) => [c.name, c.type]));
    expect(types).toEqual({ client_no: 'text', 'emp.var.rate': 'number', 'cons.price.idx': 'number', 'nr.employed': 'number', branch_code: 'text' });
    const page = await api.datasets.rows({ name: result.dataset, limit: 2 });
    expect(page.rows[0][3]).toBe(5191);
    expect(page.rows[0][4]).toBe('000');
    engine.close();
  });

  const bank = sharedData('bank-full.csv');
  it.skipIf(!bank)('bank-full.csv: every column of numbers is typed as a number (skipped: ../shared/data/bank-full.csv absent)', { timeout: 60_000 }, async () => {
    const { engine, api } = await engineWithWorkspace();
    const { result } = await importFile(engine, api, { path: bank! });
    const types = Object.fromEntries(result.columns.map((c) => [c.name, c.type]));
    for (const c of ['age', 'balance', 'day', 'duration', 'campaign', 'pdays', 'previous']) expect(types[c], c).toBe('integer');
    expect(Object.values(types).filter((t) => t === 'text')).toEqual([]);
    engine.close();
  });
});
