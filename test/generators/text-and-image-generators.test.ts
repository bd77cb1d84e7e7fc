import { describe, expect, it } from 'vitest';
import {
  AzureOpenAIGenerator,
  DALLEImageGenerator,
  HuggingFaceAPIGenerator,
  OpenAIGenerator,
  OpenAIImageGenerator,
  ProviderError,
  Secret,
} from '../../src/index.js';
import { expectedText, rejectionOf } from '../support/fixtures.js';
import { loadChunks, loadJson } from '../support/replay-server.js';
import { useReplayServer } from '../support/use-replay-server.js';

const server = await useReplayServer();

const key = Secret.fromToken('sk-text-0123456789');


describe('OpenAIGenerator', () => {
  it('should answer a prompt with strings and meta, sending the system prompt first', async () => {
    server.enqueue({ json: loadJson('openai/text') });
    const generator = new OpenAIGenerator({ apiKey: key, apiBaseUrl: `${server.url}/v1`, systemPrompt: 'Be brief.' });
    const result = await generator.run('What is BM25?');
    expect(result.replies).toEqual(['BM25 ranks documents by how often the query terms appear, weighted by rarity.']);
    expect(result.meta[0]).toMatchObject({ finish_reason: 'stop', model: 'gpt-4o-mini-2024-07-18' });
    expect(server.requests[0]!.json).toMatchObject({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is BM25?' },
      ],
    });
  });

  it('should stream and round-trip its dict', async () => {
    const chunks = loadChunks('openai/text');
    server.enqueue({ sse: chunks });
    const pieces: string[] = [];
    const generator = new OpenAIGenerator({ apiKey: key, apiBaseUrl: `${server.url}/v1` });
    const result = await generator.run('Hi', { streamingCallback: (chunk) => void pieces.push(chunk.content) });
    expect(result.replies[0]).toBe(expectedText(chunks));
    expect(pieces.join('')).toBe(expectedText(chunks));
    const dict = new OpenAIGenerator({ systemPrompt: 'x' }).toDict();
    expect(dict).toEqual({
      type: 'haystack.components.generators.openai.OpenAIGenerator',
      init_parameters: {
        model: 'gpt-4o-mini',
        streaming_callback: null,
        api_base_url: null,
        organization: null,
        generation_kwargs: {},
        system_prompt: 'x',
        api_key: { type: 'env_var', env_vars: ['OPENAI_API_KEY'], strict: true },
        http_client_kwargs: null,
      },
    });
    expect(OpenAIGenerator.fromDict(dict).toDict()).toEqual(dict);
  });
});

describe('AzureOpenAIGenerator', () => {
  it('should answer through the deployment and round-trip its dict', async () => {
    server.enqueue({ json: loadJson('azure/text') });
    const generator = new AzureOpenAIGenerator({ azureEndpoint: server.url, azureDeployment: 'dep', apiKey: Secret.fromToken('az-key-123456') });
    expect((await generator.run('Hi')).replies).toEqual(['Azure says hello from Sweden Central.']);
    expect(server.requests[0]!.url).toBe('/openai/deployments/dep/chat/completions?api-version=2023-05-15');
    expect(() => generator.toDict()).toThrow(/Cannot serialize token-based secret/);
    const plain = new AzureOpenAIGenerator({ azureEndpoint: 'https://r.openai.azure.com' }).toDict();
    expect(plain.type).toBe('haystack.components.generators.azure.AzureOpenAIGenerator');
    expect(AzureOpenAIGenerator.fromDict(plain).toDict()).toEqual(plain);
  });
});

describe('HuggingFaceAPIGenerator', () => {
  it("should translate Haystack's text-generation kwargs to the Messages API", async () => {
    server.enqueue({ sse: loadChunks('huggingface/tgi') });
    const generator = new HuggingFaceAPIGenerator({
      apiType: 'text_generation_inference',
      apiParams: { url: server.url },
      generationKwargs: { max_new_tokens: 64 },
      stopWords: ['###'],
    });
    const result = await generator.run('Hi', { streamingCallback: () => undefined });
    expect(result.replies[0]).toBe('Text Generation Inference here.');
    expect(server.requests[0]!.json).toMatchObject({ max_tokens: 64, stop: ['###'] });
    expect(generator.toDict().init_parameters.generation_kwargs).toEqual({ max_new_tokens: 64, stop_sequences: ['###'] });
  });
});

describe('DALLEImageGenerator', () => {
  it('should return image URLs and the revised prompt', async () => {
    const fixture = loadJson('openai/image-url') as { data: Array<{ url: string; revised_prompt: string }> };
    server.enqueue({ json: fixture });
    const generator = new DALLEImageGenerator({ apiKey: key, apiBaseUrl: `${server.url}/v1` });
    const result = await generator.run('A hayloft at dawn');
    expect(result).toEqual({ images: [fixture.data[0]!.url], revisedPrompt: fixture.data[0]!.revised_prompt });
    expect(server.requests[0]!.url).toBe('/v1/images/generations');
    expect(server.requests[0]!.json).toEqual({
      model: 'dall-e-3',
      prompt: 'A hayloft at dawn',
      size: '1024x1024',
      quality: 'standard',
      response_format: 'url',
      n: 1,
    });
  });

  it('should return base64 images when asked and surface errors', async () => {
    server.enqueue({ json: loadJson('openai/image-b64') });
    const generator = new DALLEImageGenerator({ apiKey: key, apiBaseUrl: `${server.url}/v1`, responseFormat: 'b64_json' });
    const result = await generator.invoke({ prompt: 'x' });
    expect(result.images[0]).toMatch(/^iVBORw0KGgo/);
    expect(result.revised_prompt).toBe('A warm wooden hayloft at dawn.');
    server.enqueue({ status: 400, json: loadJson('openai/error-400.error') });
    expect(ProviderError.isInstance(await rejectionOf(generator.run('x')))).toBe(true);
    await expect(generator.run('  ')).rejects.toThrow(/non-empty prompt/);
  });

  it("should read Haystack 3's OpenAIImageGenerator dict and write it back in that dialect", () => {
    const v3 = {
      type: 'haystack.components.generators.openai_image_generator.OpenAIImageGenerator',
      init_parameters: {
        model: 'gpt-image-1',
        quality: 'auto',
        size: '1024x1024',
        api_key: { type: 'env_var', env_vars: ['OPENAI_API_KEY'], strict: true },
        api_base_url: null,
        organization: null,
        http_client_kwargs: null,
      },
    };
    const generator = OpenAIImageGenerator.fromDict(v3);
    expect(generator).toBeInstanceOf(DALLEImageGenerator);
    expect(generator.toDict()).toEqual({ ...v3, init_parameters: { ...v3.init_parameters, response_format: 'url' } });
  });
});
