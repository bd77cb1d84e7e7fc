import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AbortError,
  ChatMessage,
  ConfigError,
  ImageContent,
  OpenAIChatGenerator,
  ProviderError,
  Secret,
  Tool,
  type StreamingChunk,
} from '../../src/index.js';
import { expectedReasoning, expectedText, redactedRequest, rejectionOf } from '../support/fixtures.js';
import { loadChunks, loadJson } from '../support/replay-server.js';
import { useReplayServer } from '../support/use-replay-server.js';

const server = await useReplayServer();

const key = 'sk-test-9f8e7d6c5b4a';

const generator = (options: ConstructorParameters<typeof OpenAIChatGenerator>[0] = {}) =>
  new OpenAIChatGenerator({ apiKey: Secret.fromToken(key), apiBaseUrl: `${server.url}/v1`, maxRetries: 0, ...options });

const hi = [ChatMessage.fromUser('Hi')];

const collect = () => {
  const chunks: StreamingChunk[] = [];
  return { chunks, streamingCallback: (chunk: StreamingChunk) => void chunks.push(chunk) };
};


describe('OpenAIChatGenerator', () => {
  it('should send one non-streamed request and read the reply with its meta', async () => {
    const fixture = loadJson('openai/text') as { model: string; usage: unknown; choices: Array<{ message: { content: string } }> };
    server.enqueue({ json: fixture });
    const { replies } = await generator({ generationKwargs: { temperature: 0.2 } }).run(
      [ChatMessage.fromSystem('Be brief.'), ChatMessage.fromUser('Hi')],
    );
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBe(fixture.choices[0]!.message.content);
    expect(replies[0]!.meta).toMatchObject({ model: fixture.model, index: 0, finish_reason: 'stop', usage: fixture.usage });
    expect(redactedRequest(server.requests[0]!)).toMatchSnapshot();
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${key}`);
  });

  it('should refuse a non-streamed answer that is not a completion instead of returning no reply', async () => {
    server.enqueue({ sse: loadChunks('openai/text') });
    const error = await rejectionOf<ProviderError>(generator().run(hi));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.message).toBe("The OpenAI-compatible server answered with something that is not a chat completion (no 'choices'). Check the base URL.");
  });

  it('should stream through the callback and assemble text, finish reason and usage', async () => {
    const chunks = loadChunks('openai/text');
    server.enqueue({ sse: chunks });
    const { chunks: received, streamingCallback } = collect();
    const { replies } = await generator().run(hi, { streamingCallback });
    expect(replies[0]!.text).toBe(expectedText(chunks));
    expect(received.map((chunk) => chunk.content).join('')).toBe(expectedText(chunks));
    expect(received.filter((chunk) => chunk.start)).toHaveLength(1);
    expect(replies[0]!.meta.finish_reason).toBe('stop');
    expect(replies[0]!.meta.usage).toMatchObject({ prompt_tokens: expect.any(Number), total_tokens: expect.any(Number) });
    expect(replies[0]!.meta.completion_start_time).toEqual(expect.any(String));
    expect(replies[0]!.meta.truncated).toBeUndefined();
    expect(redactedRequest(server.requests[0]!)).toMatchSnapshot();
  });

  it('should return how the stream ended from stream()', async () => {
    server.enqueue({ sse: loadChunks('openai/text') });
    const iterator = generator().stream(hi);
    let step = await iterator.next();
    let count = 0;
    while (!step.done) {
      count += 1;
      step = await iterator.next();
    }
    expect(count).toBeGreaterThan(2);
    expect(step.value).toEqual({ completed: true });
  });

  it('should reassemble multi-byte characters split across network reads', async () => {
    const chunks = loadChunks('openai/multibyte');
    server.enqueue({ sse: chunks, chunkBytes: 5, writeDelayMs: 1 });
    const { replies } = await generator().run(hi, { streamingCallback: () => undefined });
    expect(replies[0]!.text).toBe(expectedText(chunks));
    expect(replies[0]!.text).toMatch(/[\u0080-\u{10FFFF}]/u);
    expect(replies[0]!.text).not.toContain('\ufffd');
  });

  it('should assemble a tool call whose arguments arrive in many deltas', async () => {
    server.enqueue({ sse: loadChunks('openai/tool-calls') });
    const { replies } = await generator().run(hi, { streamingCallback: () => undefined });
    const [call] = replies[0]!.toolCalls;
    expect(call).toMatchObject({ type: 'tool_call', id: expect.any(String), toolName: expect.any(String) });
    expect(Object.keys(call!.arguments).length).toBeGreaterThan(0);
    expect(replies[0]!.meta.finish_reason).toBe('tool_calls');
  });

  it('should keep parallel tool calls apart by index', async () => {
    server.enqueue({ sse: loadChunks('openai/parallel-tool-calls') });
    const { replies } = await generator().run(hi, { streamingCallback: () => undefined });
    const calls = replies[0]!.toolCalls;
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
    for (const call of calls) expect(Object.keys(call.arguments).length).toBeGreaterThan(0);
  });

  it('should read empty tool-call arguments as {}', async () => {
    server.enqueue({ sse: loadChunks('openai/empty-arguments') });
    const { replies } = await generator().run(hi, { streamingCallback: () => undefined });
    expect(replies[0]!.toolCalls).toHaveLength(1);
    expect(replies[0]!.toolCalls[0]!.arguments).toEqual({});
  });

  it('should keep n = 2 choices apart, streamed and not', async () => {
    const chunks = loadChunks('openai/n2');
    server.enqueue({ sse: chunks });
    const streamed = await generator().run(hi, { streamingCallback: () => undefined, generationKwargs: { n: 2 } });
    expect(streamed.replies.map((reply) => reply.text)).toEqual([expectedText(chunks, 0), expectedText(chunks, 1)]);
    expect(streamed.replies.map((reply) => reply.meta.index)).toEqual([0, 1]);
    expect(server.requests[0]!.json).toMatchObject({ n: 2, stream: true });
  });

  it('should read a non-streamed tool call', async () => {
    server.enqueue({ json: loadJson('openai/tool-calls') });
    const { replies } = await generator().run(hi);
    expect(replies[0]!.toolCalls.length).toBeGreaterThan(0);
    expect(replies[0]!.meta.finish_reason).toBe('tool_calls');
  });

  it('should send tools, images and the whole conversation in the wire format', async () => {
    server.enqueue({ json: loadJson('openai/text') });
    const weather = new Tool({
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: z.object({ city: z.string() }),
      invoke: () => 'sunny',
    });
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const call = { id: 'call_1', toolName: 'get_weather', arguments: { city: 'Bonn' } };
    const assistant = ChatMessage.fromAssistant(null, { toolCalls: [call] });
    await generator({ tools: [weather] }).run(
      [
        ChatMessage.fromUser([{ type: 'text', text: 'And this?' }, ImageContent.fromBase64(png, { detail: 'low' })]),
        assistant,
        ChatMessage.fromTool('sunny', assistant.toolCall!),
      ],
      { toolsStrict: true },
    );
    expect(redactedRequest(server.requests[0]!)).toMatchSnapshot();
  });

  it('should send a zod schema as a strict JSON schema and put the validated value on the reply', async () => {
    const person = z.object({ name: z.string(), age: z.number() });
    server.enqueue({ json: loadJson('openai/structured') });
    const { replies } = await generator({ generationKwargs: { response_format: person } }).run(hi);
    expect(person.parse(replies[0]!.meta.parsed)).toEqual(replies[0]!.meta.parsed);
    expect(server.requests[0]!.json).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'response', strict: true, schema: { type: 'object' } } },
    });

    server.enqueue({ sse: loadChunks('openai/structured') });
    const streamed = await generator().run(hi, { generationKwargs: { response_format: person }, streamingCallback: () => undefined });
    expect(person.parse(streamed.replies[0]!.meta.parsed)).toBeTruthy();

    server.enqueue({ json: loadJson('openai/text') });
    const error = await rejectionOf<ProviderError>(generator({ generationKwargs: { response_format: person } }).run(hi));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error).code).toBe('invalid_structured_output');
    expect((error).replies?.[0]?.text).toBeTruthy();
  });

  it('should surface provider errors as ProviderErrors a user can act on, without the key', async () => {
    const cases = [
      { status: 400, name: 'error-400', pattern: /rejected the request \(400\)/ },
      { status: 401, name: 'error-401', pattern: /refused the credentials \(401\)\. Check the API key/ },
      { status: 404, name: 'error-404', pattern: /could not find the model/ },
      { status: 429, name: 'error-429', pattern: /rate limiting requests \(429\)\. Retry after 7 s/ },
      { status: 500, name: 'error-500', pattern: /server error \(500\)\. Try again/ },
    ];
    for (const { status, name, pattern } of cases) {
      const body = loadJson(`openai/${name}.error`) as { error: { code: string | null } };
      server.enqueue({ status, json: body, headers: status === 429 ? { 'retry-after': '7' } : {} });
      const providerError = await rejectionOf<ProviderError>(generator().run(hi));
      expect(ProviderError.isInstance(providerError), name).toBe(true);
      expect(providerError.status).toBe(status);
      expect(providerError.message).toMatch(pattern);
      expect(providerError.message).not.toContain(key);
      expect(providerError.message).not.toMatch(/sk-[a-z0-9]/i);
      // Nor anywhere a logger would print: the cause chain, the stack, every property.
      expect(inspect(providerError, { depth: 10 })).not.toMatch(/sk-[a-z0-9*]|9f8e7d6c5b4a|5b4a\./i);
      expect(providerError.isRetryable).toBe(status === 429 || status === 500);
      if (status === 429) expect(providerError.retryAfter).toBe(7);
      if (body.error.code) expect(providerError.code).toBe(body.error.code);
    }
  });

  it('should keep the text received before an in-stream error', async () => {
    const chunks = loadChunks('openai/in-stream-error');
    server.enqueue({ sse: chunks, done: false });
    const error = await rejectionOf<ProviderError>(generator().run(hi, { streamingCallback: () => undefined }));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/reported an error mid-stream/);
    expect(error.replies?.[0]?.text).toBe(expectedText(chunks));
    expect(error.replies?.[0]?.text).not.toBe('');
    expect(error.replies?.[0]?.meta.error).toMatchObject({ kind: 'provider' });
  });

  it('should keep the text before a malformed event, and say what was wrong', async () => {
    const chunks = loadChunks('openai/text').slice(0, 3);
    server.enqueue({ sse: [...chunks, { raw: 'data: {"choices": [\n\n' }, ...loadChunks('openai/text').slice(3)] });
    const error = await rejectionOf<ProviderError>(generator().run(hi, { streamingCallback: () => undefined }));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/malformed server-sent event JSON/);
    expect(error.replies?.[0]?.text).toBe(expectedText(chunks));
  });

  it('should keep the text before an event that is JSON but not an object, and say so', async () => {
    const chunks = loadChunks('openai/text').slice(0, 3);
    for (const raw of ['data: null\n\n', 'data: 42\n\n']) {
      server.enqueue({ sse: [...chunks, { raw }, ...loadChunks('openai/text').slice(3)] });
      const error = await rejectionOf<ProviderError>(generator().run(hi, { streamingCallback: () => undefined }));
      expect(ProviderError.isInstance(error)).toBe(true);
      expect(error.message).toMatch(/not a JSON object/);
      expect(error.replies?.[0]?.text).toBe(expectedText(chunks));
    }
    // An error event is the provider's error whatever it carries.
    server.enqueue({ sse: [...chunks, { raw: 'event: error\ndata: "overloaded"\n\n' }], done: false });
    const error = await rejectionOf<ProviderError>(generator().run(hi, { streamingCallback: () => undefined }));
    expect(error.message).toMatch(/reported an error mid-stream.*overloaded/);
    expect(error.replies?.[0]?.text).toBe(expectedText(chunks));
  });

  it('should see a [DONE] or an error event that the stream ends on without its blank line', async () => {
    const chunks = loadChunks('openai/text');
    server.enqueue({ sse: [...chunks, { raw: 'data: [DONE]\n' }], done: false });
    const iterator = generator().stream(hi);
    let step = await iterator.next();
    while (!step.done) step = await iterator.next();
    expect(step.value).toEqual({ completed: true });

    server.enqueue({ sse: [...chunks.slice(0, 2), { raw: 'event: error\ndata: {"error":{"message":"boom","code":"server_error"}}' }], done: false });
    const error = await rejectionOf<ProviderError>(generator().run(hi, { streamingCallback: () => undefined }));
    expect(error.message).toMatch(/boom/);
    expect(error.replies?.[0]?.text).toBe(expectedText(chunks.slice(0, 2)));
  });

  it('should read events written with CRLF line ends and comments between them', async () => {
    const chunks = loadChunks('openai/text');
    server.enqueue({ sse: [{ raw: ': keep-alive\r\n\r\n' }, ...chunks.map((chunk) => ({ raw: `data: ${JSON.stringify(chunk)}\r\n\r\n` }))], chunkBytes: 7 });
    const { replies } = await generator().run(hi, { streamingCallback: () => undefined });
    expect(replies[0]!.text).toBe(expectedText(chunks));
    expect(replies[0]!.meta.truncated).toBeUndefined();
  });

  it('should keep the text when the connection is cut before [DONE], and not retry', async () => {
    const chunks = loadChunks('openai/text');
    server.enqueue({ sse: chunks, cutAfterEvents: 4 }, { sse: chunks });
    const error = await rejectionOf<ProviderError>(generator({ maxRetries: 3 })
      .run(hi, { streamingCallback: () => undefined }));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.code).toBe('network_error');
    expect(error.replies?.[0]?.text).toBe(expectedText(chunks.slice(0, 4)));
    expect(server.requests).toHaveLength(1);
  });

  it('should mark a stream that ends cleanly without [DONE] or a finish reason as truncated', async () => {
    const chunks = loadChunks('openai/text');
    const withoutFinish = chunks.slice(0, 4);
    server.enqueue({ sse: withoutFinish, done: false });
    const { replies } = await generator().run(hi, { streamingCallback: () => undefined });
    expect(replies[0]!.text).toBe(expectedText(withoutFinish));
    expect(replies[0]!.meta.truncated).toBe(true);
  });

  it('should abort the HTTP request mid-stream and keep what arrived', async () => {
    const chunks = loadChunks('openai/text');
    server.enqueue({ sse: chunks, hang: true, done: false });
    const controller = new AbortController();
    const disconnected = server.nextDisconnect();
    let seen = 0;
    const error = await rejectionOf<AbortError>(
      generator().run(hi, {
        signal: controller.signal,
        streamingCallback: (chunk) => {
          if (chunk.content !== '') seen += 1;
          if (seen === 2) controller.abort();
        },
      }),
    );
    expect(AbortError.isInstance(error)).toBe(true);
    expect(error.replies?.[0]?.text).toBeTruthy();
    expect(error.replies?.[0]?.meta.aborted).toBe(true);
    await disconnected;
    expect(server.clientDisconnects).toBe(1);
  });

  it('should retry 429 and 5xx before the first token, honouring Retry-After', async () => {
    server.enqueue(
      { status: 429, json: loadJson('openai/error-429.error'), headers: { 'retry-after-ms': '10' } },
      { status: 503, json: loadJson('openai/error-500.error'), headers: { 'retry-after': '0' } },
      { sse: loadChunks('openai/text') },
    );
    const { replies } = await generator({ maxRetries: 2 }).run(hi, { streamingCallback: () => undefined });
    expect(replies[0]!.text).toBeTruthy();
    expect(server.requests).toHaveLength(3);
    expect(server.requests.map((request) => request.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
  });

  it("should turn vLLM's reasoning_content into ReasoningContent", async () => {
    const chunks = loadChunks('vllm/reasoning');
    server.enqueue({ sse: chunks });
    const { replies } = await generator({ model: 'Qwen/Qwen3-8B' }).run(hi, { streamingCallback: () => undefined });
    expect(replies[0]!.reasoning?.reasoningText).toBe(expectedReasoning(chunks));
    expect(replies[0]!.text).toBe(expectedText(chunks));
  });

  it("should read vLLM's renamed `reasoning` field too", async () => {
    const chunks = loadChunks('vllm/reasoning-renamed');
    server.enqueue({ sse: chunks });
    const { replies } = await generator({ model: 'Qwen/Qwen3-8B' }).run(hi, { streamingCallback: () => undefined });
    expect(replies[0]!.reasoning?.reasoningText).toBe(expectedReasoning(chunks));
    expect(replies[0]!.reasoning?.reasoningText).not.toBe('');
    expect(replies[0]!.text).toBe(expectedText(chunks));
  });

  it("should keep the text before vLLM's in-stream error, whose code is a number", async () => {
    const chunks = loadChunks('vllm/in-stream-error');
    server.enqueue({ sse: chunks, done: false });
    const error = await rejectionOf<ProviderError>(generator().run(hi, { streamingCallback: () => undefined }));
    expect(error.message).toMatch(/reported an error mid-stream: Internal server error/);
    expect(error.replies?.[0]?.text).toBe(expectedText(chunks));
  });

  it('should send no credential when pointed at a server without a key', async () => {
    server.enqueue({ json: loadJson('openai/text') });
    await new OpenAIChatGenerator({ apiKey: Secret.fromEnvVar('HAYLOFT_UNSET_KEY'), apiBaseUrl: `${server.url}/v1` }).run(hi);
    expect(server.requests[0]!.headers).not.toHaveProperty('authorization');
  });

  it("should fail before any request when OpenAI's own host has no key", async () => {
    const error = await rejectionOf(new OpenAIChatGenerator({ apiKey: Secret.fromEnvVar('HAYLOFT_UNSET_KEY') }).run(hi));
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error).message).toMatch(/has no API key\. Set HAYLOFT_UNSET_KEY on the server.*hayloft's proxy/);
  });

  it("should write Haystack's dict and read it back", () => {
    const weather = new Tool({ name: 'get_weather', description: 'd', parameters: { type: 'object' }, invoke: () => 'x' });
    const original = new OpenAIChatGenerator({ model: 'gpt-4o', generationKwargs: { temperature: 0.5 }, tools: [weather], timeout: 12 });
    const dict = original.toDict();
    expect(dict).toEqual({
      type: 'haystack.components.generators.chat.openai.OpenAIChatGenerator',
      init_parameters: {
        model: 'gpt-4o',
        streaming_callback: null,
        api_base_url: null,
        organization: null,
        generation_kwargs: { temperature: 0.5 },
        api_key: { type: 'env_var', env_vars: ['OPENAI_API_KEY'], strict: true },
        timeout: 12,
        max_retries: null,
        tools: [weather.toDict()],
        tools_strict: false,
        http_client_kwargs: null,
      },
    });
    const back = OpenAIChatGenerator.fromDict(dict, { functions: { get_weather: () => 'x' } });
    expect(back.toDict()).toEqual(dict);
    expect(() => OpenAIChatGenerator.fromDict({ type: 'x.Other', init_parameters: {} })).toThrow(
      /Class 'x.Other' can't be deserialized as 'OpenAIChatGenerator'/,
    );
    expect(() => new OpenAIChatGenerator({ apiKey: Secret.fromToken(key) }).toDict()).toThrow(/Cannot serialize token-based secret/);
  });
});
