/**
 * The host's own HTML → PDF printer (the Electron app's webContents.printToPDF), registered by
 * the engine worker when its host offers one. The engine never imports electron: the worker
 * asks the host over the worker protocol, and this module only holds the function to call.
 */
export type HostPrinter = (html: string) => Promise<Uint8Array>;

let printer: HostPrinter | null = null;

/** Registers (or with null, removes) the host printer; the report PDF path prefers it over headless Chromium. */
export function setHostPrinter(p: HostPrinter | null): void {
  printer = p;
}

export function hostPrinter(): HostPrinter | null {
  return printer;
}
