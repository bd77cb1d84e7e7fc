import { fileURLToPath } from 'node:url';
import type { Alias } from 'vite';

const src = (path: string): string => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/**
 * The package's import names mapped to its sources, so tests, the demo, Storybook and fixture apps
 * import `hayloft/...` as users do, without a build.
 */
export const hayloftAliases: Alias[] = [
  { find: /^hayloft$/, replacement: src('index.ts') },
  { find: /^hayloft\/styles\.css$/, replacement: src('components/styles.css') },
  { find: /^hayloft\/(local|pipeline|react|components|proxy)$/, replacement: src('$1/index.ts') },
  { find: /^hayloft\/proxy\/node$/, replacement: src('proxy/node.ts') },
  { find: /^hayloft\/local\/worker$/, replacement: src('local/worker.ts') },
];
