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

/** Where a relay writes: the client's response, as a web stream or a Node socket. */
export interface RelaySink {
  write(bytes: Uint8Array): void;
  /** Ends the response; after an error event, or when the upstream finished. */
  end(): void;
  /** True while the relay is not reading because the client has not taken what it was sent. */
  waitingOnClient(): boolean;
}

/** One relayed stream, driven by its transport as the upstream's bytes arrive and the client goes. */
export interface Relay {
  /** True once the relay has ended, for any reason. */
  readonly ended: boolean;
  /** Upstream bytes: written to the client as they are. */
  data(bytes: Uint8Array): void;
  /** The upstream body ended normally. */
  complete(): void;
  /** The upstream connection broke off before the end of the body. */
  broken(): void;
  /** The client went away. */
  clientGone(): void;
}

const encoder = new TextEncoder();
const ping = encoder.encode(': ping\n\n');
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

// Usage arrives in the last chunk or two: the relay keeps references to the chunks that make up the
// last 4 KB and decodes them once, at the end, so a chunk costs no decoding on the way through.
const tailBytes = 4096;

const errorEvent = (code: RelayEnd, message: string, options: RelayOptions): Uint8Array =>
  encoder.encode(
    `event: error\ndata: ${JSON.stringify({ error: { code, message, provider: options.provider, request_id: options.requestId } })}\n\n`,
  );

/**
 * The relay's rules, apart from any transport: every upstream chunk is written as it arrives (no
 * buffering); a `: ping` comment goes out while the upstream is silent; the stream ends with an
 * `error` event (and no `[DONE]`) if the upstream drops, stalls, runs out of time or the server shuts
 * down; the upstream is aborted as soon as the stream ends early. One timer per stream, re-armed only
 * when it fires, keeps a chunk's cost to a clock read.
 */
export const startRelay = (options: RelayOptions, sink: RelaySink): Relay => {
  let ended = false;
  const pingEvery = Math.max(10, options.pingIntervalMs);
  let lastRead = Date.now();
  let lastWrite = lastRead;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const recent: Uint8Array[] = [];
  let recentBytes = 0;

  const usage = (): TokenUsage | null => {
    const bytes = new Uint8Array(recentBytes);
    let at = 0;
    for (const chunk of recent) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return findUsage(new TextDecoder().decode(bytes));
  };

  const finish = (end: RelayEnd, message?: string): void => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    options.shutdown?.removeEventListener('abort', onShutdown);
    if (end !== 'complete') options.abortUpstream();
    if (message !== undefined) sink.write(errorEvent(end, message, options));
    if (end !== 'client_closed') sink.end();
    options.onEnd(end, usage());
  };

  const wake = (): void => {
    if (ended) return;
    const now = Date.now();
    if (now >= options.deadline) return finish('upstream_timeout', 'The request took too long and was ended.');
    // A slow client holds the upstream back (backpressure): that is not the upstream going quiet.
    if (sink.waitingOnClient()) lastRead = now;
    if (now - lastRead >= options.idleMs) return finish('upstream_idle_timeout', `${options.provider} stopped sending; the stream was ended.`);
    if (now - lastWrite >= pingEvery) {
      sink.write(ping);
      lastWrite = now;
    }
    const due = Math.min(options.deadline, lastRead + options.idleMs, lastWrite + pingEvery);
    timer = setTimeout(wake, Math.max(1, due - now));
  };
  const onShutdown = (): void => finish('server_shutdown', 'The proxy is shutting down; retry the request.');

  options.shutdown?.addEventListener('abort', onShutdown, { once: true });
  wake();

  return {
    get ended() {
      return ended;
    },
    data(bytes) {
      if (ended) return;
      lastRead = lastWrite = Date.now();
      recent.push(bytes);
      recentBytes += bytes.byteLength;
      while (recent.length > 1 && recentBytes - (recent[0]?.byteLength ?? 0) >= tailBytes) recentBytes -= recent.shift()?.byteLength ?? 0;
      sink.write(bytes);
    },
    complete: () => finish('complete'),
    broken: () => finish('upstream_disconnected', `The connection to ${options.provider} broke off mid-stream.`),
    clientGone: () => finish('client_closed'),
  };
};

/**
 * Relays an upstream server-sent-event body as a web stream, for runtimes that answer with a
 * `Response` (edge runtimes, Next.js): reads the upstream only as fast as the client takes it.
 */
export const relayEventStream = (upstream: ReadableStream<Uint8Array>, options: RelayOptions): ReadableStream<Uint8Array> => {
  const reader = upstream.getReader();
  let relay: Relay | undefined;
  // The relay reads only when the client pulls: between pulls it waits on the client.
  let reading = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const abortUpstream = (): void => {
          options.abortUpstream();
          void reader.cancel().catch(() => undefined);
        };
        relay = startRelay({ ...options, abortUpstream }, {
          write: (bytes) => {
            try {
              controller.enqueue(bytes);
            } catch {
              // the client is already gone
            }
          },
          end: () => {
            try {
              controller.close();
            } catch {
              // the client is already gone
            }
          },
          waitingOnClient: () => !reading,
        });
      },
      async pull() {
        if (!relay || relay.ended) return;
        let result: Awaited<ReturnType<typeof reader.read>>;
        reading = true;
        try {
          result = await reader.read();
        } catch {
          relay.broken();
          return;
        } finally {
          reading = false;
        }
        if (result.done) relay.complete();
        else relay.data(result.value);
      },
      cancel() {
        relay?.clientGone();
      },
    },
    { highWaterMark: 0 },
  );
};
