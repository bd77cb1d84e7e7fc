// `npm run bench`: runs each bench/*.bench.ts in a process of its own (one benchmark's heap must not
// weigh on the next one's timings), prints each result line, and exits non-zero if a target was missed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync(new URL('../bench/', import.meta.url))
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();

let failed = 0;
for (const file of files) {
  const result = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest.config.ts', `bench/${file}`], {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (result.status !== 0) failed += 1;
}
console.log(`\nbenchmarks: ${files.length - failed} met their targets, ${failed} missed (results in bench/results/)`);
process.exit(failed === 0 ? 0 : 1);
