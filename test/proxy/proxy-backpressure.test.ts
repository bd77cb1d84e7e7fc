import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveProxy } from '../../src/proxy/node.js';

// A provider that writes 40 MB of events as fast as its socket takes them, and a client that stops
// reading: the proxy must hold the provider back (socket buffers only), not buffer the stream itself.
const total = 40_000_000;
const event = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'x'.repeat(1000) } }] })}\n\n`;
let written = 0;
let provider: Server;
let providerUrl = '';

beforeAll(async () => {
  provider = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      written = 0;
      const pump = (): void => {
        while (written < total) {
          written += event.length;
          if (!res.write(event)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end('data: [DONE]\n\n');
      };
      pump();
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise((resolve) => provider.close(resolve)));

describe.each([
  ['socket to socket (serveProxy)', false],
  ['through web streams (a fetch of its own)', true],
])('proxy backpressure, %s', (_name, ownFetch) => {
  it('should hold the provider back while the client reads nothing, then deliver every byte, with no idle timeout', async () => {
    const proxy = await serveProxy(
      {
        providers: { openai: { apiKey: 'sk-backpressure', baseUrl: providerUrl, models: ['gpt-4o-mini'] } },
        // Shorter than the client's pause: a provider held back by a slow client is not an idle one.
        timeouts: { idleMs: 300 },
        ...(ownFetch ? { fetch: globalThis.fetch.bind(globalThis) } : {}),
      },
      { port: 0 },
    );
    try {
      const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true });
      const received = await new Promise<{ whilePaused: number; bytes: number }>((resolve, reject) => {
        const req = request(`${proxy.url}/openai/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          res.pause();
          setTimeout(() => {
            const whilePaused = written;
            let bytes = 0;
            res.on('data', (chunk: Buffer) => (bytes += chunk.length));
            res.on('end', () => resolve({ whilePaused, bytes }));
            res.resume();
          }, 800);
        });
        req.on('error', reject);
        req.end(body);
      });
      // Loopback socket buffers hold a few MB on each side; without backpressure all 40 MB go.
      expect(received.whilePaused).toBeLessThan(total / 2);
      expect(received.bytes).toBeGreaterThan(total);
    } finally {
      await proxy.close();
    }
  });
});
