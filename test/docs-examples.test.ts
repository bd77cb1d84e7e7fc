/**
 * Every ```ts and ```tsx example in README.md and docs/ is compiled against the sources, so the docs
 * cannot drift from the code. Each block is its own module; the names the prose leaves to the reader
 * (`messages`, `output`, ...) are declared once in a shared preamble.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'hayloft-docs-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Example {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly tsx: boolean;
}

/** The ```ts / ```tsx blocks of a markdown file, with the line each starts on. */
export const extractExamples = (file: string, markdown: string): Example[] => {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(ts|tsx)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end += 1;
    examples.push({ file, line: start + 1, code: lines.slice(start, end).join('\n'), tsx: open[1] === 'tsx' });
    i = end;
  }
  return examples;
};

// What the examples use without defining: an app's own objects.
const preamble = `import type { ChatMessage } from 'hayloft';
declare global {
  const messages: ChatMessage[];
  const output: { append(text: string): void };
  const out: { append(text: string): void };
  const bar: { set(percent: number): void };
  const signal: AbortSignal;
  const yamlFromHaystack: string;
  function verifyAppToken(header: string | null): Promise<string | null>;
}
declare module '*.css';
export {};
`;

const markdownFiles = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const examples = markdownFiles.flatMap((file) => extractExamples(file, readFileSync(join(root, file), 'utf8')));

describe('docs examples', () => {
  it('should find the examples of the README and of every layer page', () => {
    expect(examples.filter((example) => example.file === 'README.md').length).toBeGreaterThanOrEqual(8);
    for (const page of ['generators', 'local-models', 'proxy', 'react', 'components', 'pipelines']) {
      expect(examples.filter((example) => example.file === `docs/${page}.md`).length, page).toBeGreaterThanOrEqual(1);
    }
  });

  it('should compile every example against the sources', () => {
    const files = examples.map((example, index) => {
      const path = join(workDir, `example-${index}.${example.tsx ? 'tsx' : 'ts'}`);
      // Every example is a module (top-level await, its own names), whether or not it imports.
      writeFileSync(path, `${example.code}\nexport {};\n`);
      return { path, example };
    });
    const preamblePath = join(workDir, 'preamble.d.ts');
    writeFileSync(preamblePath, preamble);
    const program = ts.createProgram([preamblePath, ...files.map((file) => file.path)], {
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      jsx: ts.JsxEmit.ReactJSX,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
      baseUrl: root,
      paths: {
        hayloft: ['./src/index.ts'],
        'hayloft/proxy/node': ['./src/proxy/node.ts'],
        'hayloft/*': ['./src/*/index.ts'],
      },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file === undefined || !diagnostic.file.fileName.includes('/src/'))
      .map((diagnostic) => {
        const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
        const source = files.find((file) => file.path === diagnostic.file?.fileName);
        if (source === undefined || diagnostic.start === undefined) return message;
        const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
        return `${source.example.file}:${source.example.line + line}: ${message}`;
      });
    expect(problems).toEqual([]);
  }, 120_000);
});
