import { afterEach, describe, expect, it } from 'vitest';
import { ChatMessage, ConfigError, OpenAIChatGenerator, STACKITChatGenerator, Secret } from '../../src/index.js';
import { rejectionOf } from '../support/fixtures.js';
import { replay } from '../support/replay-client.js';

const hi = [ChatMessage.fromUser('Hi')];

afterEach(() => replay.reset());

describe('generators in a browser', () => {
  it('should stream from an OpenAI-compatible server (the proxy) and send no credential', async () => {
    await replay.enqueue({ sseFixture: 'openai/text' });
    // The default key is Secret.fromEnvVar('OPENAI_API_KEY'): in a browser it resolves to nothing.
    const generator = new OpenAIChatGenerator({ apiBaseUrl: `${replay.url()}/openai/v1`, maxRetries: 0 });
    const pieces: string[] = [];
    const { replies } = await generator.run(hi, { streamingCallback: (chunk) => void pieces.push(chunk.content) });
    expect(replies[0]!.text).toBeTruthy();
    expect(pieces.join('')).toBe(replies[0]!.text);
    const [request] = await replay.requests();
    expect(request!.url).toBe('/openai/v1/chat/completions');
    expect(request!.headers).not.toHaveProperty('authorization');
    expect(request!.headers).not.toHaveProperty('api-key');
  });

  it('should refuse a real key in a browser unless the caller opts in loudly', async () => {
    const generator = new OpenAIChatGenerator({ apiKey: Secret.fromToken('sk-browser-1234'), apiBaseUrl: `${replay.url()}/v1` });
    const error = await rejectionOf(generator.run(hi));
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error).message).toMatch(/in a browser, where every visitor could read it.*dangerouslyAllowBrowserKey/);
    expect(await replay.requests()).toEqual([]);

    await replay.enqueue({ jsonFixture: 'openai/text' });
    const optedIn = new OpenAIChatGenerator({
      apiKey: Secret.fromToken('sk-browser-1234'),
      apiBaseUrl: `${replay.url()}/v1`,
      dangerouslyAllowBrowserKey: true,
    });
    await optedIn.run(hi);
    expect((await replay.requests())[0]!.headers.authorization).toBe('Bearer sk-browser-1234');
  });

  it("should tell the user to use the proxy when pointed at a provider's own host without a key", async () => {
    const error = await rejectionOf(new STACKITChatGenerator({ model: 'google/gemma-3-27b-it' }).run(hi));
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error).message).toMatch(/has no API key in the browser.*hayloft's proxy/);
  });

  it('should resolve a relative base URL against the page, as a same-origin proxy needs', async () => {
    const urls: string[] = [];
    const generator = new OpenAIChatGenerator({
      apiBaseUrl: '/api/openai/v1',
      maxRetries: 0,
      fetch: (input, init) => {
        urls.push(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      },
    });
    // Nothing answers at that path on the test page's origin: a 404 from there proves where it went.
    const error = await rejectionOf(generator.run(hi));
    expect(urls).toEqual([`${location.origin}/api/openai/v1/chat/completions`]);
    expect(error.message).toMatch(/\(404\)/);
  });
});
