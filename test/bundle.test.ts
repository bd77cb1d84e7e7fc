import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('./fixtures/bundle-app/', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'hayloft-bundle-'));

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('bundle', () => {
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
