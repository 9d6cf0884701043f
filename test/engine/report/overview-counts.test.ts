import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getMirror } from '../../../electron/engine/mirror';
import { categoryBars, distinctCount, histogramBars, idCounts, valueBars } from '../../../electron/engine/report/sections/overview';
import { columnsOf, getDataset, versionTable } from '../../../electron/engine/workspace/catalog';
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import { customerDataSets } from '../../helpers/data';
import { itOnImportFiles } from '../../helpers/import-files';
import { engineWithWorkspace, runJob } from '../../helpers/engine';

/**
 * The report's overview counts values from the stored columnar copy (report/sections/overview.ts): every
 * chart and count must be what its SQL over the version table gives, on real files.
 */
function expectSameAsSql(ws: Workspace, dataset: string): void {
  ws.invalidate();
  const m = getMirror(ws, dataset);
  const t = versionTable(ws.db, dataset);
  const ctx = { ws };
  let compared = 0;
  for (const c of columnsOf(ws.db, dataset)) {
    if (c.type === 'category' || c.type === 'text' || c.type === 'boolean') {
      expect(distinctCount(ctx, m, t, c.name), c.name).toBe(distinctCount(ctx, null, t, c.name));
      expect(categoryBars(ctx, m, t, c), c.name).toEqual(categoryBars(ctx, null, t, c));
      compared++;
    }
    if (c.type === 'number' || c.type === 'integer') {
      expect(valueBars(ctx, m, t, c), c.name).toEqual(valueBars(ctx, null, t, c));
      expect(histogramBars(ctx, m, t, c), c.name).toEqual(histogramBars(ctx, null, t, c));
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(0);
  const id = getDataset(ws.db, dataset).idColumn;
  if (id) expect(idCounts(ctx, m, t, id)).toEqual(idCounts(ctx, null, t, id));
}

async function importAndCompare(file: string, id?: string): Promise<void> {
  const { engine, api } = await engineWithWorkspace();
  const r = await runJob(engine, api, 'import', { path: file, name: 'data', ...(id ? { id } : {}) });
  expect(r.status.error, file).toBeUndefined();
  expectSameAsSql(engine.ctx.ws(), 'data');
  engine.close();
}

describe('the report overview counts from the columnar copy equal its SQL', () => {
  it.each(customerDataSets())('on $label customers', async ({ customers }) => importAndCompare(customers, 'customer_id'), 120_000);
  it('on the demo customers (repeated IDs)', async () => importAndCompare(path.resolve(__dirname, '../../../assets/demo/customers.csv'), 'customer_id'), 60_000);
  itOnImportFiles(['bools-langs.csv', 'bad-cells.csv', 'leading-zeros.csv'], (file) => importAndCompare(file));
});
