import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, Secret } from '../../src/index.js';

describe('Secret', () => {
  afterEach(() => {
    delete process.env.HAYLOFT_TEST_KEY;
    delete process.env.HAYLOFT_TEST_KEY_2;
  });

  it('should resolve the first set environment variable', () => {
    process.env.HAYLOFT_TEST_KEY_2 = 'second';
    expect(Secret.fromEnvVar(['HAYLOFT_TEST_KEY', 'HAYLOFT_TEST_KEY_2']).resolve()).toBe('second');
    process.env.HAYLOFT_TEST_KEY = 'first';
    expect(Secret.fromEnvVar(['HAYLOFT_TEST_KEY', 'HAYLOFT_TEST_KEY_2']).resolve()).toBe('first');
  });

  it('should throw for a strict secret with nothing set and return undefined when not strict', () => {
    expect(() => Secret.fromEnvVar('HAYLOFT_TEST_KEY').resolve()).toThrow(
      /None of the following authentication environment variables are set: HAYLOFT_TEST_KEY/,
    );
    expect(Secret.fromEnvVar('HAYLOFT_TEST_KEY', { strict: false }).resolve()).toBeUndefined();
  });

  it("should write Haystack's env-var dict and read it back", () => {
    const secret = Secret.fromEnvVar(['A', 'B'], { strict: false });
    expect(secret.toDict()).toEqual({ type: 'env_var', env_vars: ['A', 'B'], strict: false });
    expect(Secret.fromDict(secret.toDict()).toDict()).toEqual(secret.toDict());
  });

  it("should refuse to serialise a token, with Haystack's message, and never print it", () => {
    const secret = Secret.fromToken('sk-live-123456789');
    expect(() => secret.toDict()).toThrow(
      'Cannot serialize token-based secret. Use an alternative secret type like environment variables.',
    );
    expect(() => Secret.fromDict({ type: 'token', env_vars: null, strict: false })).toThrow(ConfigError);
    expect(JSON.stringify({ secret })).not.toContain('sk-live');
    expect(secret.toString()).not.toContain('sk-live');
    expect(inspect(secret)).not.toContain('sk-live');
    expect(secret.resolve()).toBe('sk-live-123456789');
  });
});
