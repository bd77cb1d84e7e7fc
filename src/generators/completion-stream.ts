import { AbortError, type HayloftError, type StreamEnd, type StreamingChunk } from '../core/index.js';
import { ChunkConverter, type WireChunk } from './convert-chunk.js';
import type { OpenAISdk } from './load-openai.js';
import { ServerSentEventDecoder, type ServerSentEvent } from './sse-decoder.js';
import { toProviderError } from './to-provider-error.js';

/** Error context of one request. */
export interface RequestContext {
  provider: string;
  secrets: readonly string[];
  signal?: AbortSignal | undefined;
}

/**
 * One streamed completion: reads the provider's server-sent events from the response body the
 * `openai` client fetched (requests, retries and HTTP errors stay the client's), converts them, maps
 * failures to hayloft's errors and knows how the stream ended. It decodes a network read at a time
 * (see `ServerSentEventDecoder`), where the client's own stream takes two async-generator steps per
 * event, and parses an event only when asked for its chunk, from a plain loop (in a page's first
 * answer, before the code is optimised, a generator step per event made the read loop a fifth
 * slower). It keeps the client's rules: `[DONE]` ends the stream, an `error` event or a payload with
 * an `error` field is an `APIError`, malformed JSON is a `SyntaxError`. Shared by `stream()` (pull)
 * and `run()` (push to a callback).
 */
export class CompletionStream {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new ServerSentEventDecoder();
  readonly #converter: ChunkConverter;
  readonly #headers: Headers;
  #ended = false;
  #error: unknown;
  #sawDone = false;
  #readAtMs = Date.now();
  #readAtIso: string | undefined;

  constructor(
    response: Response,
    private readonly sdk: OpenAISdk,
    private readonly context: RequestContext,
  ) {
    if (response.body === null) throw new TypeError('The streamed response has no body.');
    this.#reader = response.body.getReader();
    this.#headers = response.headers;
    // Many chunks arrive in one network read: they share the read's timestamp.
    this.#converter = new ChunkConverter(() => (this.#readAtIso ??= new Date(this.#readAtMs).toISOString()));
  }

  /** True once the stream is over: `[DONE]`, the end of the body, or a failure. */
  get done(): boolean {
    return this.#ended;
  }

  /** Set when the stream failed (after the chunks read before it): pass it through {@link CompletionStream.fail}. */
  get error(): unknown {
    return this.#error;
  }

  /**
   * The events of the next network read(s) that complete at least one event; empty at the end. Pass
   * each to {@link CompletionStream.payload} in order, so the first chunk of a large read does not
   * wait for the rest to be parsed.
   */
  async read(): Promise<readonly ServerSentEvent[]> {
    while (!this.#ended) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await this.#reader.read();
      } catch (error) {
        this.#fail(error);
        return [];
      }
      if (result.done) {
        this.#ended = true;
      } else {
        this.#readAtMs = Date.now();
        this.#readAtIso = undefined;
      }
      const events = this.#decoder.decode(result.done ? undefined : result.value, result.done);
      if (events.length > 0) return events;
    }
    return [];
  }

  /**
   * The provider chunk an event carries, parsed; `undefined` where the stream ends at this event
   * (`[DONE]`, an error, malformed JSON, JSON that is not an object): stop there, then check
   * {@link CompletionStream.error} and {@link CompletionStream.done}.
   */
  payload(event: ServerSentEvent): unknown {
    if (this.#sawDone || this.#error !== undefined) return undefined;
    if (event.data === '[DONE]') {
      // Whatever follows [DONE] is ignored, as the client does; the body is let go in close().
      this.#sawDone = true;
      this.#ended = true;
      return undefined;
    }
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      this.#fail(new SyntaxError('Error reading response: malformed server-sent event JSON.'));
      return undefined;
    }
    const isObject = typeof data === 'object' && data !== null;
    const inner = isObject ? (data as { error?: unknown }).error : undefined;
    if (event.event === 'error' || Boolean(inner)) {
      // Whatever an error event carries (`data: "overloaded"` too) is the provider's error, as the client has it.
      this.#fail(new this.sdk.APIError(undefined, (inner ?? data) as object | undefined, undefined, this.#headers));
      return undefined;
    }
    if (!isObject) {
      // `data: null` or `data: 42` is no chunk: said as such, where it used to throw a bare TypeError
      // (null) or pass unnoticed (numbers, strings).
      this.#fail(new SyntaxError('Error reading response: a server-sent event is not a JSON object.'));
      return undefined;
    }
    return data;
  }

  #fail(error: unknown): void {
    this.#error = error;
    this.#ended = true;
  }

  /** hayloft chunks for one provider chunk (one per choice; none for filter-only chunks). */
  convert(value: unknown): StreamingChunk[] {
    return this.#converter.convert(value as WireChunk);
  }

  /** hayloft's error for a failed read. */
  fail(error: unknown): HayloftError {
    return toProviderError(error, this.sdk, this.context);
  }

  /** How the stream ended; call once `read()` said done. Throws `AbortError` if the caller aborted. */
  end(): StreamEnd {
    // A caller's abort can end the body quietly; say so.
    if (this.context.signal?.aborted) throw new AbortError('The request was aborted; the text received so far is kept.');
    return { completed: this.#sawDone };
  }

  /** Stops reading and lets the connection go if the body is still open. */
  async close(): Promise<void> {
    this.#ended = true;
    await this.#reader.cancel().catch(() => undefined);
  }
}
