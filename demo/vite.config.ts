import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const src = (path: string): string => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/**
 * The demo app. `npm run demo` (scripts/demo.ts) starts hayloft's proxy and serves this with /api/*
 * forwarded to it, so the page and the proxy share one origin.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: [
      { find: /^hayloft$/, replacement: src('index.ts') },
      { find: /^hayloft\/styles\.css$/, replacement: src('components/styles.css') },
      { find: /^hayloft\/(local|pipeline|react|components|proxy)$/, replacement: src('$1/index.ts') },
    ],
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false, open: false },
  build: { outDir: 'dist', emptyOutDir: true },
});
