/**
 * Where the proxy counts requests and open streams per client. In memory by default; a shared store
 * (Redis) when several proxy replicas must agree. Implementations must be safe under concurrent calls.
 */
export interface RateLimitStore {
  /**
   * Counts one request for `key` in a fixed window of `windowMs` and returns the count so far in the
   * current window (this one included) and the milliseconds until the window resets.
   */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  /**
   * Takes one concurrent-stream slot for `key` and returns how many are taken now (this one included).
   * Slots expire after `ttlMs` in case a replica dies without releasing them.
   */
  acquire(key: string, ttlMs: number): Promise<number>;
  /** Gives back a slot taken with `acquire`. */
  release(key: string): Promise<void>;
  /** Frees resources (connections, timers). */
  close?(): Promise<void>;
}
