// Installs Debian's redis-server when it is missing: the proxy's Redis store is tested against a real
// server that the test starts on 127.0.0.1. Only the distribution package, nothing else.
import { execFileSync } from 'node:child_process';

const has = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

if (has('redis-server')) process.exit(0);
if (process.platform !== 'linux' || !has('apt-get')) {
  console.error('redis-server was not found. Install Redis (the redis-server program) to run the proxy Redis tests.');
  process.exit(1);
}
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0 ? [] : ['sudo'];
const run = (args) => {
  const [cmd, ...rest] = [...asRoot, ...args];
  execFileSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
};
console.log("redis-server is missing; installing Debian's redis-server package.");
run(['apt-get', 'update']);
run(['apt-get', 'install', '-y', '--no-install-recommends', 'redis-server']);
if (!has('redis-server')) {
  console.error('apt-get finished but redis-server is still missing.');
  process.exit(1);
}
