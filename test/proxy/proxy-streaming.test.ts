import { connect } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderError } from '../../src/index.js';
import { AzureOpenAIChatGenerator, ChatMessage, HuggingFaceAPIChatGenerator, OpenAIChatGenerator } from '../../src/index.js';
import type { ProxyLogEntry } from '../../src/proxy/index.js';
import type { RunningProxy } from '../../src/proxy/node.js';
import { expectedText, rejectionOf } from '../support/fixtures.js';
import { loadChunks, loadJson } from '../support/replay-server.js';
import { useReplayServer } from '../support/use-replay-server.js';
import { chat, configFor, keys, openStream, startProxy } from './support.js';

const upstream = await useReplayServer();
const logs: ProxyLogEntry[] = [];
let proxy: RunningProxy;

beforeAll(async () => {
  proxy = await startProxy(
    configFor(upstream, {
      pingIntervalMs: 100,
      timeouts: { firstByteMs: 400, idleMs: 400, totalMs: 5_000 },
    }, logs),
  );
});
afterAll(() => proxy.close());

describe('proxy streaming', () => {
  it('should stream to the real openai client unbuffered, with the SSE headers', async () => {
    const chunks = loadChunks('openai/text');
    upstream.enqueue({ sse: chunks });
    const client = new OpenAI({ apiKey: 'not-sent-upstream', baseURL: `${proxy.url}/openai/v1`, maxRetries: 0 });
    const { data: stream, response } = await client.chat.completions.create({ ...chat(), stream: true } as never).withResponse();
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('content-encoding')).toBeNull();
    let text = '';
    for await (const chunk of stream as unknown as AsyncIterable<{ choices: Array<{ delta?: { content?: string } }> }>) {
      text += chunk.choices[0]?.delta?.content ?? '';
    }
    expect(text).toBe(expectedText(chunks));
    expect(upstream.requests[0]!.headers.authorization).toBe(`Bearer ${keys.openai}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logs.at(-1)).toMatchObject({ stream: true, status: 200, prompt_tokens: 21, completion_tokens: 16, error_code: null });
  });

  it("should serve hayloft's own generators with no key in the client", async () => {
    upstream.enqueue({ sse: loadChunks('azure/text') }, { sse: loadChunks('huggingface/tgi') });
    const azure = new AzureOpenAIChatGenerator({ azureEndpoint: `${proxy.url}/azure`, azureDeployment: 'gpt-4o-mini-eu', apiVersion: '2024-10-21' });
    const azureReply = await azure.run([ChatMessage.fromUser('Hi')], { streamingCallback: () => undefined });
    expect(azureReply.replies[0]!.text).toBe(expectedText(loadChunks('azure/text')));
    expect(upstream.requests[0]!.headers['api-key']).toBe(keys.azure);

    const tgi = new HuggingFaceAPIChatGenerator({ apiType: 'text_generation_inference', apiParams: { url: `${proxy.url}/huggingface/endpoints/tgi` } });
    const tgiReply = await tgi.run([ChatMessage.fromUser('Hi')], { streamingCallback: () => undefined });
    expect(tgiReply.replies[0]!.meta.finish_reason).toBe('stop');
    expect(upstream.requests[1]!.url).toBe('/tgi/v1/chat/completions');
    expect(upstream.requests[1]!.headers.authorization).toBe(`Bearer ${keys.huggingface}`);
  });

  it('should abort the upstream within 100 ms of the client going away', async () => {
    upstream.enqueue({ sse: loadChunks('openai/text').slice(0, 3), hang: true, done: false });
    const stream = await openStream(`${proxy.url}/openai/v1/chat/completions`, chat({ stream: true }));
    while (stream.chunks.join('').split('data:').length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    const gone = upstream.nextDisconnect();
    const closedAt = performance.now();
    stream.destroy();
    await gone;
    expect(upstream.disconnectTimes[0]! - closedAt).toBeLessThan(100);
  });

  it('should end with an upstream_disconnected error event and no [DONE] when the upstream drops', async () => {
    const chunks = loadChunks('openai/text');
    upstream.enqueue({ sse: chunks, cutAfterEvents: 4 });
    const stream = await openStream(`${proxy.url}/openai/v1/chat/completions`, chat({ stream: true }));
    const body = await stream.done;
    expect(body).toContain(JSON.stringify(chunks[3]));
    expect(body).toMatch(/event: error\ndata: \{"error":\{"code":"upstream_disconnected"/);
    expect(body).not.toContain('[DONE]');
  });

  it('should send : ping while the upstream is silent, then an idle-timeout error event', async () => {
    upstream.enqueue({ sse: loadChunks('openai/text').slice(0, 2), hang: true, done: false });
    const stream = await openStream(`${proxy.url}/openai/v1/chat/completions`, chat({ stream: true }));
    const body = await stream.done;
    expect(body).toContain(': ping\n\n');
    expect(body).toMatch(/event: error\ndata: \{"error":\{"code":"upstream_idle_timeout"/);
  });

  it('should answer 504 when the upstream sends no headers in time', async () => {
    upstream.enqueue({ sse: [], delayMs: 2_000 });
    const response = await fetch(`${proxy.url}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chat({ stream: true })),
    });
    expect(response.status).toBe(504);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('upstream_timeout');
  });

  it('should retry 429 and 503 before the first byte, honouring the retry hints', async () => {
    upstream.enqueue(
      { status: 429, json: loadJson('openai/error-429.error'), headers: { 'retry-after-ms': '20' } },
      { status: 503, json: loadJson('huggingface/error-503.error'), headers: { 'x-ms-retry-after-ms': '20' } },
      { sse: loadChunks('openai/text') },
    );
    const stream = await openStream(`${proxy.url}/openai/v1/chat/completions`, chat({ stream: true }));
    expect(stream.status).toBe(200);
    expect(await stream.done).toContain('[DONE]');
    expect(upstream.requests).toHaveLength(3);
  });

  it('should pass a final 429 on with an integer Retry-After', async () => {
    upstream.enqueue({ status: 429, json: loadJson('openai/error-429.error'), headers: { 'retry-after': '2.5' } });
    const response = await fetch(`${proxy.url}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chat()),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    const body = (await response.json()) as { error: { code: string; provider: string } };
    expect(body.error).toMatchObject({ code: 'rate_limit_exceeded', provider: 'openai' });
  });

  it("should turn the upstream's 401 into a generic 502 and never follow a redirect", async () => {
    upstream.enqueue({ status: 401, json: { error: { message: `Incorrect API key provided: ${keys.openai}` } } });
    const refused = await fetch(`${proxy.url}/openai/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chat()) });
    expect(refused.status).toBe(502);
    const text = await refused.text();
    expect(text).toContain('upstream_auth_failed');
    expect(text).not.toContain(keys.openai);

    upstream.reset();
    upstream.enqueue({ status: 307, body: '', headers: { location: 'https://evil.example/steal' } });
    const redirected = await fetch(`${proxy.url}/openai/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chat()) });
    expect(redirected.status).toBe(502);
    expect(((await redirected.json()) as { error: { code: string } }).error.code).toBe('upstream_redirect');
    expect(upstream.requests).toHaveLength(1);
  });

  it("should keep Azure's content_filter code and categories", async () => {
    upstream.enqueue({ status: 400, json: loadJson('azure/content-filter.error') });
    const error = await rejectionOf<ProviderError>(
      new AzureOpenAIChatGenerator({ azureEndpoint: `${proxy.url}/azure`, azureDeployment: 'gpt-4o-mini-eu', apiVersion: '2024-10-21', maxRetries: 0 }).run([
        ChatMessage.fromUser('Hi'),
      ]),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('content_filter');
    upstream.enqueue({ status: 400, json: loadJson('azure/content-filter.error') });
    const raw = await fetch(`${proxy.url}/azure/openai/deployments/gpt-4o-mini-eu/chat/completions?api-version=2024-10-21`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chat()),
    });
    const body = (await raw.json()) as { error: { details: { content_filter_result: { violence: { filtered: boolean } } } } };
    expect(body.error.details.content_filter_result.violence.filtered).toBe(true);
  });

  it.each([
    ['socket to socket', false],
    ['through web streams (a fetch of its own)', true],
  ])('should stream to an HTTP/1.0 client without chunked framing, %s', async (_path, ownFetch) => {
    const chunks = loadChunks('openai/text');
    upstream.enqueue({ sse: chunks });
    const own = ownFetch ? await startProxy(configFor(upstream, { fetch: globalThis.fetch.bind(globalThis) })) : proxy;
    try {
      const body = JSON.stringify({ ...chat(), stream: true });
      // Written without half-closing the socket (a server takes that for a client gone): the server ends the exchange.
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(own.url).port), '127.0.0.1', () =>
          socket.write(`POST /openai/v1/chat/completions HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
        );
        let out = '';
        socket.setEncoding('utf8');
        socket.on('data', (data: string) => (out += data));
        socket.on('end', () => resolve(out));
        socket.on('error', reject);
      });
      const split = raw.indexOf('\r\n\r\n');
      const head = raw.slice(0, split);
      const payload = raw.slice(split + 4);
      expect(head).toMatch(/^HTTP\/1\.[01] 200/);
      // HTTP/1.0 has no chunked encoding: the body is the events themselves, ended by closing the connection.
      expect(head.toLowerCase()).not.toContain('transfer-encoding');
      expect(payload.startsWith('data: ')).toBe(true);
      expect(payload.trimEnd().endsWith('data: [DONE]')).toBe(true);
    } finally {
      if (own !== proxy) await own.close();
    }
  });

  it('should let the generator keep the partial text when the proxy ends a stream with an error event', async () => {
    const chunks = loadChunks('openai/text');
    upstream.enqueue({ sse: chunks, cutAfterEvents: 5 });
    const generator = new OpenAIChatGenerator({ apiBaseUrl: `${proxy.url}/openai/v1`, maxRetries: 0 });
    const error = await rejectionOf<ProviderError>(generator.run([ChatMessage.fromUser('Hi')], { streamingCallback: () => undefined }));
    expect(error.code).toBe('upstream_disconnected');
    expect(error.replies?.[0]?.text).toBe(expectedText(chunks.slice(0, 5)));
  });
});
