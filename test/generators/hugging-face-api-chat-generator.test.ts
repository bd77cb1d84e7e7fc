import { describe, expect, it } from 'vitest';
import type { ProviderError} from '../../src/index.js';
import { ChatMessage, ConfigError, HuggingFaceAPIChatGenerator, Secret } from '../../src/index.js';
import { expectedText, redactedRequest, rejectionOf } from '../support/fixtures.js';
import { loadChunks, loadJson } from '../support/replay-server.js';
import { useReplayServer } from '../support/use-replay-server.js';

const server = await useReplayServer();

const token = 'hf_abcdefghijklmnopqrstuvwx';
const hi = [ChatMessage.fromUser('Hi')];

const tgi = (options: Partial<ConstructorParameters<typeof HuggingFaceAPIChatGenerator>[0]> = {}) =>
  new HuggingFaceAPIChatGenerator({
    apiType: 'text_generation_inference',
    apiParams: { url: server.url },
    token: Secret.fromToken(token),
    maxRetries: 0,
    ...options,
  });


describe('HuggingFaceAPIChatGenerator', () => {
  it('should map TGI finish reasons the way Haystack does', async () => {
    const cases = [
      ['huggingface/tgi', 'stop'],
      ['huggingface/tgi-length', 'length'],
      ['huggingface/tgi-stop-sequence', 'stop'],
    ] as const;
    for (const [fixture, finishReason] of cases) {
      const chunks = loadChunks(fixture);
      server.enqueue({ sse: chunks });
      const { replies } = await tgi().run(hi, { streamingCallback: () => undefined });
      expect(replies[0]!.text, fixture).toBe(expectedText(chunks));
      expect(replies[0]!.meta.finish_reason, fixture).toBe(finishReason);
      expect(replies[0]!.meta.truncated, fixture).toBeUndefined();
    }
    expect(server.requests[0]!.url).toBe('/v1/chat/completions');
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${token}`);
  });

  it("should assemble TGI's streamed tool calls", async () => {
    server.enqueue({ sse: loadChunks('huggingface/tgi-tool-calls') });
    const { replies } = await tgi().run(hi, { streamingCallback: () => undefined });
    expect(replies[0]!.toolCalls).toEqual([{ type: 'tool_call', id: '0', toolName: 'get_weather', arguments: { location: 'Hamburg' } }]);
    expect(replies[0]!.meta.finish_reason).toBe('tool_calls');
  });

  it('should treat a tool-call stream that ends with [DONE] but no finish reason as complete', async () => {
    server.enqueue({ sse: loadChunks('huggingface/tgi-no-finish') });
    const { replies } = await tgi().run(hi, { streamingCallback: () => undefined });
    expect(replies[0]!.toolCalls[0]).toMatchObject({ toolName: 'get_weather', arguments: { location: 'Berlin' } });
    expect(replies[0]!.meta.truncated).toBeUndefined();
    expect(replies[0]!.meta.finish_reason).toBe('tool_calls');

    // The same stream without [DONE] was cut off.
    server.enqueue({ sse: loadChunks('huggingface/tgi-no-finish'), done: false });
    const cut = await tgi().run(hi, { streamingCallback: () => undefined });
    expect(cut.replies[0]!.meta.truncated).toBe(true);
  });

  it("should read TGI's non-streamed tool calls with object arguments and numeric ids", async () => {
    server.enqueue({ json: loadJson('huggingface/tgi-tool-calls') });
    const { replies } = await tgi().run(hi);
    expect(replies[0]!.toolCalls).toEqual([
      { type: 'tool_call', id: '0', toolName: 'get_weather', arguments: { location: 'Hamburg', unit: 'celsius' } },
    ]);
    expect(replies[0]!.meta.finish_reason).toBe('tool_calls');
  });

  it("should read TGI 3.2's non-streamed tool calls with string arguments", async () => {
    server.enqueue({ json: loadJson('huggingface/tgi-tool-calls-v3') });
    const { replies } = await tgi().run(hi);
    expect(replies[0]!.toolCalls).toHaveLength(1);
    expect(replies[0]!.toolCalls[0]!.toolName).toBe('get_weather');
    expect(Object.keys(replies[0]!.toolCalls[0]!.arguments).length).toBeGreaterThan(0);
  });

  it("should keep TGI's in-stream error with the text so far", async () => {
    const chunks = loadChunks('huggingface/tgi-in-stream-error');
    server.enqueue({ sse: chunks, done: false });
    const error = await rejectionOf<ProviderError>(tgi().run(hi, { streamingCallback: () => undefined }));
    expect(error.message).toMatch(/CUDA out of memory/);
    expect(error.replies?.[0]?.text).toBe(expectedText(chunks));
  });

  it("should read pre-3.2 TGI's unnamed grammar tool call", async () => {
    server.enqueue({ sse: loadChunks('huggingface/tgi-legacy-tool-calls') });
    const { replies } = await tgi().run(hi, { streamingCallback: () => undefined });
    expect(replies[0]!.meta.invalid_tool_calls).toBeUndefined();
    expect(replies[0]!.toolCalls).toHaveLength(1);
    expect(replies[0]!.toolCalls[0]!.toolName).toBe('get_weather');
    expect(replies[0]!.toolCalls[0]!.arguments).not.toHaveProperty('_name');
    expect(Object.keys(replies[0]!.toolCalls[0]!.arguments).length).toBeGreaterThan(0);
  });

  it('should reach the router with model:provider, stop words and the default max_tokens', async () => {
    server.enqueue({ sse: loadChunks('huggingface/router') });
    const generator = new HuggingFaceAPIChatGenerator({
      apiType: 'serverless_inference_api',
      apiParams: { model: 'meta-llama/Llama-3.1-8B-Instruct', provider: 'cerebras' },
      routerUrl: `${server.url}/huggingface/v1`,
      token: Secret.fromToken(token),
      stopWords: ['Observation:'],
    });
    const { replies } = await generator.run(hi, { streamingCallback: () => undefined });
    expect(replies[0]!.text).toBe('Hello from the router.');
    expect(redactedRequest(server.requests[0]!)).toMatchSnapshot();
  });

  it('should retry an endpoint that answers 503 while scaling from zero', async () => {
    server.enqueue({ status: 503, json: loadJson('huggingface/error-503.error'), headers: { 'retry-after': '0' } }, { sse: loadChunks('huggingface/tgi') });
    const { replies } = await tgi({ maxRetries: 2 }).run(hi, { streamingCallback: () => undefined });
    expect(replies[0]!.text).toBeTruthy();
    expect(server.requests).toHaveLength(2);
    server.reset();
    server.enqueue({ status: 503, json: loadJson('huggingface/error-503.error') });
    const error = await rejectionOf<ProviderError>(tgi().run(hi));
    expect(error.status).toBe(503);
    expect(error.isRetryable).toBe(true);
    expect(error.message).not.toContain(token);
  });

  it("should validate apiType and apiParams with Haystack's messages", () => {
    expect(() => new HuggingFaceAPIChatGenerator({ apiType: 'nope' as never, apiParams: {} })).toThrow(
      /Unknown Hugging Face API type 'nope'. Supported types are: text_generation_inference, inference_endpoints, serverless_inference_api/,
    );
    expect(() => new HuggingFaceAPIChatGenerator({ apiType: 'serverless_inference_api', apiParams: {} })).toThrow(/specify the `model`/);
    expect(() => new HuggingFaceAPIChatGenerator({ apiType: 'inference_endpoints', apiParams: {} })).toThrow(/specify the `url`/);
    expect(() => new HuggingFaceAPIChatGenerator({ apiType: 'inference_endpoints', apiParams: { url: 'ftp://x' } })).toThrow(ConfigError);
  });

  it("should write Haystack's dict in the dialect it was read in", () => {
    const generator = new HuggingFaceAPIChatGenerator({
      apiType: 'serverless_inference_api',
      apiParams: { model: 'Qwen/Qwen2.5-7B-Instruct' },
      generationKwargs: { temperature: 0.6 },
      stopWords: ['stop', 'words'],
    });
    const dict = generator.toDict();
    expect(dict).toEqual({
      type: 'haystack.components.generators.chat.hugging_face_api.HuggingFaceAPIChatGenerator',
      init_parameters: {
        api_type: 'serverless_inference_api',
        api_params: { model: 'Qwen/Qwen2.5-7B-Instruct' },
        token: { type: 'env_var', env_vars: ['HF_API_TOKEN', 'HF_TOKEN'], strict: false },
        generation_kwargs: { temperature: 0.6, stop: ['stop', 'words'], max_tokens: 512 },
        streaming_callback: null,
        tools: null,
      },
    });
    expect(HuggingFaceAPIChatGenerator.fromDict(dict).toDict()).toEqual(dict);
    const v3 = { ...dict, type: 'haystack_integrations.components.generators.huggingface_api.chat.chat_generator.HuggingFaceAPIChatGenerator' };
    expect(HuggingFaceAPIChatGenerator.fromDict(v3).toDict().type).toBe(v3.type);
  });
});
