// Builds the React UI into dist/renderer (RENDERER_OUT_DIR moves it: parallel e2e runs). `base: './'` keeps every asset URL relative, so the
// same build works under Electron's app://bookshelf/ and under the HTTP server at http://host/.
// The CSP forbids inline scripts and eval; Vite's production output needs neither. espeakVietnamese ships the
// offline voice's Vietnamese data (build/espeak-vietnamese.ts).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { espeakVietnamese } from '../build/espeak-vietnamese.js';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), espeakVietnamese()],
  build: {
    outDir: process.env.RENDERER_OUT_DIR ?? '../dist/renderer',
    emptyOutDir: true,
    // No inline data: URLs for assets (keeps every resource a file under 'self').
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
