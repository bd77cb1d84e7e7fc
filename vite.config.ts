import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

// Every dependency stays external so the app's bundler decides what to load and when
// (the `openai` client in particular must remain a lazy import, see docs/architecture.md).
const externalPackages = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
];
const isExternal = (id: string): boolean =>
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  externalPackages.some((name) => id === name || id.startsWith(`${name}/`));

/** Ships the default theme as `hayloft/styles.css` (a plain file: no CSS-in-JS at run time). */
const copyStyles = (): Plugin => ({
  name: 'hayloft:copy-styles',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'styles.css',
      source: readFileSync(new URL('./src/components/styles.css', import.meta.url), 'utf8'),
    });
  },
});

const workerUrlSource = "new URL('./worker.ts', import.meta.url)";
const workerUrlPlaceholder = "new URL('./local-worker.js', __hayloftImportMetaUrl__)";

/**
 * The local-model Worker ships as its own entry (`dist/local-worker.js`, transformers.js external),
 * and `dist/local.js` keeps the standard `new Worker(new URL('./local-worker.js', import.meta.url))`
 * so the app's bundler (Vite, webpack 5, ...) bundles the Worker with the app's own transformers.js.
 * Vite would otherwise bundle the Worker here, transformers.js and its 27 MB of WASM included.
 */
const keepWorkerForTheAppBundler = (): Plugin => ({
  name: 'hayloft:keep-worker-for-the-app-bundler',
  enforce: 'pre',
  // The library build only: an app or Storybook build that reads this config bundles the Worker itself.
  apply: (config, { command }) => command === 'build' && config.build?.lib !== undefined && config.build.lib !== false,
  transform(code, id) {
    if (!id.endsWith('/src/local/worker-engine.ts')) return null;
    if (!code.includes(workerUrlSource)) this.error(`${id} no longer creates its Worker with ${workerUrlSource}; update vite.config.ts.`);
    // Same length is not needed: the source map of the one changed line is not worth a dependency.
    return { code: code.replace(workerUrlSource, workerUrlPlaceholder), map: null };
  },
  renderChunk(code) {
    return code.includes('__hayloftImportMetaUrl__') ? { code: code.replaceAll('__hayloftImportMetaUrl__', 'import.meta.url'), map: null } : null;
  },
});

/** Library build: one ESM file per public entry, shared code split into chunks. */
export default defineConfig({
  plugins: [copyStyles(), keepWorkerForTheAppBundler()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      formats: ['es'],
      entry: {
        index: 'src/index.ts',
        local: 'src/local/index.ts',
        'local-worker': 'src/local/worker.ts',
        pipeline: 'src/pipeline/index.ts',
        react: 'src/react/index.ts',
        components: 'src/components/index.ts',
        proxy: 'src/proxy/index.ts',
        'proxy-node': 'src/proxy/node.ts',
      },
    },
    rollupOptions: {
      external: isExternal,
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
