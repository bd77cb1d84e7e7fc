// Installs Debian's Chromium when it is missing, so `npm test` works on a fresh machine.
// Never downloads a browser build of its own (no `playwright install`): only the distribution package.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (existsSync(chromium)) process.exit(0);

if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
  console.error(
    `Chromium was not found at ${chromium}. Install Chromium and set CHROMIUM_PATH to its executable to run the browser tests.`,
  );
  process.exit(1);
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0 ? [] : ['sudo'];
const run = (args) => {
  const [cmd, ...rest] = [...asRoot, ...args];
  execFileSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
};

console.log(`Chromium is missing at ${chromium}; installing Debian's chromium package.`);
run(['apt-get', 'update']);
run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
if (!existsSync(chromium)) {
  console.error(`apt-get finished but ${chromium} is still missing.`);
  process.exit(1);
}
