import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, openApp, type AppSession } from './harness';
import { cli as runCli } from '../helpers/cli';
import { gammaSample, rng } from '../engine/outcomes/simulate';

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

function cli(args: string[], cwd: string): void {
  const r = runCli(args, cwd);
  if (r.code !== 0) throw new Error(`segmentdesk ${args.join(' ')} failed: ${r.stderr}`);
}

/** The data's last order: years before today, as in a real archived export (UCI Online Retail ends here). */
const LAST = '2011-12-09';

/** 800 customers' orders from the BG/NBD story, all placed between 2010-01 and 2011-12-09, with no customer file. */
function writeOldOrders(dir: string): void {
  const u = rng(2011);
  const orders = ['order_id,customer_id,order_date,amount'];
  const end = Date.parse(`${LAST}T00:00:00Z`) / 86_400_000;
  let order = 0;
  for (let i = 1; i <= 800; i++) {
    const id = `C${String(i).padStart(4, '0')}`;
    const lambda = gammaSample(u, 0.9) / 10;
    const g = gammaSample(u, 0.8);
    const drop = g / (g + gammaSample(u, 3));
    const T = 20 + 70 * u();
    const start = end - Math.floor(T * 7);
    const times = [0];
    for (let t = 0; ; ) {
      t += -Math.log(1 - u()) / lambda;
      if (t > T || u() < drop) break;
      times.push(t);
    }
    for (const w of times) {
      const day = Math.min(end, start + Math.floor(w * 7));
      orders.push(`O${++order},${id},${new Date(day * 86_400_000).toISOString().slice(0, 10)},${(20 + gammaSample(u, 3) * 15).toFixed(2)}`);
    }
  }
  orders.push(`O${++order},C0001,${LAST},42.00`);
  fs.writeFileSync(path.join(dir, 'old-orders.csv'), `${orders.join('\n')}\n`);
}

describe('An old orders file in Chromium over the web host', () => {
  it("RFM and lifetime value measure from the data's last order without the user touching a date, and the report says so", async () => {
    s = await openApp();
    const { page, dir } = s;
    writeOldOrders(dir);
    const ws = path.join(dir, 'old.sdw');
    cli(['import', 'old-orders.csv', '--workspace', ws, '--name', 'orders', '--as', 'transactions', '--json'], dir);

    await page.getByTestId('workspace-path').fill(ws);
    await page.getByTestId('workspace-open').click();
    await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });

    // RFM: the as-of field is left empty.
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segments-view').waitFor({ timeout: 20_000 });
    await page.getByTestId('segments-tab-rfm').click();
    await page.getByTestId('rfm-dataset').selectOption('orders');
    expect(await page.getByTestId('rfm-asof').inputValue()).toBe('');
    await page.getByTestId('rfm-compute').click();
    await expect.poll(() => page.getByTestId('rfm-summary').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^800 customers as of ${LAST} \\(the last order in orders\\)`));
    // How it is computed is one click away, in the words --help and the report use.
    const how = page.getByTestId('rfm-how');
    await how.locator('summary').click();
    expect(await how.textContent()).toContain('never today\'s clock');
    await s.screenshot('old-orders-rfm');

    // Lifetime value: no date typed either.
    await page.getByTestId('nav-outcomes').click();
    await page.getByTestId('outcomes-view').waitFor({ timeout: 40_000 });
    await page.getByTestId('outcomes-tab-clv').click();
    await page.getByTestId('clv-panel').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('clv-asof').inputValue()).toBe('');
    await page.getByTestId('clv-fit').click();
    const asOf = page.getByTestId('clv-result-asof');
    await asOf.waitFor({ timeout: 120_000 });
    expect(await asOf.textContent()).toBe(`${LAST} (the last order in orders)`);
    await s.screenshot('old-orders-clv');

    // The report states the date in its RFM section and in the methods appendix.
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-tab-report').click();
    const builder = page.getByTestId('report-builder');
    const preview = builder.getByTestId('report-preview');
    await expect.poll(() => preview.locator('h2').allTextContents(), { timeout: 40_000 }).toContain('Customer value (RFM)');
    // The preview lives in a shadow root; read its text there.
    const text = await preview.evaluate((el) => el.shadowRoot?.textContent ?? '');
    expect(text).toContain(`As of${LAST} (the last order in orders)`);
    expect(text).toMatch(new RegExp(`As-of date${LAST} \\(the last order in orders\\)`));
    expect(text).toMatch(new RegExp(`BG/NBD purchases[^,]*, as of ${LAST}`));
    expect(text).toMatch(/Conventions\s*Customers, not rows/);
    expect(text).toContain('Returns and cancellationsOne policy for RFM');
    await s.screenshot('old-orders-report');
    const reportFile = path.join(dir, 'old-report.html');
    await builder.getByTestId('report-out').fill(reportFile);
    await builder.getByTestId('report-save-html').click();
    // The builder says where the report went (no toast besides: one notice per action).
    await builder.getByTestId('report-saved').waitFor({ timeout: 60_000 });
    expect(fs.readFileSync(reportFile, 'utf8')).toContain(`${LAST} (the last order in orders)`);
  });
});
