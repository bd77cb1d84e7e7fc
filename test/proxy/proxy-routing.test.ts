import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyLogEntry } from '../../src/proxy/index.js';
import type { RunningProxy } from '../../src/proxy/node.js';
import { routes } from '../../src/proxy/routes.js';
import { useReplayServer } from '../support/use-replay-server.js';
import { loadJson } from '../support/replay-server.js';
import { chat, configFor, keys, rawRequest, startProxy } from './support.js';

const upstream = await useReplayServer();
const logs: ProxyLogEntry[] = [];
let proxy: RunningProxy;

beforeAll(async () => {
  proxy = await startProxy(configFor(upstream, {}, logs));
});
afterAll(() => proxy.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

// A concrete, valid path for each route of the table.
const concrete = (path: string) =>
  path
    .replace('{deployment}', 'gpt-4o-mini-eu')
    .replace('{name}', 'tgi');
const validBody = (path: string): Record<string, unknown> => {
  if (path.includes('images')) return { model: 'gpt-4o-mini', prompt: 'a barn' };
  if (path.endsWith('/completions') && !path.includes('chat')) return { model: modelFor(path), prompt: 'Hi' };
  return { ...chat(), model: modelFor(path) };
};
const modelFor = (path: string): string => {
  if (path.startsWith('/stackit')) return 'cortecs/Llama-3.3-70B-Instruct-FP8-Dynamic';
  if (path.startsWith('/huggingface')) return 'meta-llama/Llama-3.1-8B-Instruct';
  if (path.startsWith('/azure/openai/v1')) return 'gpt-4o-mini-eu';
  return 'gpt-4o-mini';
};
const withQuery = (path: string): string => (path.includes('/deployments/') ? `${path}?api-version=2024-10-21` : path);

describe('proxy routing', () => {
  const postRoutes = routes.filter((route) => route.method === 'POST');

  it('should cover every provider in the route table', () => {
    expect(new Set(routes.map((route) => route.path.split('/')[1]))).toEqual(new Set(['openai', 'stackit', 'huggingface', 'azure']));
    expect(postRoutes.length).toBeGreaterThanOrEqual(8);
  });

  it('should refuse path tricks on every route before any upstream call', async () => {
    for (const route of routes) {
      const path = concrete(route.path);
      const [first = '', ...rest] = path.slice(1).split('/');
      const tail = rest.join('/');
      const tricks = [
        `/${first}/../${first}/${tail}`,
        `/${first}/%2e%2e/${first}/${tail}`,
        `/${first}/${tail.replace('/', '%2F')}`,
        `/${first}//${tail}`,
        `/${first}/./${tail}`,
        `/${first}\\..\\${tail}`,
        `/${first.toUpperCase()}/${tail}`,
      ];
      for (const trick of tricks) {
        const response = await rawRequest(proxy.url, `${route.method} ${trick} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n`, '{}');
        expect(response.split('\r\n')[0], `${route.method} ${trick}`).toMatch(/^HTTP\/1.1 (400|404)/);
      }
    }
    expect(upstream.requests).toEqual([]);
  });

  it('should refuse a model outside the allowlist and routing fields at any depth, on every route', async () => {
    for (const route of postRoutes) {
      const path = withQuery(concrete(route.path));
      const body = validBody(route.path);
      // A deployment path or a named endpoint fixes the model; the others check it against the allowlist.
      if (!route.path.includes('/deployments/') && !route.path.includes('/endpoints/')) {
        const disallowed = await post(path, { ...body, model: 'gpt-9-mega' });
        expect(disallowed.status, path).toBe(400);
        expect(((await disallowed.json()) as { error: { code: string } }).error.code).toBe('model_not_allowed');
      }
      for (const sneaky of [{ api_base: 'https://evil.example' }, { extra_body: { base_url: 'https://evil.example' } }, { metadata: { api_key: 'x' } }]) {
        const response = await post(path, { ...body, ...sneaky });
        expect(response.status, `${path} ${JSON.stringify(sneaky)}`).toBe(400);
      }
    }
    expect(upstream.requests).toEqual([]);
  });

  it('should refuse unknown deployments, endpoints and api-versions', async () => {
    expect((await post('/azure/openai/deployments/other/chat/completions?api-version=2024-10-21', chat())).status).toBe(400);
    expect((await post('/azure/openai/deployments/gpt-4o-mini-eu/chat/completions', chat())).status).toBe(400);
    expect((await post('/azure/openai/deployments/gpt-4o-mini-eu/chat/completions?api-version=latest', chat())).status).toBe(400);
    expect((await post('/huggingface/endpoints/nope/v1/chat/completions', chat())).status).toBe(404);
    expect((await post('/huggingface/endpoints/constructor/v1/chat/completions', chat())).status).toBe(404);
    expect(upstream.requests).toEqual([]);
  });

  it('should send only the server key to the configured host, whatever the client sends', async () => {
    upstream.enqueue({ json: loadJson('openai/text') });
    const response = await post('/openai/v1/chat/completions', chat(), {
      authorization: 'Bearer client-token',
      'api-key': 'client-key',
      cookie: 'session=abc',
      'x-forwarded-host': 'evil.example',
    });
    expect(response.status).toBe(200);
    const [sent] = upstream.requests;
    expect(sent!.url).toBe('/v1/chat/completions');
    expect(sent!.headers.authorization).toBe(`Bearer ${keys.openai}`);
    expect(sent!.headers).not.toHaveProperty('api-key');
    expect(sent!.headers).not.toHaveProperty('cookie');
    expect(sent!.headers).not.toHaveProperty('x-forwarded-host');
    expect(sent!.json).toMatchObject({ model: 'gpt-4o-mini', max_completion_tokens: 4096 });
  });

  it("should call Azure's deployment path with api-version and the api-key header", async () => {
    upstream.enqueue({ json: loadJson('azure/text') });
    const response = await post('/azure/openai/deployments/gpt-4o-mini-eu/chat/completions?api-version=2024-10-21&evil=1', chat());
    expect(response.status).toBe(200);
    expect(upstream.requests[0]!.url).toBe('/openai/deployments/gpt-4o-mini-eu/chat/completions?api-version=2024-10-21');
    expect(upstream.requests[0]!.headers['api-key']).toBe(keys.azure);
  });

  it('should list only allowed models and answer health checks', async () => {
    const models = (await (await fetch(`${proxy.url}/openai/v1/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((model) => model.id)).toEqual(['gpt-4o-mini']);
    const deployments = (await (await fetch(`${proxy.url}/azure/openai/v1/models`)).json()) as { data: Array<{ id: string }> };
    expect(deployments.data.map((model) => model.id)).toEqual(['gpt-4o-mini-eu']);
    // Endpoint names, never their URLs.
    const endpoints = await (await fetch(`${proxy.url}/huggingface/endpoints/models`)).text();
    expect((JSON.parse(endpoints) as { data: Array<{ id: string }> }).data.map((model) => model.id)).toEqual(['tgi']);
    expect(endpoints).not.toContain(upstream.url);
    expect(await (await fetch(`${proxy.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(upstream.requests).toEqual([]);
  });

  it('should cap tokens, choices and messages', async () => {
    const over = await post('/openai/v1/chat/completions', chat({ max_tokens: 100_000 }));
    expect(over.status).toBe(400);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('max_tokens_exceeded');
    expect((await post('/openai/v1/chat/completions', chat({ n: 2 }))).status).toBe(400);
    const many = Array.from({ length: 201 }, () => ({ role: 'user', content: 'x' }));
    expect((await post('/openai/v1/chat/completions', chat({ messages: many }))).status).toBe(400);
    expect(upstream.requests).toEqual([]);
  });

  it('should refuse bad bodies with 4xx, never 5xx', async () => {
    const path = `${proxy.url}/openai/v1/chat/completions`;
    const cases: Array<[RequestInit, number]> = [
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":' }, 400],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"__proto__":{"admin":true},"model":"gpt-4o-mini"}' }, 400],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: `${'['.repeat(100)}${']'.repeat(100)}` }, 400],
      [{ method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(chat()) }, 415],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...chat(), messages: 'hi' }) }, 400],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...chat(), temperature: 0.5, stream: 'yes' }) }, 400],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...chat(), surprise: 1 }) }, 400],
      [{ method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chat()) }, 405],
      [{ method: 'GET' }, 405],
    ];
    for (const [init, status] of cases) {
      const response = await fetch(path, init);
      expect(response.status, `${init.method ?? 'GET'} ${typeof init.body === 'string' ? init.body.slice(0, 40) : ''}`).toBe(status);
      const body = (await response.json()) as { error: { code: string; request_id: string } };
      expect(body.error.request_id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect((await fetch(`${proxy.url}/nowhere`)).status).toBe(404);
    expect(upstream.requests).toEqual([]);
  });

  it('should refuse an oversized body without reading it: declared, chunked, or lying', async () => {
    const big = 2 * 1024 * 1024;
    const declared = await rawRequest(
      proxy.url,
      `POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${big}\r\nConnection: close\r\n\r\n`,
    );
    expect(declared.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = Array.from({ length: 20 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    const chunked = await rawRequest(
      proxy.url,
      'POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n',
      `${chunks}0\r\n\r\n`,
    );
    expect(chunked.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    // Claims 10 bytes, sends a valid-looking prefix: only the declared bytes are read, which is not JSON.
    const lying = await rawRequest(
      proxy.url,
      'POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\nConnection: close\r\n\r\n',
      JSON.stringify(chat()),
    );
    expect(lying.split('\r\n')[0]).toMatch(/^HTTP\/1.1 4\d\d/);
    expect(upstream.requests).toEqual([]);
  });

  it('should log metadata only', () => {
    expect(logs.length).toBeGreaterThan(10);
    for (const entry of logs) {
      expect(Object.keys(entry).sort()).toEqual(
        ['client_id', 'completion_tokens', 'error_code', 'first_byte_ms', 'latency_ms', 'method', 'model', 'prompt_tokens', 'provider', 'request_id', 'retries', 'route', 'status', 'stream'].sort(),
      );
    }
    // Token counts come from the provider's usage, in either key order (OpenAI's and Azure's).
    expect(logs.find((entry) => entry.route === '/openai/v1/chat/completions' && entry.status === 200)).toMatchObject({ prompt_tokens: 21, completion_tokens: 16 });
    expect(logs.find((entry) => entry.provider === 'azure' && entry.status === 200)).toMatchObject({ prompt_tokens: 14, completion_tokens: 7 });
  });
});
