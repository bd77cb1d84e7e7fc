/**
 * The Node relay: when both ends are Node sockets, `serveProxy` writes the upstream's bytes straight
 * to the client's response, without web streams between them. At thousands of events per second the
 * web-stream relay (a read promise, an enqueue and Hono's write loop per event) was most of the
 * proxy's CPU.
 */
import type { RelayToClient } from './create-proxy.js';
import { takeUpstreamMessage } from './node-fetch.js';
import { startRelay } from './sse-relay.js';

/**
 * Tells Hono's Node adapter that the response was written already. Made per call, not taken from
 * `@hono/node-server/utils/response`: that constant is built when its module loads, and if a Hono
 * server had replaced the global `Response` by then, it is one of Hono's cached responses, which the
 * adapter writes out (headers again) instead of leaving alone. Reading `body` drops such a cache.
 */
const alreadySent = (): Response => {
  const response = new Response(null, { headers: { 'x-hono-already-sent': 'true' } });
  Reflect.get(response, 'body');
  return response;
};

/**
 * Relays a streamed upstream answer from {@link takeUpstreamMessage} to the client's Node response;
 * undefined when the answer did not come from the Node transport, so the web-stream relay takes it.
 */
export const relayToNodeClient: RelayToClient = (response, client, headers, options) => {
  if (client === undefined) return undefined;
  const message = takeUpstreamMessage(response);
  if (message === undefined) return undefined;
  client.writeHead(200, headers);
  // The client sees the answer start now, even if the first event is slow to come.
  client.flushHeaders();
  const relay = startRelay(options, {
    write: (bytes) => {
      if (client.destroyed) return;
      // Backpressure: a slow client pauses the upstream socket until its buffer drains.
      if (!client.write(bytes)) message.pause();
    },
    end: () => {
      client.end();
    },
    waitingOnClient: () => message.isPaused(),
  });
  client.on('drain', () => message.resume());
  client.once('close', () => {
    if (!client.writableFinished) relay.clientGone();
  });
  message.on('data', (chunk: Uint8Array) => relay.data(chunk));
  message.on('end', () => relay.complete());
  message.on('error', () => relay.broken());
  message.on('close', () => {
    if (!message.complete) relay.broken();
  });
  return alreadySent();
};
