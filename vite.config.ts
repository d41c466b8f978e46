import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  // Relative asset URLs: the same build is loaded from app:// in Electron and from / in serve mode.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The CSP allows scripts from 'self' only; the modulepreload polyfill is not needed by
    // Chromium and keeping every script in a file keeps the output CSP-clean.
    modulePreload: { polyfill: false },
    // Nothing inlined as data: (fonts/scripts would be blocked by default-src 'none').
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
