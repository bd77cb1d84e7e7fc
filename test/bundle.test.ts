import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { hayloftAliases, productionBuild } from './support/fixture-app.js';

const root = fileURLToPath(new URL('./fixtures/bundle-app/', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'hayloft-bundle-'));

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('bundle', () => {
  it('should keep <Chat> with a generator and the styles within 45 KB gzip, React aside, load the client and the highlighter later, and hold no transformers.js', async () => {
    const chatOut = join(outDir, 'chat');
    await productionBuild({
      root: fileURLToPath(new URL('./fixtures/chat-app/', import.meta.url)),
      logLevel: 'silent',
      resolve: { alias: hayloftAliases },
      build: {
        outDir: chatOut,
        emptyOutDir: true,
        minify: true,
        // React in a chunk of its own, so the budget measures what hayloft adds.
        rolldownOptions: { output: { advancedChunks: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] } } },
      },
    });
    const html = readFileSync(join(chatOut, 'index.html'), 'utf8');
    const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    const css = /href="\/assets\/([^"]+\.css)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    expect(css).toBeDefined();
    const read = (name: string) => readFileSync(join(chatOut, 'assets', name), 'utf8');
    const preloaded = [...html.matchAll(/rel="modulepreload"[^>]*href="\/assets\/([^"]+\.js)"/g)].map((match) => match[1]!);
    const initial = [entry!, ...preloaded].filter((name) => !name.startsWith('react'));
    const gzip = (name: string) => gzipSync(read(name)).length;
    const initialBytes = initial.reduce((sum, name) => sum + gzip(name), 0) + gzip(css!);
    const files = readdirSync(join(chatOut, 'assets')).filter((name) => name.endsWith('.js'));
    // What the first answer adds: the openai client and the markdown renderer (highlighting waits for a code block).
    const firstAnswer = files.filter((name) => !initial.includes(name) && (/x-stainless-/i.test(read(name)) || /hayloft-code-header/.test(read(name))));
    const afterFirst = initialBytes + firstAnswer.reduce((sum, name) => sum + gzip(name), 0);
    console.log(`[bundle] <Chat> initial ${(initialBytes / 1024).toFixed(1)} KB gzip (React aside); ${(afterFirst / 1024).toFixed(1)} KB after the first answer (${firstAnswer.join(', ')})`);
    expect(firstAnswer).toHaveLength(2);
    // TanStack Query comes only with a local model's progress bar.
    expect(initial.some((name) => /No QueryClient set|refetchOnWindowFocus/.test(read(name)))).toBe(false);
    expect(initial.some((name) => /x-stainless-/i.test(read(name)))).toBe(false);
    expect(initial.some((name) => /shiki|vscode-textmate|oniguruma/i.test(read(name)))).toBe(false);
    expect(initialBytes).toBeLessThanOrEqual(45 * 1024);
    // An app that does not import hayloft/local holds no transformers.js or onnxruntime, not even lazily.
    expect(files.filter((name) => /InterruptableStoppingCriteria|onnxruntime/.test(read(name)))).toEqual([]);
  });

  it('should keep the openai client out of the initial chunk of an app that imports a generator', async () => {
    await build({
      root,
      logLevel: 'silent',
      resolve: { alias: { hayloft: fileURLToPath(new URL('../src/index.ts', import.meta.url)) } },
      build: { outDir, emptyOutDir: true, minify: true },
    });
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const files = readdirSync(join(outDir, 'assets')).filter((name) => name.endsWith('.js'));
    const code = (name: string) => readFileSync(join(outDir, 'assets', name), 'utf8');
    // The client's own marker: every request it sends carries `x-stainless-*` headers.
    const withClient = files.filter((name) => /x-stainless-/i.test(code(name)));
    expect(withClient.length).toBeGreaterThan(0);
    expect(withClient).not.toContain(entry);
    const entryGzip = gzipSync(code(entry!)).length;
    // hayloft's core and generators without the client: a budget that catches an accidental static import.
    expect(entryGzip).toBeLessThan(20_000);
  });
});
