import { afterAll, describe, expect, it } from 'vitest';
import { createProxy, type ProxyLogEntry } from '../../src/proxy/index.js';
import { expectedText } from '../support/fixtures.js';
import { loadChunks } from '../support/replay-server.js';
import { useReplayServer } from '../support/use-replay-server.js';
import { chat, configFor } from './support.js';

// The proxy as edge runtimes run it: `createProxy(config).fetch(request)`, the global `fetch` to a real
// upstream on 127.0.0.1, and the answer relayed as a web stream (serveProxy relays Node to Node instead).
const upstream = await useReplayServer();
const logs: ProxyLogEntry[] = [];
const proxy = createProxy(configFor(upstream, { pingIntervalMs: 100, timeouts: { firstByteMs: 400, idleMs: 400, totalMs: 5_000 } }, logs));
afterAll(() => upstream.reset());

const post = (body: unknown): Promise<Response> =>
  Promise.resolve(
    proxy.fetch(
      new Request('https://proxy.example.com/openai/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    ),
  );

const sseText = (body: string): string =>
  [...body.matchAll(/^data: (\{.*\})$/gm)].map((match) => (JSON.parse(match[1]!) as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]?.delta?.content ?? '').join('');

describe('proxy streaming on an edge runtime (web streams)', () => {
  it('should pass the stream through whole, with the SSE headers, and log its usage', async () => {
    const chunks = loadChunks('openai/text');
    upstream.enqueue({ sse: chunks });
    const response = await post(chat({ stream: true }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const body = await response.text();
    expect(sseText(body)).toBe(expectedText(chunks));
    expect(body.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(logs.at(-1)).toMatchObject({ stream: true, status: 200, prompt_tokens: 21, completion_tokens: 16, error_code: null });
  });

  it('should end with an upstream_disconnected error event and no [DONE] when the upstream drops', async () => {
    const chunks = loadChunks('openai/text');
    upstream.enqueue({ sse: chunks, cutAfterEvents: 4 });
    const body = await (await post(chat({ stream: true }))).text();
    expect(sseText(body)).toBe(expectedText(chunks.slice(0, 4)));
    expect(body).toMatch(/event: error\ndata: \{"error":\{"code":"upstream_disconnected"/);
    expect(body).not.toContain('[DONE]');
  });

  it('should send : ping while the upstream is silent, then an idle-timeout error event', async () => {
    upstream.enqueue({ sse: loadChunks('openai/text').slice(0, 2), hang: true, done: false });
    const body = await (await post(chat({ stream: true }))).text();
    expect(body).toContain(': ping\n\n');
    expect(body).toMatch(/event: error\ndata: \{"error":\{"code":"upstream_idle_timeout"/);
    expect(logs.at(-1)).toMatchObject({ error_code: 'upstream_idle_timeout' });
  });

  it('should abort the upstream within 100 ms of the client cancelling the stream', async () => {
    upstream.enqueue({ sse: loadChunks('openai/text').slice(0, 3), hang: true, done: false });
    const response = await post(chat({ stream: true }));
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('data:');
    const gone = upstream.nextDisconnect();
    const cancelledAt = performance.now();
    await reader.cancel();
    await gone;
    expect(upstream.disconnectTimes.at(-1)! - cancelledAt).toBeLessThan(100);
    expect(logs.at(-1)).toMatchObject({ error_code: 'client_closed' });
  });
});
