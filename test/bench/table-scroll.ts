/**
 * Data table over a million rows, measured in the real UI: a 1,000,000-row customer CSV (deterministic, cached in
 * the OS temp folder) is imported with the CLI, then the built web host + Debian Chromium open the workspace and
 *  - jump: set the table's scroll position to 25 random places and time until the rows shown there are loaded
 *    and rendered (their row numbers match the position), in file order and sorted by a numeric column;
 *  - scroll: scroll continuously (a fling of 1,500 px per frame for 3 s) and record frame times and how many
 *    frames showed rows still loading.
 * Reference: the 16.7 ms frame budget of a 60 Hz display (frames within budget are reported as a share).
 * Rows: TABLE_BENCH_ROWS (default 1,000,000).
 * Last stdout line: {"rows","importMs","rowsRequest":{"p50Ms","p95Ms","maxMs"},"jump":{"p50Ms","p95Ms","maxMs"},"lastRowMs","sortedJump":{…},"scroll":{"frames","p50FrameMs","p95FrameMs","withinBudget","loadingFrameShare"}}.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';

/** The part of the e2e harness (test/e2e/harness.ts, its own tsconfig with DOM types) this benchmark uses. */
interface Session {
  page: Page;
  screenshot(name: string): Promise<string>;
}
const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'e2e');
// The harness is written for vitest's CommonJS-style __dirname; under tsx (ESM) give it the one it expects.
(globalThis as { __dirname?: string }).__dirname = e2eDir;
const { closeApp, openApp } = (await import(pathToFileURL(path.join(e2eDir, 'harness.ts')).href)) as {
  openApp(): Promise<Session>;
  closeApp(s: Session): Promise<void>;
};

const ROWS = Number(process.env.TABLE_BENCH_ROWS ?? 1_000_000);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROW_H = 28; // DataTable's row height

function generate(file: string): void {
  let a = 11;
  const r = () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  const cities = ['Warsaw', 'Boston', 'Paris', 'Berlin', 'Madrid', 'Kraków', 'Lyon'];
  const fd = fs.openSync(file, 'w');
  let buf = 'customer_id,first_name,city,age,orders,total_spend,signup_date,channel\n';
  for (let i = 1; i <= ROWS; i++) {
    const orders = Math.floor(r() * 40);
    const d = new Date(Date.UTC(2018, 0, 1) + Math.floor(r() * 2500) * 86_400_000).toISOString().slice(0, 10);
    buf += `C${String(i).padStart(7, '0')},Name${i % 997},${cities[Math.floor(r() * cities.length)]},${18 + Math.floor(r() * 70)},${orders},${(orders * (5 + r() * 95)).toFixed(2)},${d},${r() < 0.5 ? 'web' : 'store'}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const summary = (xs: number[]) => ({ p50Ms: Math.round(quantile(xs, 0.5)), p95Ms: Math.round(quantile(xs, 0.95)), maxMs: Math.round(Math.max(...xs)) });

/** Scrolls the table to `row` and waits in the page until that row is rendered with data; returns the milliseconds. */
async function jumpTo(page: Page, row: number, expectRowNumber: boolean): Promise<number> {
  // Runs in the page; a string because the Node-side tsconfig has no DOM types.
  const fn = `(({ row, rowH, expectRowNumber }) => new Promise((resolve, reject) => {
    const scroller = document.querySelector('[data-testid="table-scroller"]');
    // DataTable scales positions beyond 15,000,000 px (browser height limits); mirror its mapping.
    const fullH = Number(document.querySelector('[data-testid="data-table"]').getAttribute('data-total')) * rowH;
    const viewH = scroller.clientHeight;
    const scale = fullH > 15000000 ? (fullH - viewH) / (15000000 - viewH) : 1;
    const t0 = performance.now();
    scroller.scrollTop = (row * rowH) / scale;
    const check = () => {
      const rows = Array.from(document.querySelectorAll('[data-testid="table-row"]'));
      const shown = rows.find((r) => Number(r.getAttribute('aria-rowindex')) - 2 === row);
      const num = shown && shown.querySelector('.rownum') ? shown.querySelector('.rownum').textContent : '';
      if (num !== '' && (!expectRowNumber || Number(num) === row + 1)) return resolve(performance.now() - t0);
      if (performance.now() - t0 > 30000) return reject(new Error('row ' + row + ' not shown after 30 s'));
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }))(${JSON.stringify({ row, rowH: ROW_H, expectRowNumber })})`;
  return (await page.evaluate(fn)) as number;
}

/** A continuous fling: frame times, and frames in which some visible rows were still loading. */
async function fling(page: Page, ms: number): Promise<{ frames: number[]; loading: number }> {
  const fn = `new Promise((resolve) => {
    const scroller = document.querySelector('[data-testid="table-scroller"]');
    scroller.scrollTop = 0;
    const frames = [];
    let loading = 0;
    let last = performance.now();
    const start = last;
    const step = (now) => {
      frames.push(now - last);
      last = now;
      const nums = Array.from(document.querySelectorAll('[data-testid="table-row"] .rownum'));
      if (nums.some((r) => r.textContent === '')) loading++;
      scroller.scrollTop += 1500;
      if (now - start < ${ms}) requestAnimationFrame(step);
      else resolve({ frames: frames.slice(1), loading });
    };
    requestAnimationFrame(step);
  })`;
  return (await page.evaluate(fn)) as { frames: number[]; loading: number };
}

async function main() {
  const dir = path.join(os.tmpdir(), 'segmentdesk-bench');
  fs.mkdirSync(dir, { recursive: true });
  const csv = path.join(dir, `table-${ROWS}.csv`);
  if (!fs.existsSync(csv)) {
    console.error(`generating ${csv} …`);
    generate(`${csv}.part`);
    fs.renameSync(`${csv}.part`, csv);
  }
  console.error('building the renderer and the Node bundles …');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-node.mjs')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });

  const ws = path.join(dir, 'table-bench.sdw');
  for (const s of ['', '-wal', '-shm']) fs.rmSync(ws + s, { force: true });
  console.error('importing …');
  const t0 = Date.now();
  execFileSync(process.execPath, [path.join(root, 'bin', 'segmentdesk.js'), 'import', csv, '--workspace', ws, '--name', 'customers', '--json'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const importMs = Date.now() - t0;

  const s = await openApp();
  try {
    const { page } = s;
    await page.getByTestId('workspace-path').fill(ws);
    await page.getByTestId('workspace-open').click();
    const table = page.getByTestId('data-table');
    await table.waitFor({ timeout: 60_000 });
    const deadline = Date.now() + 60_000;
    while ((await table.getAttribute('data-total')) !== String(ROWS)) {
      if (Date.now() > deadline) throw new Error(`table total is ${await table.getAttribute('data-total')}, expected ${ROWS}`);
      await page.waitForTimeout(100);
    }

    let seed = 5;
    const next = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const jumps: number[] = [];
    for (let i = 0; i < 25; i++) jumps.push(await jumpTo(page, Math.floor(next() * (ROWS - 50)), true));
    console.error(`jumps (ms): ${jumps.map(Math.round).join(' ')}`);
    // The very end is reachable (the scroll position is scaled beyond browser height limits).
    const lastRowMs = await jumpTo(page, ROWS - 1, true);

    const scroll = await fling(page, 3000);

    // The engine's share: one datasets.rows page through the host, without any rendering.
    const offsets = Array.from({ length: 20 }, () => Math.floor(next() * (ROWS - 200)));
    const request = (await page.evaluate(`(async (offsets) => {
      const out = [];
      for (const offset of offsets) {
        const t0 = performance.now();
        const r = await window.api.invoke({ ns: 'datasets', method: 'rows', args: { name: 'customers', offset, limit: 200 } });
        if (!r.ok) throw new Error(r.error.message);
        out.push(performance.now() - t0);
      }
      return out;
    })(${JSON.stringify(offsets)})`)) as number[];
    console.error(`datasets.rows requests (ms): ${request.map(Math.round).join(' ')}`);

    // Sorted by a numeric column (descending): the same jumps, rows arrive in sort order.
    await page.getByTestId('sort-total_spend').click();
    await page.getByTestId('sort-total_spend').click();
    await page.getByTestId('table-row').first().locator('.rownum').filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
    const sorted: number[] = [];
    for (let i = 0; i < 10; i++) sorted.push(await jumpTo(page, Math.floor(next() * (ROWS - 50)), false));
    console.error(`sorted jumps (ms): ${sorted.map(Math.round).join(' ')}`);
    await s.screenshot('bench-table-scroll');

    const result = {
      rows: ROWS,
      importMs,
      rowsRequest: summary(request),
      jump: summary(jumps),
      lastRowMs: Math.round(lastRowMs),
      sortedJump: summary(sorted),
      scroll: {
        frames: scroll.frames.length,
        p50FrameMs: Math.round(quantile(scroll.frames, 0.5) * 10) / 10,
        p95FrameMs: Math.round(quantile(scroll.frames, 0.95) * 10) / 10,
        withinBudget: Math.round((scroll.frames.filter((f) => f <= 16.7 * 1.5).length / scroll.frames.length) * 1000) / 1000,
        loadingFrameShare: Math.round((scroll.loading / Math.max(1, scroll.frames.length)) * 1000) / 1000,
      },
    };
    console.log(JSON.stringify(result));
  } finally {
    await closeApp(s);
  }
}

await main().catch((e) => {
  console.error(e);
  process.exit(1);
});
