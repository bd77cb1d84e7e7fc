import { afterAll, describe, expect, it } from 'vitest';
import type { ProxyLogEntry } from '../../src/proxy/index.js';
import { createProxy } from '../../src/proxy/index.js';
import type { RunningProxy } from '../../src/proxy/node.js';
import { loadChunks, loadJson } from '../support/replay-server.js';
import { useReplayServer } from '../support/use-replay-server.js';
import { chat, configFor, openStream, startProxy } from './support.js';

const upstream = await useReplayServer();
const running: RunningProxy[] = [];
afterAll(() => Promise.all(running.map((proxy) => proxy.close())));

const start = async (overrides: Parameters<typeof configFor>[1], logs?: ProxyLogEntry[]) => {
  const proxy = await startProxy(configFor(upstream, overrides, logs));
  running.push(proxy);
  return proxy;
};

const post = (url: string, headers: Record<string, string> = {}, body: unknown = chat()) =>
  fetch(`${url}/openai/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('proxy access control', () => {
  it('should allow exactly the configured origins, with Vary: Origin and never *', async () => {
    const proxy = await start({});
    upstream.enqueue({ json: loadJson('openai/text') });
    const allowed = await post(proxy.url, { origin: 'https://app.example.com' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('vary')).toContain('Origin');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    for (const origin of ['https://evil.example', 'null', 'https://app.example.com.evil.example', 'http://app.example.com']) {
      const refused = await post(proxy.url, { origin });
      expect(refused.status, origin).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(upstream.requests).toHaveLength(1);
  });

  it("should answer preflights for the openai client's headers without calling authorize", async () => {
    let authorizeCalls = 0;
    const proxy = await start({ authorize: () => ((authorizeCalls += 1), 'user-1') });
    const preflight = await fetch(`${proxy.url}/openai/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-stainless-os, x-stainless-retry-count, authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-stainless-os');
    expect(authorizeCalls).toBe(0);
    const odd = await fetch(`${proxy.url}/openai/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-target-host' },
    });
    expect(odd.status).toBe(403);
  });

  it('should run authorize before routing and refuse with 401', async () => {
    const seen: string[] = [];
    const proxy = await start({
      authorize: (request) => {
        seen.push(new URL(request.url).pathname);
        return request.headers.get('authorization') === 'Bearer good-token' ? { clientId: 'alice' } : null;
      },
    });
    expect((await post(proxy.url)).status).toBe(401);
    expect((await fetch(`${proxy.url}/no/such/route`)).status).toBe(401);
    upstream.enqueue({ json: loadJson('openai/text') });
    expect((await post(proxy.url, { authorization: 'Bearer good-token' })).status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]!.headers.authorization).not.toContain('good-token');
  });

  it('should limit requests per minute per client with an integer Retry-After, without calling the upstream', async () => {
    const proxy = await start({ authorize: (request) => request.headers.get('x-user') ?? 'anon', rateLimit: { requestsPerMinute: 2 } });
    upstream.enqueue({ json: loadJson('openai/text') });
    expect((await post(proxy.url, { 'x-user': 'bob' })).status).toBe(200);
    expect((await post(proxy.url, { 'x-user': 'bob' })).status).toBe(200);
    const limited = await post(proxy.url, { 'x-user': 'bob' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect((await post(proxy.url, { 'x-user': 'carol' })).status).toBe(200);
    expect(upstream.requests).toHaveLength(3);
  });

  it('should cap concurrent streams per client and free the slot when a stream ends', async () => {
    const proxy = await start({ rateLimit: { concurrentStreams: 1 } });
    upstream.enqueue({ sse: loadChunks('openai/text').slice(0, 2), hang: true, done: false });
    const first = await openStream(`${proxy.url}/openai/v1/chat/completions`, chat({ stream: true }));
    expect(first.status).toBe(200);
    const second = await post(proxy.url, {}, chat({ stream: true }));
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    const gone = upstream.nextDisconnect();
    first.destroy();
    await gone;
    upstream.enqueue({ sse: loadChunks('openai/text') });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const third = await openStream(`${proxy.url}/openai/v1/chat/completions`, chat({ stream: true }));
    expect(third.status).toBe(200);
    await third.done;
  });

  it('should run in-process as a plain fetch handler (edge runtimes, Next.js)', async () => {
    upstream.enqueue({ json: loadJson('openai/text') });
    const app = createProxy(configFor(upstream));
    const response = await app.request('/openai/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chat()),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { choices: unknown[] }).choices).toHaveLength(1);
    // Streams go through the web-stream relay here (edge runtimes), with the same ending rules.
    const chunks = loadChunks('openai/text');
    upstream.enqueue({ sse: chunks }, { sse: chunks, cutAfterEvents: 3 });
    const streamed = await app.request('/openai/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chat({ stream: true })),
    });
    expect(streamed.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const whole = await streamed.text();
    expect(whole).toContain(JSON.stringify(chunks[5]));
    expect(whole.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const dropped = await app.request('/openai/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chat({ stream: true })),
    });
    const partial = await dropped.text();
    expect(partial).toContain(JSON.stringify(chunks[2]));
    expect(partial).toMatch(/event: error\ndata: \{"error":\{"code":"upstream_disconnected"/);
    expect(partial).not.toContain('[DONE]');
    // Runtimes normalise a Request's URL before the handler sees it: a climb out lands on no route.
    const traversal = await app.request('/openai/v1/chat/completions/../../../admin', { method: 'POST' });
    expect(traversal.status).toBe(404);
  });
});
