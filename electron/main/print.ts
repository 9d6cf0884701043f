import { BrowserWindow } from 'electron';
import { holdPrintPage } from './print-pages';

/**
 * The Electron app's report printer: the engine worker sends the report HTML (self-contained, no
 * script) and gets the PDF bytes back. It loads in a hidden window that can run nothing: sandboxed,
 * isolated, JavaScript off, no preload, and the session's no-network rule (security.ts) still applies,
 * so only the page itself loads, from the app protocol (print-pages.ts: a data: URL is capped at 2 MB).
 * The window is destroyed and the page forgotten whatever happens.
 */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const win = new BrowserWindow({
    show: false,
    // Auxclick off as in the main window: middle-click must not open anything even if a link slipped in.
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' },
  });
  const page = holdPrintPage(html);
  try {
    await win.loadURL(page.url);
    const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    page.release();
    win.destroy();
  }
}
