import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type InlineConfig } from 'vite';
import { hayloftAliases } from '../../scripts/hayloft-aliases.js';

export { hayloftAliases };

/**
 * `vite build` as an app's production build. Vitest sets NODE_ENV=test, and Vite then compiles JSX
 * and React for development (several times slower): NODE_ENV is production for the build's duration.
 */
export const productionBuild = async (config: InlineConfig): Promise<void> => {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ ...config, mode: 'production' });
  } finally {
    process.env.NODE_ENV = previous;
  }
};

/** Builds an app under test/fixtures/ (or a folder given as a URL) for production into a temporary folder. */
export const buildFixtureApp = async (app: string | URL): Promise<{ outDir: string; remove: () => void }> => {
  const root = fileURLToPath(typeof app === 'string' ? new URL(`../fixtures/${app}/`, import.meta.url) : app);
  const name = root.split('/').filter(Boolean).at(-1) ?? 'app';
  const outDir = mkdtempSync(join(tmpdir(), `hayloft-${name}-`));
  await productionBuild({ root, configFile: false, logLevel: 'silent', resolve: { alias: hayloftAliases }, build: { outDir, emptyOutDir: true, minify: false } });
  return { outDir, remove: () => rmSync(outDir, { recursive: true, force: true }) };
};

/**
 * Builds an app under test/fixtures/ (or any folder given as a URL) with Vite, in production mode as
 * users ship it, and serves it on 127.0.0.1. A build, not the dev server: no dependency
 * re-optimisation reloads the page mid-test.
 */
export const serveFixtureApp = async (app: string | URL): Promise<{ url: string; close: () => Promise<void> }> => {
  const root = fileURLToPath(typeof app === 'string' ? new URL(`../fixtures/${app}/`, import.meta.url) : app);
  const name = root.split('/').filter(Boolean).at(-1) ?? 'app';
  const outDir = mkdtempSync(join(tmpdir(), `hayloft-${name}-`));
  const config = { root, configFile: false as const, logLevel: 'silent' as const, resolve: { alias: hayloftAliases } };
  await productionBuild({ ...config, build: { outDir, emptyOutDir: true, minify: false } });
  const server = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error(`The preview server for ${name} reported no URL.`);
  return {
    url,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
};
