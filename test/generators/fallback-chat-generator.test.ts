import { describe, expect, it } from 'vitest';
import type { ProviderError} from '../../src/index.js';
import { ChatMessage, FallbackChatGenerator, OpenAIChatGenerator, Secret } from '../../src/index.js';
import { expectedText, rejectionOf } from '../support/fixtures.js';
import { loadChunks, loadJson } from '../support/replay-server.js';
import { useReplayServer } from '../support/use-replay-server.js';

const primary = await useReplayServer();
const backup = await useReplayServer();
const hi = [ChatMessage.fromUser('Hi')];
const generatorFor = (url: string) => new OpenAIChatGenerator({ apiKey: Secret.fromToken('sk-fallback-test'), apiBaseUrl: `${url}/v1`, maxRetries: 0 });
const fallback = () => new FallbackChatGenerator([generatorFor(primary.url), generatorFor(backup.url)]);

describe('FallbackChatGenerator', () => {
  it('should answer from the next generator after a 503 and say which one answered', async () => {
    primary.enqueue({ status: 503, json: loadJson('openai/error-500.error') });
    backup.enqueue({ sse: loadChunks('openai/text') });
    const result = await fallback().run(hi, { streamingCallback: () => undefined });
    expect(result.replies[0]!.text).toBe(expectedText(loadChunks('openai/text')));
    expect(result.meta).toEqual({
      successful_chat_generator_index: 1,
      successful_chat_generator_class: 'OpenAIChatGenerator',
      total_attempts: 2,
      failed_chat_generators: ['OpenAIChatGenerator'],
    });
    expect(result.replies[0]!.meta.fallback).toEqual(result.meta);
  });

  it('should not fail over on a request the provider rejects', async () => {
    primary.enqueue({ status: 400, json: loadJson('openai/error-400.error') });
    const error = await rejectionOf<ProviderError>(fallback().run(hi));
    expect(error.status).toBe(400);
    expect(backup.requests).toHaveLength(0);
  });

  it('should never fail over once a chunk has been delivered, and keep the partial text', async () => {
    const chunks = loadChunks('openai/text');
    primary.enqueue({ sse: chunks, cutAfterEvents: 4 });
    const error = await rejectionOf<ProviderError>(fallback().run(hi, { streamingCallback: () => undefined }));
    expect(error.code).toBe('network_error');
    expect(error.replies?.[0]?.text).toBe(expectedText(chunks.slice(0, 4)));
    expect(backup.requests).toHaveLength(0);
  });

  it('should fail over in stream() before the first chunk only', async () => {
    primary.enqueue({ status: 429, json: loadJson('openai/error-429.error') });
    backup.enqueue({ sse: loadChunks('openai/text') });
    let text = '';
    for await (const chunk of fallback().stream(hi)) text += chunk.content;
    expect(text).toBe(expectedText(loadChunks('openai/text')));
  });

  it('should report every failure when all generators fail', async () => {
    primary.enqueue({ status: 500, json: loadJson('openai/error-500.error') });
    backup.enqueue({ status: 503, json: loadJson('openai/error-500.error') });
    const error = await rejectionOf<ProviderError>(fallback().run(hi));
    expect(error.code).toBe('all_generators_failed');
    expect(error.message).toMatch(/Every chat generator failed \(OpenAIChatGenerator, OpenAIChatGenerator\)/);
  });

  it("should write Haystack's dict and read it back", () => {
    const dict = new FallbackChatGenerator([new OpenAIChatGenerator(), new OpenAIChatGenerator({ model: 'gpt-4o' })]).toDict();
    expect(dict.type).toBe('haystack.components.generators.chat.fallback.FallbackChatGenerator');
    expect((dict.init_parameters.chat_generators as unknown[]).length).toBe(2);
    const back = FallbackChatGenerator.fromDict(dict, (inner) => OpenAIChatGenerator.fromDict(inner));
    expect(back.toDict()).toEqual(dict);
    expect(() => new FallbackChatGenerator([])).toThrow(/at least one/);
  });
});
