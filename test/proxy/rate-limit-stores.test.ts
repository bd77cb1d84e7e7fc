import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/proxy/rate-limit/memory-store.js';
import { RedisStore } from '../../src/proxy/rate-limit/redis-store.js';
import type { RateLimitStore } from '../../src/proxy/rate-limit/store.js';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let redis: ChildProcess;
let redisPort = 0;

beforeAll(async () => {
  try {
    execFileSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' });
  } catch {
    throw new Error('redis-server is not installed: run `node scripts/ensure-redis.mjs` (npm test does).');
  }
  redisPort = await freePort();
  redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i += 1) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(redisPort, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return;
    await sleep(50);
  }
  throw new Error('redis-server did not start');
}, 20_000);

afterAll(() => {
  redis.kill('SIGKILL');
});

const stores: Array<[string, () => RateLimitStore]> = [
  ['MemoryStore', () => new MemoryStore()],
  ['RedisStore', () => new RedisStore({ url: `redis://127.0.0.1:${redisPort}/0`, keyPrefix: `t${crypto.randomUUID()}:` })],
];

describe.each(stores)('%s', (_name, make) => {
  it('should count requests in a fixed window and reset after it', async () => {
    const store = make();
    expect(await store.hit('alice', 300)).toMatchObject({ count: 1 });
    expect((await store.hit('alice', 300)).count).toBe(2);
    const third = await store.hit('alice', 300);
    expect(third.count).toBe(3);
    expect(third.resetMs).toBeGreaterThan(0);
    expect(third.resetMs).toBeLessThanOrEqual(300);
    expect((await store.hit('bob', 300)).count).toBe(1);
    await sleep(350);
    expect((await store.hit('alice', 300)).count).toBe(1);
    await store.close?.();
  });

  it('should count 50 concurrent hits exactly', async () => {
    const store = make();
    const counts = await Promise.all(Array.from({ length: 50 }, () => store.hit('burst', 5_000)));
    expect(counts.map((result) => result.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await store.close?.();
  });

  it('should take and give back stream slots, never below zero, and expire lost slots', async () => {
    const store = make();
    expect(await store.acquire('s', 5_000)).toBe(1);
    expect(await store.acquire('s', 5_000)).toBe(2);
    await store.release('s');
    await store.release('s');
    await store.release('s');
    expect(await store.acquire('s', 200)).toBe(1);
    await sleep(300);
    expect(await store.acquire('s', 5_000)).toBe(1);
    await store.close?.();
  });
});

describe('RedisStore', () => {
  it('should read replies split across network reads', async () => {
    const store = new RedisStore({ url: `redis://127.0.0.1:${redisPort}/0`, keyPrefix: `${'k'.repeat(70_000)}:` });
    expect((await store.hit('long', 5_000)).count).toBe(1);
    await store.close();
  });

  it('should reconnect after the server drops the connection', async () => {
    const store = new RedisStore({ url: `redis://127.0.0.1:${redisPort}/0`, keyPrefix: `r${crypto.randomUUID()}:` });
    expect((await store.hit('x', 5_000)).count).toBe(1);
    execFileSync('redis-cli', ['-p', String(redisPort), 'CLIENT', 'KILL', 'TYPE', 'normal']);
    await sleep(50);
    expect((await store.hit('x', 5_000)).count).toBe(2);
    await store.close();
  });

  it('should never put the password in an error message', async () => {
    const store = new RedisStore({ url: 'redis://:s3cret-pa55@127.0.0.1:1/0', connectTimeoutMs: 500 });
    const error = await store.hit('x', 1_000).then(
      () => new Error('expected a failure'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/Could not connect to Redis at 127\.0\.0\.1:1/);
    expect(error.message).not.toContain('s3cret');
    await store.close();
  });
});

describe('two proxy replicas sharing a RedisStore', () => {
  it('should enforce one request limit across both', async () => {
    const { startReplayServer, loadJson } = await import('../support/replay-server.js');
    const { configFor, chat, startProxy } = await import('./support.js');
    const upstream = await startReplayServer();
    upstream.enqueue({ json: loadJson('openai/text') });
    const prefix = `replicas${crypto.randomUUID()}:`;
    const replicas = await Promise.all(
      [0, 1].map(() =>
        startProxy(
          configFor(upstream, {
            authorize: () => 'shared-client',
            rateLimit: { requestsPerMinute: 3, store: new RedisStore({ url: `redis://127.0.0.1:${redisPort}/0`, keyPrefix: prefix }) },
          }),
        ),
      ),
    );
    const statuses: number[] = [];
    for (const replica of [...replicas, ...replicas]) {
      const response = await fetch(`${replica.url}/openai/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chat()),
      });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(upstream.requests).toHaveLength(3);
    await Promise.all(replicas.map((replica) => replica.close()));
    await upstream.close();
  });
});
