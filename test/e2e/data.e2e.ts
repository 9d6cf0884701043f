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
    // Focus returns to the Import button, not the page body (the shortcut opened it with nothing focused).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-open');
    // Opened by the button, Esc returns focus to that button.
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-wizard').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('import-wizard').waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-open');

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
    // Counted per column and named above the Import button before importing.
    expect(await wizard.getByTestId('rejected-age').textContent()).toMatch(/^1 of \d+ preview rows rejected$/);
    expect(await wizard.getByTestId('import-rejected-summary').textContent()).toMatch(/1 column would reject cells of the preview: 1 of \d+ preview rows in age/);
    await wizard.getByTestId('type-age').selectOption('text');
    await expect.poll(() => wizard.locator('td.rejected').count()).toBe(0);
    expect(await wizard.getByTestId('import-rejected-summary').count()).toBe(0);
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
    expect(await summary.getByTestId('summary-rejected').textContent()).toMatch(/^1 cell did not match its column type.*Versions & errors/);
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

  it('the table draws the right-hand columns when scrolled sideways and when sorted by the right-most column', async () => {
    s = await openApp();
    const { page } = s;
    await page.getByTestId('workspace-path').fill(path.join(s.dir, 'demo-wide.sdw'));
    await page.getByTestId('demo-create').click();
    await page.getByTestId('data-view').waitFor({ timeout: 60_000 });
    const table = page.getByTestId('data-table');
    await expect.poll(async () => Number((await table.getAttribute('data-total')) || 0), { timeout: 20_000 }).toBeGreaterThan(0);
    const scroller = page.getByTestId('table-scroller');
    const view = (await scroller.boundingBox())!;
    // The demo customers have more columns than fit: the row is wider than the viewport.
    expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeGreaterThan(300);

    /** What is drawn at the centre of column `name`'s header, `rows` rows below it: the text of the topmost element there. */
    const drawnUnder = (name: string, rows: number[]) =>
      page.evaluate(
        ({ name, rows }) => {
          const th = document.querySelector(`[data-testid="sort-${name}"]`)!.closest('[role="columnheader"]')!;
          const box = th.getBoundingClientRect();
          const x = box.left + box.width / 2;
          return rows.map((r) => {
            const el = document.elementFromPoint(x, box.bottom + 28 * r - 14);
            const cell = el?.closest('[role="gridcell"]');
            return cell ? (cell as HTMLElement).innerText.trim() : `not a cell: ${el?.tagName ?? 'nothing'}.${el?.className ?? ''}`;
          });
        },
        { name, rows },
      );

    // Sideways wheel (trackpad / shift+wheel) to the far right: the right-most column's cells are drawn, with text.
    await page.mouse.move(view.x + view.width / 2, view.y + view.height / 2);
    await page.mouse.wheel(5000, 0);
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(300);
    await expect.poll(() => scroller.evaluate((el) => Math.abs(el.scrollLeft + el.clientWidth - el.scrollWidth) <= 1)).toBe(true);
    const header = (await page.getByTestId('sort-annual_income').boundingBox())!;
    // The column starts beyond the viewport's width into the row: the part of the row that went undrawn.
    const { scrollLeft, clientWidth } = await scroller.evaluate((el) => ({ scrollLeft: el.scrollLeft, clientWidth: el.clientWidth }));
    expect(header.x - view.x + scrollLeft).toBeGreaterThan(clientWidth);
    expect(header.x + header.width).toBeLessThanOrEqual(view.x + view.width + 1);
    await expect.poll(async () => (await drawnUnder('annual_income', [1, 2, 3, 4, 5])).every((t) => /\d/.test(t))).toBe(true);
    await expect.poll(async () => (await drawnUnder('lifestyle', [1, 2, 3])).every((t) => t.length > 0 && !t.startsWith('not a cell'))).toBe(true);

    // Back to the left, then sort by the right-most column from its header: the sorted values are drawn.
    await scroller.evaluate((el) => {
      el.scrollLeft = 0;
    });
    await page.getByTestId('sort-annual_income').click(); // Playwright scrolls the header into view
    await expect.poll(() => page.locator('[aria-sort="ascending"]').count()).toBe(1);
    await page.getByTestId('sort-annual_income').click();
    await expect.poll(() => page.locator('[role="columnheader"][aria-sort="descending"]').textContent()).toContain('annual_income');
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(300);
    let drawn: string[] = [];
    await expect
      .poll(async () => {
        drawn = await drawnUnder('annual_income', [1, 2, 3, 4, 5, 6]);
        return drawn.every((t) => /\d/.test(t));
      })
      .toBe(true);
    const values = drawn.map((t) => Number(t.replace(/[^\d.-]/g, '')));
    expect([...values].sort((a, b) => b - a)).toEqual(values); // descending, as sorted
    await s.screenshot('data-table-sorted-right-column');

    // Keyboard only: one tab stop, the active cell moves with the keys and is scrolled into view both ways.
    await scroller.evaluate((el) => {
      el.scrollLeft = 0;
      el.scrollTop = 0;
    });
    await scroller.focus();
    const activeCell = () =>
      page.evaluate(() => {
        const grid = document.querySelector('[data-testid="table-scroller"]')!;
        const el = document.getElementById(grid.getAttribute('aria-activedescendant') ?? '');
        const box = el?.getBoundingClientRect();
        const view = grid.getBoundingClientRect();
        return { role: el?.getAttribute('role') ?? null, text: el?.textContent ?? null, inView: !!box && box.left >= view.left - 1 && box.right <= view.right + 1 && box.top >= view.top - 1 && box.bottom <= view.bottom + 1 };
      });
    await page.keyboard.press('Control+End');
    // The last customer's last column: far right and far down, drawn and in view.
    await expect.poll(async () => (await activeCell()).inView, { timeout: 10_000 }).toBe(true);
    expect((await activeCell()).role).toBe('gridcell');
    expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
    await page.keyboard.press('Control+Home');
    await expect.poll(async () => (await activeCell()).inView).toBe(true);
    expect(await scroller.evaluate((el) => [el.scrollTop, el.scrollLeft])).toEqual([0, 0]);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    const head = await activeCell();
    expect(head.role).toBe('columnheader');
    const column = head.text!.trim();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[role="columnheader"][aria-sort="ascending"]').textContent()).toContain(column);
    // The sorted rows arrive before there is anything to page through.
    await expect.poll(async () => Number((await table.getAttribute('data-total')) || 0), { timeout: 20_000 }).toBeGreaterThan(100);
    await page.keyboard.press('PageDown');
    await expect.poll(async () => (await activeCell()).role).toBe('gridcell');
    expect((await activeCell()).inView).toBe(true);
    await s.screenshot('data-table-keyboard');
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
