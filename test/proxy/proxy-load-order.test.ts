import { createAdaptorServer } from '@hono/node-server';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';

// An app that started a Hono server of its own (which swaps the global Response for Hono's) before it
// loaded hayloft/proxy/node, e.g. with a dynamic import: streams must still reach the client whole.
// No static import of the proxy here, so the load order is the one under test.
const events = Array.from({ length: 5 }, (_, i) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: `tok${i}` } }] })}\n\n`);
let provider: Server | undefined;
afterAll(() => provider?.close());

it('should relay a stream when a Hono server replaced the global Response before the proxy was loaded', async () => {
  createAdaptorServer({ fetch: () => new Response('other app') });
  const { serveProxy } = await import('../../src/proxy/node.js');
  provider = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`${events.join('')}data: [DONE]\n\n`);
    });
  });
  await new Promise<void>((resolve) => provider!.listen(0, '127.0.0.1', resolve));
  const proxy = await serveProxy(
    { providers: { openai: { apiKey: 'sk-load-order', baseUrl: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`, models: ['gpt-4o-mini'] } } },
    { port: 0 },
  );
  try {
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${proxy.url}/openai/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true }));
    });
    expect(body).toBe(`${events.join('')}data: [DONE]\n\n`);
  } finally {
    await proxy.close();
  }
});
