// A stand-in for the user's browser (used as BROWSER by blocked-electron.mjs): real Chromium opens the address
// `npm start` printed and waits for SegmentDesk's start screen; the outcome goes to SEGMENTDESK_PROBE_MARKER.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const url = process.argv.at(-1);
const marker = process.env.SEGMENTDESK_PROBE_MARKER;
const out = path.join(path.dirname(marker), '..', 'test', 'e2e', 'output');
const write = (r) => { fs.mkdirSync(path.dirname(marker), { recursive: true }); fs.writeFileSync(marker, JSON.stringify(r)); };
try {
  // playwright-core from the clone under test (the cwd of `npm start`).
  const { chromium } = createRequire(path.join(process.cwd(), 'package.json'))('playwright-core');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-probe-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.SEGMENTDESK_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(url);
  await page.getByTestId('start-screen').waitFor({ timeout: 60_000 });
  fs.mkdirSync(out, { recursive: true });
  const screenshot = path.join(out, 'start-without-electron.png');
  await page.screenshot({ path: screenshot });
  const title = await page.title();
  await ctx.close();
  write({ ok: true, title, screenshot });
} catch (e) {
  write({ ok: false, error: String(e?.message ?? e) });
}
