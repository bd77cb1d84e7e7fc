import { describe, expect, it } from 'vitest';
import { readRetryAfter } from '../../src/core/retry-after.js';

describe('readRetryAfter', () => {
  it('should read milliseconds first, then seconds, then an HTTP date', () => {
    expect(readRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(0.25);
    expect(readRetryAfter(new Headers({ 'x-ms-retry-after-ms': '1500' }))).toBe(1.5);
    expect(readRetryAfter(new Headers({ 'retry-after': '7' }))).toBe(7);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(readRetryAfter(new Headers({ 'retry-after': inTenSeconds }))).toBeGreaterThan(8);
    expect(readRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(readRetryAfter(undefined)).toBeUndefined();
  });
});
