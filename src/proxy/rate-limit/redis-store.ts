import { RespClient } from './resp-client.js';
import type { RateLimitStore } from './store.js';

// Each script runs atomically on the server, so replicas never race between INCR and PEXPIRE.
const hitScript = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

const acquireScript = `
local count = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return count`;

const releaseScript = `
local count = redis.call('DECR', KEYS[1])
if count <= 0 then redis.call('DEL', KEYS[1]) end
return count`;

/** Options of {@link RedisStore}. */
export interface RedisStoreOptions {
  /** `redis://[:password@]host:port[/db]`. */
  url: string;
  /** Prefix for every key; default `hayloft:`. */
  keyPrefix?: string;
  connectTimeoutMs?: number;
}

/**
 * A rate-limit store in Redis, so that every replica of the proxy counts the same requests and streams.
 * Node only (it speaks Redis's protocol over `node:net`); exported from `hayloft/proxy/node`.
 *
 * @example
 * serveProxy({ ...config, rateLimit: { requestsPerMinute: 60, store: new RedisStore({ url: process.env.REDIS_URL! }) } });
 */
export class RedisStore implements RateLimitStore {
  readonly #client: RespClient;
  readonly #prefix: string;

  constructor(options: RedisStoreOptions) {
    this.#client = new RespClient(options.url, options.connectTimeoutMs);
    this.#prefix = options.keyPrefix ?? 'hayloft:';
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const reply = await this.#client.command(['EVAL', hitScript, 1, `${this.#prefix}hit:${key}`, Math.ceil(windowMs)]);
    const [count, ttl] = reply as [number, number];
    return { count, resetMs: Math.max(0, ttl) };
  }

  async acquire(key: string, ttlMs: number): Promise<number> {
    return (await this.#client.command(['EVAL', acquireScript, 1, `${this.#prefix}slots:${key}`, Math.ceil(ttlMs)])) as number;
  }

  async release(key: string): Promise<void> {
    await this.#client.command(['EVAL', releaseScript, 1, `${this.#prefix}slots:${key}`]);
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}
