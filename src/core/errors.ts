/**
 * One error hierarchy for the whole SDK.
 *
 * Each class carries a `Symbol.for` marker and a static `isInstance`, so checks still work when two
 * copies of hayloft end up in one bundle (where `instanceof` fails). Messages say what to do next and
 * never contain a key, a header or a request body.
 */

import type { ChatMessage } from './chat-message.js';

const hayloftMarker = Symbol.for('hayloft.error');

/** The error kinds hayloft throws, as a discriminant for `switch` statements. */
export type HayloftErrorKind = 'hayloft' | 'provider' | 'abort' | 'config' | 'tool' | 'model-load';

const kindMarker = (kind: HayloftErrorKind): symbol => Symbol.for(`hayloft.error.${kind}`);

/** Options accepted by every hayloft error. */
export interface HayloftErrorOptions {
  /** The underlying error, kept for debugging; never shown to end users. */
  cause?: unknown;
}

/** Base class of every error hayloft throws. */
export class HayloftError extends Error {
  /** Which subclass this is, stable across bundle copies. */
  readonly kind: HayloftErrorKind = 'hayloft';
  /**
   * What a broken-off stream had produced before the error (one reply per choice), so nothing is lost.
   * Set by generators on `ProviderError` and `AbortError`; undefined when nothing had started.
   */
  replies: readonly ChatMessage[] | undefined;

  constructor(message: string, options: HayloftErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HayloftError';
    this.replies = undefined;
    Object.defineProperty(this, hayloftMarker, { value: true });
  }

  /** True for any hayloft error, even one thrown by another copy of the SDK. */
  static isInstance(error: unknown): error is HayloftError {
    return typeof error === 'object' && error !== null && hayloftMarker in error;
  }

  protected mark(kind: HayloftErrorKind): void {
    Object.defineProperty(this, kindMarker(kind), { value: true });
    Object.defineProperty(this, 'kind', { value: kind, enumerable: true });
  }
}

const hasKind = (error: unknown, kind: HayloftErrorKind): boolean =>
  typeof error === 'object' && error !== null && kindMarker(kind) in error;

/** Options of a {@link ProviderError}. */
export interface ProviderErrorOptions extends HayloftErrorOptions {
  /** HTTP status of the provider's answer; absent for network failures and in-stream errors. */
  status?: number | undefined;
  /** The provider's machine-readable code (`rate_limit_exceeded`, `content_filter`, ...). */
  code?: string | undefined;
  /** The provider's error type, when it sends one (`invalid_request_error`, ...). */
  type?: string | undefined;
  /** Seconds to wait before retrying, from `Retry-After` (or `retry-after-ms`). */
  retryAfter?: number | undefined;
  /** Which provider answered (`openai`, `azure`, `stackit`, `huggingface`, ...). */
  provider?: string | undefined;
  /** The provider's request id, for support tickets. */
  requestId?: string | undefined;
}

/** A provider answered with an error, the connection failed, or a stream broke off. */
export class ProviderError extends HayloftError {
  /** HTTP status, when the provider answered. */
  readonly status: number | undefined;
  /** The provider's machine-readable error code. */
  readonly code: string | undefined;
  /** The provider's error type. */
  readonly type: string | undefined;
  /** Seconds to wait before a retry is worth it. */
  readonly retryAfter: number | undefined;
  /** Which provider answered. */
  readonly provider: string | undefined;
  /** The provider's request id. */
  readonly requestId: string | undefined;

  constructor(message: string, options: ProviderErrorOptions = {}) {
    super(message, options);
    this.name = 'ProviderError';
    this.status = options.status;
    this.code = options.code;
    this.type = options.type;
    this.retryAfter = options.retryAfter;
    this.provider = options.provider;
    this.requestId = options.requestId;
    this.mark('provider');
  }

  /** Whether retrying the same request can succeed: network failures, 408, 409, 429 and 5xx. */
  get isRetryable(): boolean {
    const { status } = this;
    if (status === undefined) return this.code === 'network_error' || this.code === 'timeout';
    return status === 408 || status === 409 || status === 429 || status >= 500;
  }

  /** True for a provider error from any copy of hayloft. */
  static override isInstance(error: unknown): error is ProviderError {
    return hasKind(error, 'provider');
  }
}

/** The caller aborted the request (an `AbortSignal` fired or `stop()` was called). */
export class AbortError extends HayloftError {
  constructor(message = 'The request was aborted.', options: HayloftErrorOptions = {}) {
    super(message, options);
    this.name = 'AbortError';
    this.mark('abort');
  }

  /** True for an abort from any copy of hayloft. */
  static override isInstance(error: unknown): error is AbortError {
    return hasKind(error, 'abort');
  }
}

/** The SDK was configured wrongly: a missing key, an invalid option, an unknown type name. */
export class ConfigError extends HayloftError {
  constructor(message: string, options: HayloftErrorOptions = {}) {
    super(message, options);
    this.name = 'ConfigError';
    this.mark('config');
  }

  /** True for a configuration error from any copy of hayloft. */
  static override isInstance(error: unknown): error is ConfigError {
    return hasKind(error, 'config');
  }
}

/** Options of a {@link ToolError}. */
export interface ToolErrorOptions extends HayloftErrorOptions {
  /** The tool that failed or was not found. */
  toolName?: string | undefined;
}

/** A tool could not be found, its arguments were invalid, or its `invoke` threw. */
export class ToolError extends HayloftError {
  /** The tool involved. */
  readonly toolName: string | undefined;

  constructor(message: string, options: ToolErrorOptions = {}) {
    super(message, options);
    this.name = 'ToolError';
    this.toolName = options.toolName;
    this.mark('tool');
  }

  /** True for a tool error from any copy of hayloft. */
  static override isInstance(error: unknown): error is ToolError {
    return hasKind(error, 'tool');
  }
}

/** A local model could not be found, downloaded or started. */
export class ModelLoadError extends HayloftError {
  /** The model that failed to load. */
  readonly model: string | undefined;

  constructor(message: string, options: HayloftErrorOptions & { model?: string } = {}) {
    super(message, options);
    this.name = 'ModelLoadError';
    this.model = options.model;
    this.mark('model-load');
  }

  /** True for a model-load error from any copy of hayloft. */
  static override isInstance(error: unknown): error is ModelLoadError {
    return hasKind(error, 'model-load');
  }
}
