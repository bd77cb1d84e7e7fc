import { Hono } from 'hono';
import { corsPolicy } from './cors.js';
import { mapUpstreamError } from './map-upstream-error.js';
import { assertSafePath, rawPathOf } from './path-guard.js';
import { errorResponse, ProxyError } from './proxy-error.js';
import { MemoryStore } from './rate-limit/memory-store.js';
import type { RateLimitStore } from './rate-limit/store.js';
import { readJsonBody } from './read-json-body.js';
import { matchRoute, type Target } from './routes.js';
import { findUsage, relayEventStream, type RelayEnd, type RelayOptions } from './sse-relay.js';
import type { AuthorizeResult, ProxyConfig, ProxyLogEntry } from './types.js';
import { callUpstream } from './upstream.js';
import { validateGenerationBody, type RequestLimits } from './validate-request.js';

/**
 * What the proxy uses of Node's `ServerResponse`: declared here, structurally, so that edge builds
 * need no Node types.
 */
export interface NodeOutgoing {
  readonly writableFinished: boolean;
  readonly destroyed: boolean;
  writeHead(status: number, headers: Record<string, string>): unknown;
  flushHeaders(): void;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  on(event: 'close' | 'drain', listener: () => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
}

/**
 * Relays a streamed upstream answer straight to the client's Node response and returns the response
 * Hono must not send, or returns undefined to leave the answer to the web-stream relay.
 */
export type RelayToClient = (response: Response, outgoing: NodeOutgoing | undefined, headers: Record<string, string>, options: RelayOptions) => Response | undefined;

/** Options the Node server passes in; not part of the user's config. */
export interface ProxyRuntimeOptions {
  /** Fires on shutdown: live streams end with a `server_shutdown` error event. */
  shutdown?: AbortSignal;
  /** On Node, relays streams socket to socket (see `node-relay.ts`). */
  relayToClient?: RelayToClient;
}

/** What Hono sees of the Node server's bindings (absent on edge runtimes). */
interface NodeBindings {
  incoming?: { url?: string; httpVersion?: string; socket?: { remoteAddress?: string } } & AsyncIterable<Uint8Array>;
  outgoing?: NodeOutgoing;
}

const imageFields = new Set(['model', 'prompt', 'n', 'size', 'quality', 'response_format', 'style', 'user', 'background', 'moderation', 'output_compression', 'output_format']);

const securityHeaders = { 'x-content-type-options': 'nosniff' };

const clientIdOf = (result: AuthorizeResult): string | null => {
  if (result === null || result === false) return null;
  return typeof result === 'string' ? result : result.clientId;
};

/**
 * The proxy as a Hono app: a Web-standard `fetch(Request) → Response` handler that keeps provider keys
 * on the server. Every route passes the same checks in the same order: CORS, path, `authorize`, route,
 * rate limit, body validation, then the upstream call. See `ProxyConfig` for what it enforces.
 *
 * @example
 * const proxy = createProxy({
 *   providers: { openai: { apiKey: process.env.OPENAI_API_KEY, models: ['gpt-4o-mini'] } },
 *   allowedOrigins: ['https://app.example.com'],
 * });
 * export default { fetch: proxy.fetch };
 */
export const createProxy = (config: ProxyConfig, runtime: ProxyRuntimeOptions = {}): Hono<{ Bindings: NodeBindings }> => {
  const store: RateLimitStore = config.rateLimit?.store ?? new MemoryStore();
  const limits: Omit<RequestLimits, 'tokenField'> = {
    maxTokens: config.limits?.maxTokens ?? 4096,
    maxMessages: config.limits?.maxMessages ?? 200,
    maxChoices: config.limits?.maxChoices ?? 1,
    extraFields: new Set(config.limits?.extraFields ?? []),
  };
  const maxBodyBytes = config.limits?.maxBodyBytes ?? 1024 * 1024;
  const maxDepth = config.limits?.maxDepth ?? 32;
  const firstByteMs = config.timeouts?.firstByteMs ?? 60_000;
  const idleMs = config.timeouts?.idleMs ?? 60_000;
  const totalMs = config.timeouts?.totalMs ?? 10 * 60_000;
  const upstreamFetch = config.fetch ?? globalThis.fetch.bind(globalThis);
  const allowedOrigins = config.allowedOrigins ?? [];
  const log = config.logger ?? (() => undefined);
  const basePath = (config.basePath ?? '').replace(/\/+$/, '');

  const app = new Hono<{ Bindings: NodeBindings }>();

  app.all('*', async (c) => {
    const request = c.req.raw;
    const requestId = crypto.randomUUID();
    const started = Date.now();
    const entry: ProxyLogEntry = {
      request_id: requestId,
      method: request.method,
      route: 'unknown',
      provider: null,
      model: null,
      status: 0,
      latency_ms: 0,
      first_byte_ms: null,
      client_id: null,
      error_code: null,
      stream: false,
      retries: 0,
      prompt_tokens: null,
      completion_tokens: null,
    };
    let corsHeaders: Record<string, string> = {};
    let streamOwnsLog = false;
    const finishLog = (status: number, code: string | null): void => {
      entry.status = status;
      entry.error_code = code;
      entry.latency_ms = Date.now() - started;
      log(entry);
    };
    const respondError = (error: ProxyError): Response => {
      finishLog(error.status, error.code);
      return errorResponse(error, requestId, { ...securityHeaders, ...corsHeaders, 'x-request-id': requestId });
    };

    try {
      const cors = corsPolicy(request, allowedOrigins, config.allowCredentials ?? false);
      corsHeaders = cors.headers;
      if (cors.preflight) {
        finishLog(204, null);
        return cors.preflight;
      }
      // On Node the raw path is the one the client sent; a Request's URL is already normalised.
      const fullPath = c.env?.incoming?.url !== undefined ? rawPathOf(c.env.incoming.url) : rawPathOf(request.url);
      assertSafePath(fullPath);
      const rawPath = stripBasePath(fullPath, basePath);

      if (rawPath === '/healthz' && (request.method === 'GET' || request.method === 'HEAD')) {
        entry.route = '/healthz';
        finishLog(200, null);
        return new Response(JSON.stringify({ status: 'ok' }), { headers: { 'content-type': 'application/json', ...corsHeaders } });
      }

      // Before routing, so an unauthorised client learns nothing about the routes.
      const authorized = config.authorize ? clientIdOf(await config.authorize(request)) : (c.env?.incoming?.socket?.remoteAddress ?? 'anonymous');
      if (authorized === null) throw new ProxyError(401, 'unauthorized', 'The request is not authorized.');
      entry.client_id = authorized;

      const { route, match } = matchRoute(request.method, rawPath);
      entry.route = route.path;

      const perMinute = config.rateLimit?.requestsPerMinute;
      if (perMinute !== undefined) {
        const { count, resetMs } = await store.hit(`rpm:${authorized}`, 60_000);
        if (count > perMinute) {
          throw new ProxyError(429, 'rate_limited', 'Too many requests from this client; slow down.', { retryAfter: resetMs / 1000 });
        }
      }

      const target = route.resolve(match, new URL(request.url), config);
      entry.provider = target.provider;
      if (target.kind === 'models') {
        finishLog(200, null);
        const data = target.listed.map((id) => ({ id, object: 'model', owned_by: target.provider }));
        return c.json({ object: 'list', data }, 200, { ...securityHeaders, ...corsHeaders, 'x-request-id': requestId });
      }

      const body = await readJsonBody(request, maxBodyBytes, maxDepth, c.env?.incoming);
      const { payload, model, stream } = validate(body, target, limits);
      entry.model = model;
      entry.stream = stream;

      let releaseSlot: (() => void) | undefined;
      const concurrent = config.rateLimit?.concurrentStreams;
      if (stream && concurrent !== undefined) {
        const key = `streams:${authorized}`;
        const open = await store.acquire(key, totalMs);
        let released = false;
        releaseSlot = () => {
          if (released) return;
          released = true;
          void store.release(key).catch(() => undefined);
        };
        if (open > concurrent) {
          releaseSlot();
          throw new ProxyError(429, 'too_many_streams', `At most ${concurrent} streams may be open at once per client.`, { retryAfter: 1 });
        }
      }

      const upstreamAbort = new AbortController();
      const stopWatching = whenClientLeaves(c.env?.outgoing, request, () => upstreamAbort.abort(new Error('client disconnected')));
      const credentials = target.credentials ? await target.credentials() : {};
      const secrets = Object.values(credentials).map((value) => value.replace(/^Bearer /, ''));
      try {
        const { response, retries } = await callUpstream(
          {
            provider: target.provider,
            url: target.url ?? '',
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json', ...credentials },
            body: JSON.stringify(payload),
          },
          { firstByteMs, maxAttempts: (config.retries?.maxAttempts ?? 2) + 1, budgetMs: config.retries?.budgetMs ?? 15_000, fetch: upstreamFetch },
          upstreamAbort,
        );
        entry.retries = retries;
        entry.first_byte_ms = Date.now() - started;
        if (response.status < 200 || response.status >= 300) throw await mapUpstreamError(response, target.provider, secrets);

        const isEventStream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
        const headers: Record<string, string> = { ...securityHeaders, ...corsHeaders, 'x-request-id': requestId };
        if (!isEventStream || response.body === null) {
          // A non-streamed answer is small: read it whole, so its usage can be logged.
          const bytes = new Uint8Array(await response.arrayBuffer());
          stopWatching();
          releaseSlot?.();
          Object.assign(entry, findUsage(new TextDecoder().decode(bytes.subarray(Math.max(0, bytes.length - 4096)))));
          finishLog(response.status, null);
          headers['content-type'] = response.headers.get('content-type') ?? 'application/json';
          headers['cache-control'] = 'no-store';
          return new Response(bytes, { status: response.status, headers });
        }
        streamOwnsLog = true;
        const relayOptions: RelayOptions = {
          pingIntervalMs: config.pingIntervalMs ?? 15_000,
          idleMs,
          deadline: started + totalMs,
          requestId,
          provider: target.provider,
          abortUpstream: () => upstreamAbort.abort(new Error('relay ended')),
          shutdown: runtime.shutdown,
          onEnd: (end: RelayEnd, usage) => {
            stopWatching();
            releaseSlot?.();
            if (usage) Object.assign(entry, usage);
            finishLog(200, end === 'complete' ? null : end);
          },
        };
        Object.assign(headers, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          'x-accel-buffering': 'no',
        });
        const sent = runtime.relayToClient?.(response, c.env?.outgoing, headers, relayOptions);
        if (sent !== undefined) return sent;
        // Tells Node's adapter that this body streams: without it, it probes the first reads (and
        // waits a timer tick) before writing the headers. Not to an HTTP/1.0 client, which knows no
        // chunked framing: Node ends its body by closing the connection.
        if (c.env?.outgoing && c.env.incoming?.httpVersion !== '1.0') headers['transfer-encoding'] = 'chunked';
        return new Response(relayEventStream(response.body, relayOptions), { status: 200, headers });
      } catch (error) {
        if (!streamOwnsLog) {
          stopWatching();
          releaseSlot?.();
        }
        if (upstreamAbort.signal.aborted && !(error instanceof ProxyError)) {
          throw new ProxyError(499, 'client_closed', 'The client closed the request.');
        }
        throw error;
      }
    } catch (error) {
      if (error instanceof ProxyError) return respondError(error);
      // Never echo an unexpected error: it may hold a URL, a header or a key.
      return respondError(new ProxyError(500, 'internal_error', 'The proxy failed to handle the request.'));
    }
  });

  return app;
};

/**
 * Calls `onGone` if the client disconnects before the response is finished; returns a function that
 * stops watching. On Node the server's response object tells; elsewhere the request's signal does
 * (on Node 20 each AbortSignal costs tens of microseconds, so it is not created there).
 */
const whenClientLeaves = (outgoing: NodeBindings['outgoing'], request: Request, onGone: () => void): (() => void) => {
  if (outgoing) {
    const onClose = () => {
      if (!outgoing.writableFinished) onGone();
    };
    outgoing.once('close', onClose);
    return () => outgoing.off('close', onClose);
  }
  request.signal.addEventListener('abort', onGone, { once: true });
  return () => request.signal.removeEventListener('abort', onGone);
};

const stripBasePath = (path: string, basePath: string): string => {
  if (basePath === '') return path;
  if (path.startsWith(`${basePath}/`)) return path.slice(basePath.length);
  throw new ProxyError(404, 'not_found', 'No such route on this proxy.');
};

const validate = (body: unknown, target: Target, limits: Omit<RequestLimits, 'tokenField'>) => {
  if (target.kind === 'images') return validateImageBody(body, target, limits.maxChoices);
  const result = validateGenerationBody(body, target.kind === 'completions' ? 'completions' : 'chat', target.isAllowedModel, { ...limits, tokenField: target.tokenField }, target.provider);
  return { payload: result.body, model: target.fixedModel ?? result.model, stream: result.stream };
};

const validateImageBody = (body: unknown, target: Target, maxChoices: number) => {
  const refuse = (message: string, code = 'invalid_request') => new ProxyError(400, code, message, { provider: target.provider });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw refuse('The request body must be a JSON object.');
  const record = body as Record<string, unknown>;
  const unknown = Object.keys(record).find((key) => !imageFields.has(key));
  if (unknown) throw refuse(`The field '${unknown}' is not accepted by this proxy.`, 'unknown_field');
  if (typeof record.model !== 'string' || !target.isAllowedModel(record.model)) {
    throw refuse(`The model '${String(record.model).slice(0, 100)}' is not allowed on this proxy.`, 'model_not_allowed');
  }
  if (typeof record.prompt !== 'string' || record.prompt === '' || record.prompt.length > 32_000) throw refuse("The field 'prompt' must be a non-empty string.");
  if (record.n !== undefined && (typeof record.n !== 'number' || !Number.isInteger(record.n) || record.n < 1 || record.n > maxChoices)) {
    throw refuse(`The field 'n' must be a whole number from 1 to ${maxChoices}.`, 'too_many_choices');
  }
  return { payload: record, model: record.model, stream: false };
};
