import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CSP as HOST_CSP } from './electron/main/csp';

// The CSP both hosts send as a header, repeated in the built page so it holds wherever the files are opened.
// One source (electron/main/csp.ts): two differing policies would both apply and the stricter would win silently.
// frame-ancestors is not allowed in a meta tag (the header carries it). Only in the build: the dev
// server's React refresh preamble is an inline script.
const CSP = HOST_CSP.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

function cspMeta(): Plugin {
  return {
    name: 'segmentdesk-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

// The renderer is served by Electron's app:// protocol and by the loopback web host, both under
// a strict CSP: relative asset URLs, no inline scripts, nothing remote.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No data: URLs for assets, so the CSP never needs img-src/font-src data:.
    assetsInlineLimit: 0,
    // Every Chromium we run in supports modulepreload; the polyfill is not needed.
    modulePreload: { polyfill: false },
    target: 'chrome130',
    chunkSizeWarningLimit: 2000,
  },
});
