import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { hayloftAliases } from '../scripts/hayloft-aliases.js';

/**
 * The demo app. `npm run demo` (scripts/demo.ts) starts hayloft's proxy and serves this with /api/*
 * forwarded to it, so the page and the proxy share one origin.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: hayloftAliases },
  server: { host: '127.0.0.1', port: 5173, strictPort: false, open: false },
  build: { outDir: 'dist', emptyOutDir: true },
});
