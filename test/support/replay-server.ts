import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';

/** One request as the replay server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, when it was JSON. */
  json: unknown;
}

/** A scripted answer. Exactly one of `json`, `body` or `sse` is normally set. */
export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body. */
  json?: unknown;
  /** A raw body. */
  body?: string;
  /** Server-sent events: objects and plain strings become `data: <payload>`; `{ raw }` is written as is. */
  sse?: Array<unknown>;
  /** Append `data: [DONE]` after the events (default true). */
  done?: boolean;
  /** Write the encoded body in pieces of this many bytes, one network write each (splits UTF-8 characters). */
  chunkBytes?: number;
  /** Pause between writes, in ms (default 0: one macrotask). */
  writeDelayMs?: number;
  /** Destroy the connection after this many events, before `[DONE]`. */
  cutAfterEvents?: number;
  /** Send headers and the events, then keep the connection open without ending it. */
  hang?: boolean;
  /** Wait this long before answering at all. */
  delayMs?: number;
  /** Load `sse` from a `.chunks.txt` fixture (for browser tests, which cannot read files). */
  sseFixture?: string;
  /** Load `json` from a `.json` fixture. */
  jsonFixture?: string;
}

/** A frame written as is, e.g. `event: error\ndata: {...}\n\n`. */
export interface RawFrame {
  raw: string;
}

/** A real HTTP server on 127.0.0.1 that answers with scripted provider responses and records requests. */
export interface ReplayServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** How many connections the client closed before the response ended. */
  readonly clientDisconnects: number;
  /** When each of those disconnects happened (`performance.now()`). */
  readonly disconnectTimes: number[];
  /** Queue answers; each request takes the next one (the last one repeats when the queue runs dry). */
  enqueue(...responses: ReplayResponse[]): void;
  /** Clear the queue, the recorded requests and the disconnect count. */
  reset(): void;
  /** Resolves after the next client disconnect. */
  nextDisconnect(): Promise<void>;
  close(): Promise<void>;
}

const fixturesDir = new URL('../fixtures/', import.meta.url);

/** The `data:` payloads of a `.chunks.txt` fixture, one JSON object per line. */
export const loadChunks = (path: string): unknown[] =>
  readFileSync(new URL(`${path}.chunks.txt`, fixturesDir), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);

/** A `.json` fixture, parsed. */
export const loadJson = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`${path}.json`, fixturesDir), 'utf8')) as unknown;

const frame = (event: unknown): string => {
  if (typeof event === 'object' && event !== null && 'raw' in event) return (event as RawFrame).raw;
  return `data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const readBody = async (req: IncomingMessage): Promise<string> => {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
};

async function writePieces(res: ServerResponse, data: string, response: ReplayResponse): Promise<boolean> {
  const bytes = Buffer.from(data, 'utf8');
  const size = response.chunkBytes ?? bytes.length;
  for (let offset = 0; offset < bytes.length; offset += size) {
    if (res.destroyed) return false;
    res.write(bytes.subarray(offset, offset + size));
    if (response.chunkBytes !== undefined || response.writeDelayMs !== undefined) {
      await sleep(response.writeDelayMs ?? 0);
    }
  }
  return !res.destroyed;
}

async function answer(res: ServerResponse, scripted: ReplayResponse): Promise<void> {
  const response: ReplayResponse = {
    ...scripted,
    ...(scripted.sseFixture ? { sse: loadChunks(scripted.sseFixture) } : {}),
    ...(scripted.jsonFixture ? { json: loadJson(scripted.jsonFixture) } : {}),
  };
  if (response.delayMs) await sleep(response.delayMs);
  const status = response.status ?? 200;
  if (response.sse) {
    res.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...response.headers });
    res.flushHeaders();
    const events = response.sse.map(frame);
    if (response.done ?? true) events.push('data: [DONE]\n\n');
    for (const [i, event] of events.entries()) {
      if (response.cutAfterEvents !== undefined && i >= response.cutAfterEvents) {
        // Let the client read what was sent, as a real connection that drops later would.
        await sleep(30);
        res.socket?.destroy();
        return;
      }
      if (!(await writePieces(res, event, response))) return;
    }
    if (response.hang) return;
    res.end();
    return;
  }
  const body = response.json !== undefined ? JSON.stringify(response.json) : (response.body ?? '');
  res.writeHead(status, {
    'content-type': response.json !== undefined ? 'application/json' : 'text/plain',
    ...response.headers,
  });
  if (response.hang) {
    res.flushHeaders();
    return;
  }
  await writePieces(res, body, response);
  res.end();
}

/** Options of {@link startReplayServer}. */
export interface ReplayServerOptions {
  /**
   * Answer CORS preflights and add CORS headers, and serve `/__replay/*` control routes (enqueue,
   * requests, reset) so tests running in a browser can script the server.
   */
  browser?: boolean;
}

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': '*',
};

/** Starts a replay server on 127.0.0.1 with an ephemeral port. */
export async function startReplayServer(options: ReplayServerOptions = {}): Promise<ReplayServer> {
  let queue: ReplayResponse[] = [];
  let last: ReplayResponse | undefined;
  const requests: RecordedRequest[] = [];
  let clientDisconnects = 0;
  const disconnectTimes: number[] = [];
  let waiters: Array<() => void> = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (options.browser) {
        for (const [name, value] of Object.entries(corsHeaders)) res.setHeader(name, value);
        if (req.method === 'OPTIONS') {
          res.writeHead(204).end();
          return;
        }
      }
      const body = await readBody(req);
      if (options.browser && req.url?.startsWith('/__replay/')) {
        control(req.url, body, res);
        return;
      }
      let json: unknown;
      try {
        json = body === '' ? undefined : JSON.parse(body);
      } catch {
        json = undefined;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body, json });
      res.on('close', () => {
        if (!res.writableFinished) {
          clientDisconnects += 1;
          disconnectTimes.push(performance.now());
          const pending = waiters;
          waiters = [];
          for (const wake of pending) wake();
        }
      });
      const response = queue.shift() ?? last;
      if (response) last = response;
      if (!response) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'replay server: nothing enqueued for this request' } }));
        return;
      }
      await answer(res, response);
    })().catch((error: unknown) => {
      // A broken script is a test bug: answer loudly instead of leaving the client hanging.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `replay server: ${error instanceof Error ? error.message : String(error)}` } }));
    });
  });
  const control = (url: string, body: string, res: ServerResponse): void => {
    if (url === '/__replay/enqueue') queue.push(...(JSON.parse(body) as ReplayResponse[]));
    if (url === '/__replay/reset') {
      queue = [];
      last = undefined;
      requests.length = 0;
      clientDisconnects = 0;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    const answers: Record<string, unknown> = { '/__replay/requests': requests, '/__replay/disconnects': { count: clientDisconnects } };
    res.end(JSON.stringify(answers[url] ?? { ok: true }));
  };

  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get clientDisconnects() {
      return clientDisconnects;
    },
    disconnectTimes,
    enqueue(...responses) {
      queue.push(...responses);
    },
    reset() {
      queue = [];
      last = undefined;
      requests.length = 0;
      clientDisconnects = 0;
      disconnectTimes.length = 0;
    },
    nextDisconnect() {
      return new Promise((resolve) => waiters.push(resolve));
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve, reject) => server.close((error) => {
          if (error) reject(error);
          else resolve();
        }));
    },
  };
}

