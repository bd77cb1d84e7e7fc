/**
 * `hayloft/proxy/node`: runs the proxy on Node's HTTP server, with graceful shutdown.
 * @packageDocumentation
 */
import { createAdaptorServer } from '@hono/node-server';
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createProxy } from './create-proxy.js';
import { nodeFetch } from './node-fetch.js';
import { relayToNodeClient } from './node-relay.js';
import type { ProxyConfig } from './types.js';

/** Options of {@link serveProxy}. */
export interface ServeProxyOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`; set `0.0.0.0` only behind a TLS-terminating load balancer. */
  hostname?: string;
  /** How long live streams may run on after a shutdown starts; default 10 s. */
  shutdownGraceMs?: number;
  /** Shut down gracefully on SIGTERM and SIGINT, then exit 0 (what `npm run proxy` does). */
  handleSignals?: boolean;
}

/** A running proxy. */
export interface RunningProxy {
  /** `http://127.0.0.1:8787`. */
  readonly url: string;
  /** Stops accepting, lets live streams finish within the grace period, ends the rest with a `server_shutdown` event. */
  close(): Promise<void>;
}

/**
 * Starts the proxy on Node.
 *
 * @example
 * const proxy = await serveProxy({ providers: { openai: { apiKey: process.env.OPENAI_API_KEY, models: ['gpt-4o-mini'] } } });
 * console.log(`proxy on ${proxy.url}`);
 */
export const serveProxy = async (config: ProxyConfig, options: ServeProxyOptions = {}): Promise<RunningProxy> => {
  const shutdown = new AbortController();
  // Every live stream listens for shutdown: thousands of listeners on this one signal are expected.
  setMaxListeners(0, shutdown.signal);
  // Upstream calls on node:http unless the config brings its own fetch (see node-fetch.ts), and
  // their streams relayed socket to socket (see node-relay.ts).
  const app = createProxy({ ...config, fetch: config.fetch ?? nodeFetch }, { shutdown: shutdown.signal, relayToClient: relayToNodeClient });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: options.hostname ?? '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.hostname ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const grace = options.shutdownGraceMs ?? 10_000;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      // Stop accepting; idle keep-alive connections go now, live streams get the grace period.
      server.close(() => resolve());
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      const deadline = setTimeout(() => {
        shutdown.abort();
        // Streams just got their error event; give the bytes a moment, then drop what is left.
        setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, 200).unref();
      }, grace);
      deadline.unref();
    });
    return closing;
  };

  if (options.handleSignals) {
    const onSignal = () => {
      void close().then(() => process.exit(0));
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { url: `http://${host}:${port}`, close };
};

export { createProxy } from './create-proxy.js';
export { RedisStore } from './rate-limit/redis-store.js';
export type { RedisStoreOptions } from './rate-limit/redis-store.js';
