import { ChatMessage, OpenAIChatGenerator, type ChatGenerator } from 'hayloft';

/** One scripted answer: recorded chunks, replayed over a real `Response` stream. */
export interface ReplayScript {
  /** A `.chunks.txt` fixture's text (one chunk JSON per line), or chunk objects. */
  chunks: string | readonly unknown[];
  /** Pause between chunks, in ms (default 30: a readable stream in a story). */
  delayMs?: number;
  /** Stop sending after this many chunks and keep the stream open (a reply mid-stream). */
  hangAfter?: number;
  /** Fail the connection after this many chunks (a network error mid-stream). */
  cutAfter?: number;
}

const toChunks = (chunks: string | readonly unknown[]): unknown[] =>
  typeof chunks === 'string'
    ? chunks
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as unknown)
    : [...chunks];

const sleep = (ms: number, signal: AbortSignal | null | undefined) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * A `fetch` that answers chat-completion requests with recorded provider streams, one script per
 * request: the real `openai` client, conversion and assembly run on it, with no server.
 */
export const replayFetch = (scripts: readonly ReplayScript[]): typeof fetch => {
  let next = 0;
  return (_input, init) => {
    const script = scripts[Math.min(next, scripts.length - 1)];
    next += 1;
    if (!script) return Promise.resolve(new Response('no script', { status: 500 }));
    const chunks = toChunks(script.chunks);
    const encoder = new TextEncoder();
    const signal = init?.signal;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (const [index, chunk] of chunks.entries()) {
          if (signal?.aborted) return;
          if (script.cutAfter !== undefined && index >= script.cutAfter) {
            controller.error(new TypeError('network error'));
            return;
          }
          if (script.hangAfter !== undefined && index >= script.hangAfter) return;
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`));
          await sleep(script.delayMs ?? 30, signal);
        }
        controller.enqueue(encoder.encode('data: [DONE]\n\n'));
        controller.close();
      },
    });
    signal?.addEventListener('abort', () => void body.cancel().catch(() => undefined));
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
  };
};

/** An `OpenAIChatGenerator` whose requests are answered by {@link replayFetch}. */
export const replayGenerator = (...scripts: ReplayScript[]): ChatGenerator =>
  new OpenAIChatGenerator({ apiBaseUrl: 'https://replay.invalid/v1', maxRetries: 0, fetch: replayFetch(scripts) });

/** A short conversation to start stories from. */
export const conversation = (pairs: number): ChatMessage[] =>
  Array.from({ length: pairs }, (_, i) => [
    ChatMessage.fromUser(`Question ${i + 1}: how does BM25 rank documents?`),
    ChatMessage.fromAssistant(
      `BM25 scores a document by how often the **query terms** appear in it, with two corrections:\n\n1. Term frequency *saturates* (parameter \`k1\`).\n2. Long documents are normalised (parameter \`b\`).\n\nAnswer ${i + 1}.`,
    ),
  ]).flat();
