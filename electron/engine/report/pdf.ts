import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { AppError } from '../../../shared/contract/result';
import { hostPrinter } from './host-printer';
import { msg } from '../../../shared/i18n/current';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The headless Chromium to print with: $SEGMENTDESK_CHROMIUM, else a system install; null when none. */
export function findChromium(): string | null {
  const env = process.env.SEGMENTDESK_CHROMIUM;
  if (env) return fs.existsSync(env) ? env : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/**
 * Prints the report HTML to PDF with headless Chromium (the CLI and web host; the Electron
 * app prints with its own printToPDF). The page is loaded from a private temp folder with
 * every network path closed: no proxy resolution, no DNS (host resolver maps everything to
 * nothing), no background services, a fresh profile.
 */
export async function htmlToPdf(html: string, out: string, opts: { timeoutMs?: number } = {}): Promise<void> {
  // In the Electron app the host prints with its own Chromium (printToPDF); the bytes it returns are the file.
  const host = hostPrinter();
  if (host) {
    const bytes = await host(html);
    if (bytes.byteLength === 0) throw new AppError('IO', msg('report.errors.emptyPdf'));
    fs.writeFileSync(out, bytes);
    return;
  }
  const chromium = findChromium();
  if (!chromium) {
    throw new AppError('NOT_FOUND', msg('report.errors.noChromium'));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-report-'));
  const src = path.join(dir, 'report.html');
  const pdf = path.join(dir, 'report.pdf');
  try {
    fs.writeFileSync(src, html, 'utf8');
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--disable-default-apps',
      '--disable-domain-reliability',
      '--metrics-recording-only',
      '--no-proxy-server',
      '--host-resolver-rules=MAP * ~NOTFOUND',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      // Print only once the page is idle: the embedded fonts are font-display: block (their text is invisible
      // until they load), and on a loaded machine a PDF came out with blank pages (CI, 2026-12-06). Virtual
      // time runs ahead when nothing is pending, so an idle page costs no real time.
      '--run-all-compositor-stages-before-draw',
      '--virtual-time-budget=15000',
      `--print-to-pdf=${pdf}`,
      `file://${src}`,
    ];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-2000);
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new AppError('IO', msg('report.errors.chromiumStart', { path: chromium, error: e.message })));
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code === 0 && fs.existsSync(pdf) && fs.statSync(pdf).size > 0) resolve();
        else reject(new AppError('IO', msg('report.errors.chromiumPrint', { code: String(code), error: stderr.trim().split('\n').pop() ?? '' })));
      });
    });
    fs.copyFileSync(pdf, out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
