/** How a relayed stream ended, for the log. */
export type RelayEnd = 'complete' | 'client_closed' | 'upstream_disconnected' | 'upstream_idle_timeout' | 'upstream_timeout' | 'server_shutdown';

/** Settings of one relayed stream. */
export interface RelayOptions {
  pingIntervalMs: number;
  idleMs: number;
  /** When the whole request must be over (epoch ms). */
  deadline: number;
  requestId: string;
  provider: string;
  /** Aborts the upstream request. */
  abortUpstream: () => void;
  /** Called once, when the relay ends for any reason, with the token usage the stream reported, if any. */
  onEnd: (end: RelayEnd, usage: TokenUsage | null) => void;
  /** Fires when the server shuts down and live streams must end. */
  shutdown?: AbortSignal | undefined;
}

/** Token counts as providers report them (`usage` in the last chunk of a stream). */
export interface TokenUsage {
  prompt_tokens: number | null;
  completion_tokens: number | null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const usageStart = /"usage"\s*:\s*\{/g;

/** The last usage numbers in a piece of a stream or body (either key order), for the log. */
export const findUsage = (text: string): TokenUsage | null => {
  let last = -1;
  for (const match of text.matchAll(usageStart)) last = match.index;
  if (last === -1) return null;
  const near = text.slice(last, last + 400);
  const prompt = /"prompt_tokens"\s*:\s*(\d+)/.exec(near)?.[1];
  const completion = /"completion_tokens"\s*:\s*(\d+)/.exec(near)?.[1];
  if (prompt === undefined && completion === undefined) return null;
  return { prompt_tokens: prompt === undefined ? null : Number(prompt), completion_tokens: completion === undefined ? null : Number(completion) };
};

// Usage arrives in the last chunk or two: keeping the last 4 KB read is enough, and costs O(1) per read.
const tailBytes = 4096;

const errorEvent = (code: RelayEnd, message: string, options: RelayOptions): Uint8Array =>
  encoder.encode(
    `event: error\ndata: ${JSON.stringify({ error: { code, message, provider: options.provider, request_id: options.requestId } })}\n\n`,
  );

/**
 * Passes an upstream server-sent-event body through unchanged and unbuffered: each upstream read is
 * written as it arrives. Adds a `: ping` comment while the upstream is silent, ends with an `error`
 * event (and no `[DONE]`) if the upstream drops, stalls or runs out of time, and aborts the upstream
 * as soon as the client goes away.
 */
export const relayEventStream = (upstream: ReadableStream<Uint8Array>, options: RelayOptions): ReadableStream<Uint8Array> => {
  const reader = upstream.getReader();
  let ended = false;
  let ping: ReturnType<typeof setInterval> | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let total: ReturnType<typeof setTimeout> | undefined;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;
  let lastWrite = Date.now();
  let tail = '';

  const finish = (end: RelayEnd, message?: string): void => {
    if (ended) return;
    ended = true;
    clearInterval(ping);
    clearTimeout(idle);
    clearTimeout(total);
    options.shutdown?.removeEventListener('abort', onShutdown);
    if (end !== 'complete') {
      options.abortUpstream();
      void reader.cancel().catch(() => undefined);
    }
    if (message !== undefined && controllerRef) {
      try {
        controllerRef.enqueue(errorEvent(end, message, options));
        controllerRef.close();
      } catch {
        // the client is already gone
      }
    }
    options.onEnd(end, findUsage(tail));
  };

  const armIdle = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => finish('upstream_idle_timeout', `${options.provider} stopped sending; the stream was ended.`), options.idleMs);
  };
  const onShutdown = (): void => finish('server_shutdown', 'The proxy is shutting down; retry the request.');

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controllerRef = controller;
      ping = setInterval(() => {
        if (!ended && Date.now() - lastWrite >= options.pingIntervalMs) {
          controller.enqueue(encoder.encode(': ping\n\n'));
          lastWrite = Date.now();
        }
      }, Math.max(10, Math.floor(options.pingIntervalMs / 2)));
      armIdle();
      total = setTimeout(() => finish('upstream_timeout', 'The request took too long and was ended.'), Math.max(0, options.deadline - Date.now()));
      options.shutdown?.addEventListener('abort', onShutdown, { once: true });
    },
    async pull(controller) {
      if (ended) return;
      let result: Awaited<ReturnType<typeof reader.read>>;
      try {
        result = await reader.read();
      } catch {
        finish('upstream_disconnected', `The connection to ${options.provider} broke off mid-stream.`);
        return;
      }
      if (ended) return;
      if (result.done) {
        finish('complete');
        controller.close();
        return;
      }
      armIdle();
      lastWrite = Date.now();
      tail = (tail + decoder.decode(result.value, { stream: true })).slice(-tailBytes);
      controller.enqueue(result.value);
    },
    cancel() {
      finish('client_closed');
    },
  }, { highWaterMark: 0 });
};
