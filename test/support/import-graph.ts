import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** One import found in a source file. */
export interface ImportEdge {
  /** File path relative to `src/`. */
  from: string;
  /** The specifier as written. */
  specifier: string;
}

const importPattern =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import and re-export specifier in a piece of TypeScript (comments stripped first). */
export const findImports = (source: string): string[] => {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(importPattern)].map((match) => match[1] ?? match[2] ?? '');
};

const listFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });

/** Every import edge under `srcDir`. */
export const collectImports = (srcDir: string): ImportEdge[] =>
  listFiles(srcDir).flatMap((file) =>
    findImports(readFileSync(file, 'utf8')).map((specifier) => ({ from: relative(srcDir, file).split(sep).join('/'), specifier })),
  );

/** The layer a file belongs to: its first folder under `src/`, or `root` for the top-level entry. */
export const layerOf = (file: string): string => (file.includes('/') ? (file.split('/')[0] ?? 'root') : 'root');

/** What an import points at: another layer (`layer:core`) or a package (`pkg:openai`). */
export const targetOf = (edge: ImportEdge): string => {
  if (edge.specifier.startsWith('.')) {
    const target = resolve('/src', dirname(edge.from), edge.specifier).slice('/src/'.length);
    return `layer:${layerOf(target)}`;
  }
  if (edge.specifier.startsWith('node:')) return `pkg:node:`;
  const parts = edge.specifier.split('/');
  const name = edge.specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
  return `pkg:${name}`;
};
