import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectImports, findImports, layerOf, targetOf, type ImportEdge } from './support/import-graph.js';

// The layer diagram of docs/architecture.md: what each layer may import (itself always allowed).
const allowed: Record<string, readonly string[]> = {
  root: ['layer:core', 'layer:generators'],
  core: [],
  generators: ['layer:core', 'pkg:openai'],
  local: ['layer:core', 'pkg:@huggingface/transformers'],
  pipeline: ['layer:core', 'pkg:@huggingface/jinja', 'pkg:yaml'],
  react: ['layer:core', 'pkg:react', 'pkg:zustand', 'pkg:@tanstack/react-query'],
  components: ['layer:core', 'layer:react', 'pkg:react', 'pkg:react-dom', 'pkg:marked', 'pkg:shiki'],
  // The proxy shares only dependency-free helpers of core (redact), never generators or React.
  proxy: ['layer:core', 'pkg:hono', 'pkg:@hono/node-server', 'pkg:node:'],
};

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));

/** The edges the diagram forbids. */
const forbiddenEdges = (edges: ImportEdge[]): string[] =>
  edges.flatMap((edge) => {
    const layer = layerOf(edge.from);
    const target = targetOf(edge);
    if (target === `layer:${layer}`) return [];
    const rules = allowed[layer];
    if (rules === undefined) return [`${edge.from}: layer '${layer}' is not in the diagram`];
    return rules.includes(target) ? [] : [`${edge.from} imports '${edge.specifier}' (${target})`];
  });

describe('architecture', () => {
  const edges = collectImports(srcDir);

  it('should find the imports of the source tree', () => {
    expect(edges.length).toBeGreaterThan(20);
    expect(edges.some((edge) => edge.from.startsWith('generators/') && edge.specifier === 'openai')).toBe(true);
  });

  it('should have no import the layer diagram forbids', () => {
    expect(forbiddenEdges(edges)).toEqual([]);
  });

  it('should flag a forbidden edge (the checker itself can fail)', () => {
    const bad: ImportEdge[] = [
      { from: 'core/chat-message.ts', specifier: '../generators/index.js' },
      { from: 'react/use-chat.ts', specifier: '../generators/openai-chat-generator.js' },
      { from: 'proxy/index.ts', specifier: 'react' },
      { from: 'core/x.ts', specifier: 'zod' },
    ];
    expect(forbiddenEdges(bad)).toHaveLength(4);
  });

  it('should read every import form', () => {
    const source = `
      import a from 'a'; import type { B } from "b"; export { c } from './c.js';
      export * from '../d.js'; const e = await import('e');
      // import f from 'commented-out';
    `;
    expect(findImports(source)).toEqual(['a', 'b', './c.js', '../d.js', 'e']);
  });

  // `npm run typecheck` also compiles src/proxy without the DOM library (tsconfig.proxy.json).
  it('should keep browser and React globals out of the proxy', () => {
    const proxyFiles = edges.filter((edge) => layerOf(edge.from) === 'proxy').map((edge) => edge.from);
    for (const file of new Set(['proxy/index.ts', 'proxy/node.ts', ...proxyFiles])) {
      const code = readFileSync(`${srcDir}${file}`, 'utf8');
      expect(code, file).not.toMatch(/\b(window|document|localStorage|navigator)\./);
    }
  });

  it('should load the openai client only lazily', () => {
    const staticOpenAI = edges.filter((edge) => edge.specifier === 'openai').map((edge) => edge.from);
    expect([...new Set(staticOpenAI)]).toEqual(['generators/load-openai.ts']);
    const source = readFileSync(`${srcDir}generators/load-openai.ts`, 'utf8');
    expect(source).toMatch(/import type \* as OpenAIModule from 'openai'/);
    expect(source).toMatch(/import\('openai'\)/);
  });
});
