/**
 * Tells whether a server-sent-event stream ended with `data: [DONE]`.
 *
 * The `openai` client consumes `[DONE]` without saying so, and a stream that stops without it was cut
 * off. The generator's `fetch` wrapper passes each streamed response body through a watcher that keeps
 * only the last few bytes, so the check costs O(1) per network read.
 */
const tailSize = 32;
const doneAtEnd = /data:\s*\[DONE\]\s*$/;
const decoder = new TextDecoder();

/** The header a generator sets on a streaming request so its fetch wrapper can find the watcher. */
export const streamIdHeader = 'x-hayloft-stream-id';

/** Watches one response body. */
export class StreamEndWatcher {
  #tail = new Uint8Array(0);
  /** True once the body ended and its last event was `[DONE]`. */
  sawDone = false;

  /** Wraps a body; bytes pass through unchanged. */
  wrap(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    return body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        // Checked on every read, not only at the end: the client stops reading right after [DONE],
        // so the body may never be drained to its end.
        transform: (chunk, controller) => {
          this.#remember(chunk);
          this.sawDone = doneAtEnd.test(decoder.decode(this.#tail));
          controller.enqueue(chunk);
        },
      }),
    );
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
 * A `fetch` for the `openai` client: requests marked with {@link streamIdHeader} get their body watched
 * by the registered {@link StreamEndWatcher}; the marker header never leaves the process.
 */
export const createWatchingFetch = (base: Fetch, watchers: Map<string, StreamEndWatcher>): Fetch =>
  async function watchingFetch(input, init) {
    const headers = new Headers(init?.headers);
    const id = headers.get(streamIdHeader);
    if (id === null) return base(input, init);
    headers.delete(streamIdHeader);
    const response = await base(input, { ...init, headers });
    const watcher = watchers.get(id);
    if (!watcher || !response.ok || response.body === null) return response;
    return new Response(watcher.wrap(response.body), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
