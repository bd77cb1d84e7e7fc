import { describe, expect, it } from 'vitest';
import { AbortError, ConfigError, HayloftError, ModelLoadError, ProviderError, ToolError } from '../../src/index.js';

describe('HayloftError', () => {
  it('should recognise errors by marker, also from another copy of the SDK', () => {
    const error = new ProviderError('rate limited', { status: 429, retryAfter: 2 });
    // What a second bundled copy would throw: same markers, different class identity.
    const foreign = Object.assign(Object.create(Error.prototype) as Error, { message: 'x' });
    Object.defineProperty(foreign, Symbol.for('hayloft.error'), { value: true });
    Object.defineProperty(foreign, Symbol.for('hayloft.error.provider'), { value: true });
    expect(HayloftError.isInstance(error)).toBe(true);
    expect(ProviderError.isInstance(foreign)).toBe(true);
    expect(AbortError.isInstance(foreign)).toBe(false);
    expect(ProviderError.isInstance(new Error('plain'))).toBe(false);
    expect(error.kind).toBe('provider');
  });

  it('should derive isRetryable from the status', () => {
    const retryable = [408, 409, 429, 500, 503].map((status) => new ProviderError('x', { status }).isRetryable);
    const final = [400, 401, 403, 404, 422].map((status) => new ProviderError('x', { status }).isRetryable);
    expect(retryable).toEqual([true, true, true, true, true]);
    expect(final).toEqual([false, false, false, false, false]);
    expect(new ProviderError('x', { code: 'network_error' }).isRetryable).toBe(true);
    expect(new ProviderError('x', { code: 'stream_error' }).isRetryable).toBe(false);
  });

  it('should give each subclass its own kind and name', () => {
    const errors = [new AbortError(), new ConfigError('c'), new ToolError('t', { toolName: 'x' }), new ModelLoadError('m', { model: 'tiny' })];
    expect(errors.map((e) => [e.name, e.kind])).toEqual([
      ['AbortError', 'abort'],
      ['ConfigError', 'config'],
      ['ToolError', 'tool'],
      ['ModelLoadError', 'model-load'],
    ]);
    expect(errors.every((e) => e instanceof HayloftError && e instanceof Error)).toBe(true);
  });
});
