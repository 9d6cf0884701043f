import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, createWorkspace, openApp, type AppSession } from './harness';

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

/** A workbook whose first sheet is a cover note and whose second holds the customers under a title row. */
async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Cover').addRow(['Exported from the till']);
  const ws = wb.addWorksheet('Customers');
  ws.addRow(['Customer list 2024']);
  ws.mergeCells('A1:E1');
  ws.addRow(['customer_id', 'name', 'zip', 'joined', 'spend']);
  for (let i = 1; i <= 60; i++) {
    const r = ws.addRow([`K${String(i).padStart(4, '0')}`, i % 2 ? 'Ann' : 'Bob', ['02108', '00501', '10115'][i % 3], new Date(Date.UTC(2024, i % 12, 1 + (i % 27))), (i * 37) % 500]);
    r.getCell(4).numFmt = 'yyyy-mm-dd';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('Excel import in Chromium over the web host', () => {
  it('drop an .xlsx, pick the sheet, import, see the profile', async () => {
    s = await openApp();
    const { page } = s;
    await createWorkspace(s, 'xlsx.sdw');
    const bytes = (await workbook()).toString('base64');
    // Dropped the way a file manager drops it: a DataTransfer holding the workbook's bytes.
    await page.evaluate(
      ({ name, b64 }) => {
        const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([raw], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
        for (const t of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(t, { bubbles: true, cancelable: true, dataTransfer: dt }));
      },
      { name: 'shop.xlsx', b64: bytes },
    );
    const wizard = page.getByTestId('import-wizard');
    await wizard.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    const sheet = wizard.getByTestId('opt-sheet');
    expect(await sheet.inputValue()).toBe('Cover');
    expect(await sheet.locator('option').allTextContents()).toEqual(['Cover (1 row)', 'Customers (62 rows)']);
    await sheet.selectOption('Customers');
    await expect.poll(() => wizard.locator('[data-testid="preview-column"]').count(), { timeout: 20_000 }).toBe(5);
    expect(await wizard.getByTestId('type-zip').inputValue()).toBe('text');
    expect(await wizard.getByTestId('type-joined').inputValue()).toBe('date');
    expect(await wizard.getByTestId('preview-warnings').textContent()).toMatch(/1 title row above the table skipped/);
    await s.screenshot('import-xlsx-preview');

    await wizard.getByTestId('import-run').click();
    const summary = wizard.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getByTestId('summary-rows').textContent()).toBe('60');
    await summary.getByTestId('import-done').click();

    await page.getByTestId('data-tab-profile').click();
    await page.getByTestId('profile-col-spend').click();
    const card = page.getByTestId('column-profile');
    await expect.poll(() => card.getAttribute('data-column'), { timeout: 30_000 }).toBe('spend');
    await page.getByTestId('column-chart').locator('svg').first().waitFor({ timeout: 20_000 });
    await s.screenshot('import-xlsx-profile');
  });
});
