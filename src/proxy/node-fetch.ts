/**
 * The upstream transport `serveProxy` uses on Node: `node:http`/`node:https` with keep-alive agents,
 * behind the same `fetch` signature the proxy calls. Node's global `fetch` (undici's WHATWG layer)
 * costs about a millisecond of CPU per request; at a few hundred streams that queues first bytes.
 * Only what the proxy uses is supported: a string URL, a method, a headers record, a string body,
 * `redirect: 'manual'` (redirects are never followed) and a signal.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: Infinity, scheduling: 'lifo' });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: Infinity, scheduling: 'lifo' });

// Statuses whose Response may not have a body.
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/**
 * The upstream answer's body as a web stream that reads the socket only as fast as it is consumed.
 * It touches the message only on its first read, so a relay that takes the message itself (see
 * {@link takeUpstreamMessage}) finds it untouched.
 */
const toWebStream = (message: IncomingMessage, abort: () => void): ReadableStream<Uint8Array> => {
  let listening = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!listening) {
          listening = true;
          message.on('data', (chunk: Buffer) => {
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
            if ((controller.desiredSize ?? 0) <= 0) message.pause();
          });
          message.on('end', () => controller.close());
          // A socket closed before the end of the body: the stream breaks off.
          message.on('close', () => {
            if (!message.complete) controller.error(new Error('upstream connection closed mid-body'));
          });
          message.on('error', () => undefined);
        }
        message.resume();
      },
      cancel() {
        abort();
      },
    },
    { highWaterMark: 0 },
  );
};

// The Node message behind each response this transport made, until a relay takes it.
const messages = new WeakMap<Response, IncomingMessage>();

/**
 * The upstream's `IncomingMessage` behind a response from {@link nodeFetch}, for a relay that writes
 * it to a Node socket without web streams; undefined for any other response, or once its body has
 * been read as a web stream.
 */
export const takeUpstreamMessage = (response: Response): IncomingMessage | undefined => {
  const message = messages.get(response);
  if (message === undefined || response.bodyUsed || response.body?.locked === true) return undefined;
  messages.delete(response);
  return message;
};

const toHeaders = (message: IncomingMessage): Headers => {
  const headers = new Headers();
  for (let index = 0; index < message.rawHeaders.length; index += 2) {
    headers.append(message.rawHeaders[index] ?? '', message.rawHeaders[index + 1] ?? '');
  }
  return headers;
};

/** A `fetch` on `node:http`, for the proxy's upstream calls. */
export const nodeFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
  new Promise<Response>((resolve, reject) => {
    if (input instanceof Request) {
      reject(new TypeError('nodeFetch takes a URL, not a Request.'));
      return;
    }
    const url = new URL(input);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const request = send(url, {
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string> | undefined,
      agent: secure ? httpsAgent : httpAgent,
    });
    const onAbort = (): void => {
      request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    request.on('response', (message) => {
      const status = message.statusCode ?? 502;
      message.on('close', () => signal?.removeEventListener('abort', onAbort));
      const body = nullBodyStatuses.has(status) ? null : toWebStream(message, onAbort);
      if (body === null) message.resume();
      const response = new Response(body, { status, statusText: message.statusMessage ?? '', headers: toHeaders(message) });
      if (body !== null) messages.set(response, message);
      resolve(response);
    });
    request.end(typeof init.body === 'string' ? init.body : undefined);
  });
