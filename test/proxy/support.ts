import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { ProxyConfig, ProxyLogEntry } from '../../src/proxy/index.js';
import { serveProxy, type RunningProxy } from '../../src/proxy/node.js';
import type { ReplayServer } from '../support/replay-server.js';

/** The keys the proxy under test holds: random per run, so a leak is unmistakable. */
export const keys = {
  openai: `sk-canary-${crypto.randomUUID()}`,
  azure: `azure-canary-${crypto.randomUUID()}`,
  stackit: `stackit-canary-${crypto.randomUUID()}`,
  huggingface: `hf_canary${crypto.randomUUID().replaceAll('-', '')}`,
};

/** A proxy config whose every upstream is the replay server. */
export const configFor = (upstream: ReplayServer, overrides: Partial<ProxyConfig> = {}, logs: ProxyLogEntry[] = []): ProxyConfig => ({
  providers: {
    openai: { apiKey: keys.openai, baseUrl: `${upstream.url}/v1`, models: ['gpt-4o-mini'] },
    azure: { apiKey: keys.azure, endpoint: upstream.url, deployments: ['gpt-4o-mini-eu'] },
    stackit: { apiKey: keys.stackit, baseUrl: `${upstream.url}/stackit/v1`, models: ['cortecs/Llama-3.3-70B-Instruct-FP8-Dynamic'] },
    huggingface: {
      apiKey: keys.huggingface,
      baseUrl: `${upstream.url}/router/v1`,
      models: ['meta-llama/Llama-3.1-8B-Instruct'],
      endpoints: { tgi: { url: `${upstream.url}/tgi` } },
    },
  },
  allowedOrigins: ['https://app.example.com'],
  logger: (entry) => logs.push(entry),
  retries: { maxAttempts: 2, budgetMs: 5_000 },
  ...overrides,
});

/** Starts a proxy on a free port. */
export const startProxy = (config: ProxyConfig, grace = 500): Promise<RunningProxy> =>
  serveProxy(config, { port: 0, shutdownGraceMs: grace });

/** A raw HTTP/1.1 exchange over a socket: for paths and framings `fetch` would normalise or refuse. */
export const rawRequest = (url: string, head: string, body = ''): Promise<string> =>
  new Promise((resolve, reject) => {
    const { port, hostname } = new URL(url);
    const socket = connect(Number(port), hostname, () => socket.end(head + body));
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => (out += data));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });

/** Reads a streamed response chunk by chunk, as a browser would. */
export const openStream = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; chunks: string[]; done: Promise<string>; destroy: () => void }>(
    (resolve, reject) => {
      const chunks: string[] = [];
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        res.setEncoding('utf8');
        const done = new Promise<string>((finish) => {
          res.on('data', (data: string) => chunks.push(data));
          res.on('end', () => finish(chunks.join('')));
          res.on('close', () => finish(chunks.join('')));
        });
        resolve({ status: res.statusCode ?? 0, headers: res.headers, chunks, done, destroy: () => req.destroy() });
      });
      req.on('error', (error) => {
        if (!req.destroyed) reject(error);
      });
      req.end(JSON.stringify(body));
    },
  );

/** A chat request body. */
export const chat = (extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});
