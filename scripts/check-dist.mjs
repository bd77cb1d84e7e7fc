// Checks what the library build ships, beyond what publint and attw look at: the local-model
// Worker stays a separate entry that the app's bundler builds (with the app's transformers.js), and
// no heavy dependency is bundled into dist/.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const problems = [];
const files = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
const scripts = files(dist).filter((file) => file.endsWith('.js'));

const local = readFileSync(join(dist, 'local.js'), 'utf8');
if (!local.includes('new Worker(new URL("./local-worker.js", import.meta.url)')) {
  problems.push('dist/local.js must create its Worker with new Worker(new URL("./local-worker.js", import.meta.url)) for app bundlers to pick it up');
}
for (const file of scripts) {
  const code = readFileSync(file, 'utf8');
  const name = file.slice(dist.length);
  if (statSync(file).size > 200_000) problems.push(`${name} is ${statSync(file).size} bytes: a dependency was bundled into it`);
  if (/InterruptableStoppingCriteria = class|onnxruntime-web\/dist|x-stainless-arch/.test(code)) problems.push(`${name} bundles transformers.js, onnxruntime or openai`);
}
const transformersImporters = scripts.filter((file) => readFileSync(file, 'utf8').includes('@huggingface/transformers')).map((file) => file.slice(dist.length));
for (const name of transformersImporters) {
  const code = readFileSync(join(dist, name), 'utf8');
  // transformers.js is imported only by the engine, and only dynamically (`import('@huggingface/transformers')`).
  if (!/^chunks\/engine-/.test(name)) problems.push(`${name} mentions @huggingface/transformers; only the engine chunk may`);
  else if (/^\s*import\s[^(]*from\s*["']@huggingface\/transformers["']/m.test(code)) problems.push(`${name} imports @huggingface/transformers statically`);
}
if (transformersImporters.length === 0) problems.push('no chunk imports @huggingface/transformers: the engine is missing from dist/');
if (problems.length > 0) {
  console.error(`dist check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`dist check: ${scripts.length} scripts; the local-model Worker is its own entry; transformers.js only in ${transformersImporters.join(', ')}`);
