import { AbortError, type HayloftError, type StreamEnd, type StreamingChunk } from '../core/index.js';
import { ChunkConverter, type WireChunk } from './convert-chunk.js';
import type { OpenAISdk } from './load-openai.js';
import type { StreamEndWatcher } from './stream-end-watcher.js';
import { toProviderError } from './to-provider-error.js';

/** Error context of one request. */
export interface RequestContext {
  provider: string;
  secrets: readonly string[];
  signal?: AbortSignal | undefined;
}

/**
 * One streamed completion: reads the provider's chunks, converts them, maps failures to hayloft's
 * errors and knows how the stream ended. Shared by `stream()` (pull) and `run()` (push to a callback).
 */
export class CompletionStream {
  readonly #iterator: AsyncIterator<unknown>;
  readonly #converter: ChunkConverter;
  #finished = false;

  constructor(
    stream: AsyncIterable<unknown>,
    private readonly watcher: StreamEndWatcher,
    private readonly sdk: OpenAISdk,
    private readonly context: RequestContext,
  ) {
    this.#iterator = stream[Symbol.asyncIterator]();
    // Many chunks arrive in one network read: they share the read's timestamp.
    this.#converter = new ChunkConverter(() => watcher.receivedAt);
  }

  /**
   * The next provider chunk from the client's iterator; pass
   * failures through {@link CompletionStream.fail} and values through {@link CompletionStream.convert}.
   */
  read(): Promise<IteratorResult<unknown>> {
    return this.#iterator.next();
  }

  /** hayloft chunks for one provider chunk (one per choice; none for filter-only chunks). */
  convert(value: unknown): StreamingChunk[] {
    return this.#converter.convert(value as WireChunk);
  }

  /** hayloft's error for a failed read. */
  fail(error: unknown): HayloftError {
    this.#finished = true; // an iterator that threw is closed
    return toProviderError(error, this.sdk, this.context);
  }

  /** How the stream ended; call once `read()` said done. Throws `AbortError` if the caller aborted. */
  end(): StreamEnd {
    this.#finished = true;
    // The client ends quietly when the caller aborts; say so.
    if (this.context.signal?.aborted) throw new AbortError('The request was aborted; the text received so far is kept.');
    return { completed: this.watcher.sawDone };
  }

  /** Stops reading, aborting the request if it is still open. */
  async close(): Promise<void> {
    // A finished stream has cleaned up after itself; returning it again would cancel a released reader.
    if (!this.#finished) await this.#iterator.return?.();
  }
}
