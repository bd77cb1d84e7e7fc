// `npm run bench`: runs each bench/*.bench.ts in a process of its own (one benchmark's heap must not
// weigh on the next one's timings), then lists every result this run wrote to bench/results/ and
// exits non-zero if a target was missed or a benchmark failed.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';

const only = process.argv.slice(2);
const benchDir = new URL('../bench/', import.meta.url);
const resultsDir = new URL('../bench/results/', import.meta.url);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();

const started = Date.now();
let crashed = 0;
for (const file of files) {
  const result = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest.config.ts', `bench/${file}`], {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (result.status !== 0) crashed += 1;
}

const results = readdirSync(resultsDir)
  .filter((name) => name.endsWith('.json') && statSync(new URL(name, resultsDir)).mtimeMs >= started)
  .map((name) => JSON.parse(readFileSync(new URL(name, resultsDir), 'utf8')));
console.log('\nbenchmark results of this run:');
for (const result of results) console.log(`  ${result.met ? 'met   ' : 'MISSED'} ${result.name}: ${result.target}`);
const missed = results.filter((result) => !result.met).length;
console.log(`${results.length - missed} met, ${missed} missed; ${crashed} benchmark file(s) failed (results in bench/results/)`);
process.exit(missed === 0 && crashed === 0 ? 0 : 1);
