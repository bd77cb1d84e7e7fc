import { describe, expect, it } from 'vitest';
import { ChatMessage, STACKITChatGenerator, Secret } from '../../src/index.js';
import { expectedText, redactedRequest } from '../support/fixtures.js';
import { loadChunks } from '../support/replay-server.js';
import { useReplayServer } from '../support/use-replay-server.js';

const server = await useReplayServer();

const model = 'cortecs/Llama-3.3-70B-Instruct-FP8-Dynamic';


describe('STACKITChatGenerator', () => {
  it("should stream from STACKIT's vLLM-based endpoint", async () => {
    const chunks = loadChunks('stackit/text');
    server.enqueue({ sse: chunks });
    const generator = new STACKITChatGenerator({ model, apiBaseUrl: `${server.url}/v1`, apiKey: Secret.fromToken('stackit-key-123456') });
    const { replies } = await generator.run([ChatMessage.fromUser('Hallo')], { streamingCallback: () => undefined });
    expect(replies[0]!.text).toBe(expectedText(chunks));
    expect(replies[0]!.meta).toMatchObject({ model, finish_reason: 'stop', usage: { total_tokens: 23 } });
    expect(redactedRequest(server.requests[0]!)).toMatchSnapshot();
  });

  it('should need a model and default to STACKIT\'s endpoint', () => {
    expect(() => new STACKITChatGenerator({ model: '' })).toThrow(/needs a model/);
    const dict = new STACKITChatGenerator({ model }).toDict();
    expect(dict).toEqual({
      type: 'haystack_integrations.components.generators.stackit.chat.chat_generator.STACKITChatGenerator',
      init_parameters: {
        model,
        streaming_callback: null,
        api_base_url: 'https://api.openai-compat.model-serving.eu01.onstackit.cloud/v1',
        generation_kwargs: {},
        api_key: { type: 'env_var', env_vars: ['STACKIT_API_KEY'], strict: true },
        timeout: null,
        max_retries: null,
        http_client_kwargs: null,
      },
    });
    expect(STACKITChatGenerator.fromDict(dict).toDict()).toEqual(dict);
  });
});
