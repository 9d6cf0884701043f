import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, createWorkspace, openApp, type AppSession } from './harness';

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

/** A small customer export: an ID with leading zeros, a PII e-mail with gaps, an age with one bad value, a constant column. */
function customerCsv(): string {
  const lines = ['customer_id;first_name;email;age;city;country;spend'];
  const cities = ['Warszawa', 'Kraków', 'Gdańsk', 'Łódź', 'Poznań'];
  for (let i = 1; i <= 240; i++) {
    const id = String(i).padStart(5, '0');
    const email = i % 4 === 0 ? '' : `user${i}@example.org`;
    const age = i === 7 ? 'unknown' : String(18 + ((i * 37) % 60));
    const spend = `${(i * 137) % 900},${String(i % 100).padStart(2, '0')}`;
    lines.push([id, i % 2 ? 'Łukasz' : 'Żaneta', email, age, cities[i % cities.length], 'PL', spend].join(';'));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Drops a file onto the window the way a file manager would: a DataTransfer holding a File. */
async function dropFile(s: AppSession, name: string, content: string) {
  await s.page.evaluate(
    ({ name, content }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type: 'text/csv' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    },
    { name, content },
  );
}

describe('Data feature in Chromium over the web host', () => {
  it('drop a file, change a column type in the preview, import, see the table, the profile and an alert', async () => {
    s = await openApp();
    const { page } = s;
    await createWorkspace(s, 'data.sdw');
    const csv = customerCsv();
    fs.writeFileSync(path.join(s.dir, 'customers.csv'), csv);

    // Keyboard: Alt+I opens the import wizard, Escape closes it.
    await page.keyboard.press('Alt+i');
    await page.getByTestId('import-wizard').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('import-wizard').waitFor({ state: 'detached' });

    await dropFile(s, 'customers.csv', csv);
    const wizard = page.getByTestId('import-wizard');
    await wizard.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    // Detection: semicolons, and the zero-padded ID stays text.
    await expect.poll(() => wizard.getByTestId('opt-delimiter').locator('option').first().textContent()).toContain('semicolon');
    expect(await wizard.getByTestId('type-customer_id').inputValue()).toBe('text');
    expect(await wizard.locator('table.preview tbody tr').first().locator('td').first().textContent()).toBe('00001');
    await s.screenshot('data-import-preview');

    // Change a column's type: the preview is parsed again with it. As integer, "unknown" (row 7) is marked
    // as a cell that will be rejected; as text it is a valid value.
    expect(await wizard.getByTestId('type-age').inputValue()).toBe('integer');
    await expect.poll(() => wizard.locator('td.rejected').count()).toBe(1);
    await wizard.getByTestId('type-age').selectOption('text');
    await expect.poll(() => wizard.locator('td.rejected').count()).toBe(0);
    await wizard.getByTestId('type-age').selectOption('integer');
    await expect.poll(() => wizard.locator('td.rejected').count()).toBe(1);
    await wizard.getByTestId('type-city').selectOption('category');
    await expect.poll(() => wizard.getByTestId('type-city').inputValue()).toBe('category');
    await s.screenshot('data-import-preview-edited');

    await wizard.getByTestId('import-run').click();
    const summary = wizard.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getByTestId('summary-rows').textContent()).toBe('240');
    // "unknown" in the integer age column is a rejected cell, and the summary says where to see it.
    expect(await summary.getByTestId('summary-rejected').textContent()).toMatch(/1 cells did not match.*Versions & errors/);
    await s.screenshot('data-import-summary');
    await summary.getByTestId('import-done').click();

    // The table pages through the stored rows.
    const table = page.getByTestId('data-table');
    await expect.poll(() => table.getAttribute('data-total'), { timeout: 20_000 }).toBe('240');
    expect(await page.getByTestId('table-row').first().textContent()).toContain('00001');
    await page.getByTestId('sort-customer_id').click();
    await page.getByTestId('sort-customer_id').click();
    await expect.poll(() => page.getByTestId('table-row').first().textContent()).toContain('00240');
    await s.screenshot('data-table');

    // Column filter: age > 70 narrows the rows to exactly those the file has; removing it restores all.
    let over70 = 0;
    for (let i = 1; i <= 240; i++) if (i !== 7 && 18 + ((i * 37) % 60) > 70) over70++;
    await page.getByTestId('filter-column').selectOption('age');
    await page.getByTestId('filter-op').selectOption('>');
    await page.getByTestId('filter-value').fill('70');
    await page.getByTestId('filter-add').click();
    await expect.poll(() => table.getAttribute('data-total'), { timeout: 20_000 }).toBe(String(over70));
    await s.screenshot('data-table-filtered');
    await page.getByTestId('filter-chip').getByRole('button').click();
    await expect.poll(() => table.getAttribute('data-total'), { timeout: 20_000 }).toBe('240');

    // Quality alerts: missing e-mails (and the constant country) are flagged; the link opens that column's profile.
    await page.getByTestId('data-tab-alerts').click();
    const alerts = page.getByTestId('alert');
    await alerts.first().waitFor({ timeout: 30_000 });
    const missingEmail = alerts.filter({ hasText: 'email' }).first();
    await missingEmail.waitFor();
    await s.screenshot('data-alerts');
    await missingEmail.getByTestId('alert-column').click();
    const card = page.getByTestId('column-profile');
    await card.waitFor();
    expect(await card.getAttribute('data-column')).toBe('email');

    // A numeric column shows its histogram (echarts, SVG).
    await page.getByTestId('profile-col-age').click();
    await expect.poll(() => card.getAttribute('data-column')).toBe('age');
    await page.getByTestId('column-chart').locator('svg').first().waitFor({ timeout: 20_000 });
    await s.screenshot('data-profile');

    // The rejected cell keeps its original text under Versions & errors.
    await page.getByTestId('data-tab-versions').click();
    const errors = page.getByTestId('cell-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('unknown');
    await s.screenshot('data-versions-errors');
  });

  it('Try the demo creates a workspace with customers and their orders, in the dark theme too', async () => {
    s = await openApp();
    const { page } = s;
    await page.getByTestId('workspace-path').fill(path.join(s.dir, 'demo.sdw'));
    await page.getByTestId('demo-create').click();
    await page.getByTestId('data-view').waitFor({ timeout: 60_000 });
    const options = await page.getByTestId('dataset-select').locator('option').allTextContents();
    expect(options.some((o) => o.includes('(customers)'))).toBe(true);
    expect(options.some((o) => o.includes('(transactions)'))).toBe(true);
    await expect.poll(async () => Number((await page.getByTestId('data-table').getAttribute('data-total')) || 0), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByTestId('data-tab-profile').click();
    await page.getByTestId('column-profile').waitFor({ timeout: 30_000 });
    await s.screenshot('data-demo-dark-profile');
  });
});
