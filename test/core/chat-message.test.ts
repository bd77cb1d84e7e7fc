import { describe, expect, it } from 'vitest';
import { ChatMessage, ConfigError, ImageContent } from '../../src/index.js';

// A 1x1 transparent PNG.
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('ChatMessage', () => {
  it('should build each role with its getters', () => {
    const user = ChatMessage.fromUser('Hi');
    expect(user.role).toBe('user');
    expect(user.text).toBe('Hi');
    expect(user.texts).toEqual(['Hi']);
    expect(user.isFrom('user')).toBe(true);

    const assistant = ChatMessage.fromAssistant('Let me check.', {
      reasoning: 'The user wants weather.',
      toolCalls: [{ id: 'call_1', toolName: 'weather', arguments: { city: 'Paris' } }],
      meta: { model: 'gpt-4o-mini' },
    });
    expect(assistant.content.map((part) => part.type)).toEqual(['reasoning', 'text', 'tool_call']);
    expect(assistant.toolCall).toEqual({ type: 'tool_call', id: 'call_1', toolName: 'weather', arguments: { city: 'Paris' } });
    expect(assistant.reasoning?.reasoningText).toBe('The user wants weather.');
    expect(assistant.meta.model).toBe('gpt-4o-mini');

    const origin = assistant.toolCall!;
    const tool = ChatMessage.fromTool('22 °C', origin, { error: false });
    expect(tool.toolCallResult).toEqual({ type: 'tool_call_result', result: '22 °C', origin, error: false });
    expect(ChatMessage.fromSystem('Be brief.').text).toBe('Be brief.');
  });

  it('should be immutable', () => {
    const message = ChatMessage.fromUser('Hi', { meta: { a: 1 } });
    expect(Object.isFrozen(message)).toBe(true);
    expect(Object.isFrozen(message.content)).toBe(true);
    expect(Object.isFrozen(message.meta)).toBe(true);
    expect(() => {
      (message as { role: string }).role = 'system';
    }).toThrow(TypeError);
    const copy = message.withMeta({ b: 2 });
    expect(copy.meta).toEqual({ a: 1, b: 2 });
    expect(message.meta).toEqual({ a: 1 });
  });

  it('should refuse an unknown role and parts a role cannot hold, naming what is valid', () => {
    expect(() => ChatMessage.create('robot' as never, [])).toThrow(/Unknown chat role 'robot'. Valid roles: user, system, assistant, tool/);
    expect(() => ChatMessage.create('system', [ImageContent.fromBase64(png)])).toThrow(/cannot hold a 'image' part/);
    expect(() => ChatMessage.fromUser([])).toThrow(ConfigError);
  });

  it("should write exactly Haystack's dict shape and read it back", () => {
    const assistant = ChatMessage.fromAssistant('Hello', {
      reasoning: 'thinking',
      toolCalls: [{ id: 'call_1', toolName: 'weather', arguments: { city: 'Paris' } }],
      meta: { model: 'm', finish_reason: 'tool_calls' },
    });
    expect(assistant.toDict()).toEqual({
      role: 'assistant',
      meta: { model: 'm', finish_reason: 'tool_calls' },
      name: null,
      content: [
        { reasoning: { reasoning_text: 'thinking', extra: {} } },
        { text: 'Hello' },
        { tool_call: { tool_name: 'weather', arguments: { city: 'Paris' }, id: 'call_1', extra: null } },
      ],
    });
    expect(ChatMessage.fromDict(assistant.toDict())).toEqual(assistant);

    const tool = ChatMessage.fromTool('22', assistant.toolCall!);
    expect(tool.toDict().content).toEqual([
      {
        tool_call_result: {
          result: '22',
          origin: { tool_name: 'weather', arguments: { city: 'Paris' }, id: 'call_1', extra: null },
          error: false,
        },
      },
    ]);
    expect(ChatMessage.fromDict(tool.toDict())).toEqual(tool);

    const user = ChatMessage.fromUser([{ type: 'text', text: 'What is this?' }, ImageContent.fromBase64(png, { detail: 'low' })], {
      name: 'ana',
    });
    expect(user.toDict()).toEqual({
      role: 'user',
      meta: {},
      name: 'ana',
      content: [
        { text: 'What is this?' },
        { image: { base64_image: png, mime_type: 'image/png', detail: 'low', meta: {}, validation: true } },
      ],
    });
    expect(ChatMessage.fromDict(user.toDict())).toEqual(user);
  });

  it("should read Haystack's legacy shapes", () => {
    const pre29 = ChatMessage.fromDict({ role: 'user', content: 'Hi there', meta: {}, name: null });
    expect(pre29.text).toBe('Hi there');
    const v29 = ChatMessage.fromDict({ _role: 'assistant', _content: [{ text: 'Hello' }], _meta: { model: 'x' }, _name: null });
    expect(v29.role).toBe('assistant');
    expect(v29.text).toBe('Hello');
    expect(v29.meta).toEqual({ model: 'x' });
  });

  it('should explain a malformed dict', () => {
    expect(() => ChatMessage.fromDict({ content: [] })).toThrow(/missing 'role'/);
    expect(() => ChatMessage.fromDict({ role: 'user', content: [{ audio: 'x' }] })).toThrow(/Valid keys: text, tool_call/);
    expect(() => ChatMessage.fromDict({ role: 'user', content: 5 })).toThrow(/'content' must be a list/);
  });

  it('should produce the OpenAI chat-completions message for every role', () => {
    expect(ChatMessage.fromSystem('Be brief.').toOpenAIDictFormat()).toEqual({ role: 'system', content: 'Be brief.' });
    expect(ChatMessage.fromUser('Hi', { name: 'ana' }).toOpenAIDictFormat()).toEqual({ role: 'user', content: 'Hi', name: 'ana' });
    const withImage = ChatMessage.fromUser([
      { type: 'text', text: 'What is this?' },
      ImageContent.fromBase64(png, { detail: 'high' }),
      ImageContent.fromUrl('https://example.com/cat.jpg'),
    ]);
    expect(withImage.toOpenAIDictFormat()).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${png}`, detail: 'high' } },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
      ],
    });
    const call = { id: 'call_1', toolName: 'weather', arguments: { city: 'Köln' } };
    expect(ChatMessage.fromAssistant(null, { toolCalls: [call] }).toOpenAIDictFormat()).toEqual({
      role: 'assistant',
      tool_calls: [{ type: 'function', function: { name: 'weather', arguments: '{"city":"Köln"}' }, id: 'call_1' }],
    });
    const origin = ChatMessage.fromAssistant(null, { toolCalls: [call] }).toolCall!;
    expect(ChatMessage.fromTool('22', origin).toOpenAIDictFormat()).toEqual({ role: 'tool', content: '22', tool_call_id: 'call_1' });
  });

  it('should refuse to send a tool call without an id, or a reasoning-only message', () => {
    const noId = ChatMessage.fromAssistant(null, { toolCalls: [{ toolName: 'x', arguments: {} }] });
    expect(() => noId.toOpenAIDictFormat()).toThrow('`ToolCall` must have a non-null `id` attribute to be used with OpenAI.');
    expect(() => ChatMessage.fromAssistant(null, { reasoning: 'hm' }).toOpenAIDictFormat()).toThrow(/must contain at least one/);
  });
});

describe('ImageContent', () => {
  it('should accept base64, data URLs, https URLs and blobs', async () => {
    expect(ImageContent.fromBase64(`data:image/png;base64,${png}`).base64Image).toBe(png);
    expect(ImageContent.fromBase64(png).mimeType).toBe('image/png');
    expect(ImageContent.fromUrl('https://example.com/a.png').url).toBe('https://example.com/a.png');
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
    const fromBlob = await ImageContent.fromBlob(new File([bytes], 'dot.png', { type: 'image/png' }));
    expect(fromBlob.base64Image).toBe(png);
    expect(fromBlob.meta).toEqual({ file_name: 'dot.png' });
  });

  it('should refuse what is not an image', () => {
    expect(() => ImageContent.fromBase64('not base64!')).toThrow(/needs base64 data/);
    expect(() => ImageContent.fromBase64(png, { mimeType: 'text/html' })).toThrow(/needs an image mime type/);
    expect(() => ImageContent.fromUrl('javascript:alert(1)')).toThrow(/accepts https: and http: URLs/);
    expect(() => ImageContent.fromUrl('cat.png')).toThrow(/absolute URL/);
    expect(() => ImageContent.fromBase64(png, { detail: 'ultra' as never })).toThrow(/Valid values: auto, high, low/);
  });
});
