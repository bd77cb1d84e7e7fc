import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The demo app: `npm run demo` serves it on 127.0.0.1 and prints the URL. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: { hayloft: fileURLToPath(new URL('../src/index.ts', import.meta.url)) },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false, open: false },
  build: { outDir: 'dist', emptyOutDir: true },
});
