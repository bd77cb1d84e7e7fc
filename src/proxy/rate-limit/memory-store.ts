import type { RateLimitStore } from './store.js';

interface Bucket {
  count: number;
  resetAt: number;
}

/**
 * The default rate-limit store: counts in this process's memory, so limits hold per replica. Expired
 * entries are swept, so memory stays bounded with many clients. Runs on any runtime.
 */
export class MemoryStore implements RateLimitStore {
  readonly #windows = new Map<string, Bucket>();
  readonly #slots = new Map<string, { count: number; expiresAt: number }>();
  readonly #sweeper: ReturnType<typeof setInterval>;

  constructor(sweepIntervalMs = 60_000) {
    this.#sweeper = setInterval(() => this.#sweep(), sweepIntervalMs);
    (this.#sweeper as { unref?: () => void }).unref?.();
  }

  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const now = Date.now();
    let bucket = this.#windows.get(key);
    if (bucket === undefined || bucket.resetAt <= now) {
      bucket = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, bucket);
    }
    bucket.count += 1;
    return Promise.resolve({ count: bucket.count, resetMs: bucket.resetAt - now });
  }

  acquire(key: string, ttlMs: number): Promise<number> {
    const now = Date.now();
    const slot = this.#slots.get(key);
    const count = slot !== undefined && slot.expiresAt > now ? slot.count + 1 : 1;
    this.#slots.set(key, { count, expiresAt: now + ttlMs });
    return Promise.resolve(count);
  }

  release(key: string): Promise<void> {
    const slot = this.#slots.get(key);
    if (slot !== undefined) {
      slot.count = Math.max(0, slot.count - 1);
      if (slot.count === 0) this.#slots.delete(key);
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    clearInterval(this.#sweeper);
    return Promise.resolve();
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, bucket] of this.#windows) if (bucket.resetAt <= now) this.#windows.delete(key);
    for (const [key, slot] of this.#slots) if (slot.expiresAt <= now) this.#slots.delete(key);
  }
}
