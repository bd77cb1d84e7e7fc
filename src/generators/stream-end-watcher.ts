/**
 * Tells whether a server-sent-event stream ended with `data: [DONE]`.
 *
 * The `openai` client consumes `[DONE]` without saying so, and a stream that stops without it was cut
 * off. The generator's `fetch` wrapper watches each streamed response body's reads, keeping only the
 * last few bytes, so the check costs O(1) per network read.
 */
const tailSize = 32;
const doneAtEnd = /data:\s*\[DONE\]\s*$/;
const decoder = new TextDecoder();

/** The `fetchOptions` key through which a streaming request hands its watcher to the fetch wrapper. */
export const watcherKey = 'hayloftStreamEndWatcher';

/** Watches one response body. */
export class StreamEndWatcher {
  #tail = new Uint8Array(0);
  #readAtMs = Date.now();
  #readAtIso: string | undefined;

  /** When the last network read arrived, as an ISO string (formatted once per read at most). */
  get receivedAt(): string {
    this.#readAtIso ??= new Date(this.#readAtMs).toISOString();
    return this.#readAtIso;
  }

  /** True when the last bytes read so far end with the `[DONE]` event (decoded only when asked). */
  get sawDone(): boolean {
    return doneAtEnd.test(decoder.decode(this.#tail));
  }

  /**
   * Watches the reads of a response body. The `openai` client reads through `body.getReader()`, so the
   * reader it gets is wrapped in place: no extra stream layer, one callback per network read.
   */
  watch(body: ReadableStream<Uint8Array>): void {
    const getReader = body.getReader.bind(body) as () => ReadableStreamDefaultReader<Uint8Array>;
    const observe = (result: ReadableStreamReadResult<Uint8Array>): ReadableStreamReadResult<Uint8Array> => {
      if (!result.done) {
        this.#remember(result.value);
        this.#readAtMs = Date.now();
        this.#readAtIso = undefined;
      }
      return result;
    };
    Object.defineProperty(body, 'getReader', {
      configurable: true,
      value: () => {
        const reader = getReader();
        const read = reader.read.bind(reader);
        Object.defineProperty(reader, 'read', { configurable: true, value: () => read().then(observe) });
        return reader;
      },
    });
  }

  #remember(chunk: Uint8Array): void {
    if (chunk.length >= tailSize) {
      this.#tail = chunk.slice(chunk.length - tailSize);
      return;
    }
    const merged = new Uint8Array(Math.min(tailSize, this.#tail.length + chunk.length));
    const keep = merged.length - chunk.length;
    merged.set(this.#tail.subarray(this.#tail.length - keep), 0);
    merged.set(chunk, keep);
    this.#tail = merged;
  }
}

type Fetch = typeof globalThis.fetch;

/**
 * A `fetch` for the `openai` client: a request whose `fetchOptions` carry a {@link StreamEndWatcher}
 * (under {@link watcherKey}) gets its response body watched. The client spreads per-request
 * `fetchOptions` into the `RequestInit`, so no header or lookup table is needed.
 */
export const createWatchingFetch = (base: Fetch): Fetch =>
  async function watchingFetch(input, init) {
    const watcher = (init as Record<string, unknown> | undefined)?.[watcherKey];
    const response = await base(input, init);
    if (watcher instanceof StreamEndWatcher && response.ok && response.body !== null) watcher.watch(response.body);
    return response;
  };
