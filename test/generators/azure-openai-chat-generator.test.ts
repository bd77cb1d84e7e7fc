import { describe, expect, it } from 'vitest';
import { AzureOpenAIChatGenerator, ChatMessage, ProviderError, Secret } from '../../src/index.js';
import { expectedText, redactedRequest, rejectionOf } from '../support/fixtures.js';
import { loadChunks, loadJson } from '../support/replay-server.js';
import { useReplayServer } from '../support/use-replay-server.js';

const server = await useReplayServer();

const key = 'azure-key-0a1b2c3d4e5f';
const hi = [ChatMessage.fromUser('Hi')];

const generator = (options: ConstructorParameters<typeof AzureOpenAIChatGenerator>[0] = {}) =>
  new AzureOpenAIChatGenerator({
    azureEndpoint: server.url,
    azureDeployment: 'gpt-4o-mini-eu',
    apiVersion: '2024-10-21',
    apiKey: Secret.fromToken(key),
    maxRetries: 0,
    ...options,
  });


describe('AzureOpenAIChatGenerator', () => {
  it('should call the deployment path with api-version and the api-key header', async () => {
    server.enqueue({ json: loadJson('azure/text') });
    const { replies } = await generator().run(hi);
    expect(replies[0]!.text).toBe('Azure says hello from Sweden Central.');
    const [request] = server.requests;
    expect(request!.url).toBe('/openai/deployments/gpt-4o-mini-eu/chat/completions?api-version=2024-10-21');
    expect(request!.headers['api-key']).toBe(key);
    expect(request!.headers).not.toHaveProperty('authorization');
    expect(redactedRequest(request!)).toMatchSnapshot();
  });

  it("should skip Azure's prompt-filter chunks and choices without a delta", async () => {
    const chunks = loadChunks('azure/text');
    server.enqueue({ sse: chunks });
    const received: string[] = [];
    const { replies } = await generator().run(hi, { streamingCallback: (chunk) => void received.push(chunk.content) });
    expect(replies[0]!.text).toBe(expectedText(chunks));
    // The filter chunk has an empty model; the reply still names the real one.
    expect(replies[0]!.meta.model).toBe('gpt-4o-mini-2024-07-18');
    expect(replies[0]!.meta.finish_reason).toBe('stop');
    expect(replies[0]!.meta.usage).toMatchObject({ total_tokens: 21 });
    expect(received.every((content) => typeof content === 'string')).toBe(true);
  });

  it('should keep the content_filter code of a filtered prompt', async () => {
    server.enqueue({ status: 400, json: loadJson('azure/content-filter.error') });
    const error = await rejectionOf<ProviderError>(generator().run(hi));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.code).toBe('content_filter');
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/content management policy/);
  });

  it('should honour x-ms-retry-after-ms before the first token', async () => {
    server.enqueue(
      { status: 429, json: { error: { code: '429', message: 'Requests to the ChatCompletions_Create Operation have exceeded the rate limit.' } }, headers: { 'x-ms-retry-after-ms': '20' } },
      { json: loadJson('azure/text') },
    );
    const { replies } = await generator({ maxRetries: 1 }).run(hi);
    expect(replies[0]!.text).toBeTruthy();
    expect(server.requests).toHaveLength(2);
  });

  it('should send an Entra ID token as a bearer token', async () => {
    server.enqueue({ json: loadJson('azure/text') });
    await generator({ apiKey: Secret.fromEnvVar('HAYLOFT_UNSET', { strict: false }), azureAdTokenProvider: () => Promise.resolve('entra-token-xyz') }).run(hi);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer entra-token-xyz');
    expect(server.requests[0]!.headers).not.toHaveProperty('api-key');
  });

  it('should send no credential to hayloft\'s proxy when no key is set', async () => {
    server.enqueue({ json: loadJson('azure/text') });
    await generator({ azureEndpoint: `${server.url}/azure`, apiKey: Secret.fromEnvVar('HAYLOFT_UNSET', { strict: false }) }).run(hi);
    expect(server.requests[0]!.url).toBe('/azure/openai/deployments/gpt-4o-mini-eu/chat/completions?api-version=2024-10-21');
    expect(server.requests[0]!.headers).not.toHaveProperty('api-key');
    expect(server.requests[0]!.headers).not.toHaveProperty('authorization');
  });

  it("should write Haystack's dict and read it back", () => {
    const dict = new AzureOpenAIChatGenerator({ azureEndpoint: 'https://res.openai.azure.com' }).toDict();
    expect(dict).toEqual({
      type: 'haystack.components.generators.chat.azure.AzureOpenAIChatGenerator',
      init_parameters: {
        azure_endpoint: 'https://res.openai.azure.com',
        azure_deployment: 'gpt-4o-mini',
        organization: null,
        api_version: '2023-05-15',
        streaming_callback: null,
        generation_kwargs: {},
        timeout: null,
        max_retries: null,
        api_key: { type: 'env_var', env_vars: ['AZURE_OPENAI_API_KEY'], strict: false },
        azure_ad_token: { type: 'env_var', env_vars: ['AZURE_OPENAI_AD_TOKEN'], strict: false },
        default_headers: {},
        tools: null,
        tools_strict: false,
        azure_ad_token_provider: null,
        http_client_kwargs: null,
      },
    });
    expect(AzureOpenAIChatGenerator.fromDict(dict).toDict()).toEqual(dict);
  });

  it('should say how to set the endpoint when none is given', async () => {
    const error = await rejectionOf(new AzureOpenAIChatGenerator().run(hi));
    expect(error.message).toMatch(/needs an endpoint: pass azureEndpoint.*AZURE_OPENAI_ENDPOINT/);
  });
});
