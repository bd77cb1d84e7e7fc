import { describe, expect, it } from 'vitest';
import { AbortError, ProviderError, StreamAssembler, assembleChunks, type StreamingChunk } from '../../src/index.js';

const text = (content: string, meta: Record<string, unknown> = {}): StreamingChunk => ({ content, meta: { index: 0, ...meta } });

describe('StreamAssembler', () => {
  it('should join text and keep model, finish reason, usage and start time', () => {
    const [reply] = assembleChunks([
      text('Hel', { model: 'gpt-4o-mini', received_at: '2026-11-22T10:00:00.000Z' }),
      text('lo', { model: 'gpt-4o-mini' }),
      { content: '', meta: { index: 0 }, finishReason: 'stop' },
      { content: '', meta: { model: 'gpt-4o-mini', usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } } },
    ]);
    expect(reply!.text).toBe('Hello');
    expect(reply!.meta).toEqual({
      model: 'gpt-4o-mini',
      index: 0,
      finish_reason: 'stop',
      completion_start_time: '2026-11-22T10:00:00.000Z',
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
  });

  it('should assemble tool calls by index from argument fragments, with empty arguments as {}', () => {
    const [reply] = assembleChunks([
      { content: '', meta: { index: 0 }, toolCalls: [{ index: 0, id: 'call_a', toolName: 'weather', arguments: '' }] },
      { content: '', meta: { index: 0 }, toolCalls: [{ index: 1, id: 'call_b', toolName: 'time', arguments: '' }] },
      { content: '', meta: { index: 0 }, toolCalls: [{ index: 0, arguments: '{"ci' }] },
      { content: '', meta: { index: 0 }, toolCalls: [{ index: 0, arguments: 'ty": "Köln"}' }] },
      { content: '', meta: { index: 0 }, finishReason: 'tool_calls' },
    ]);
    expect(reply!.toolCalls).toEqual([
      { type: 'tool_call', id: 'call_a', toolName: 'weather', arguments: { city: 'Köln' } },
      { type: 'tool_call', id: 'call_b', toolName: 'time', arguments: {} },
    ]);
    expect(reply!.meta.finish_reason).toBe('tool_calls');
  });

  it('should keep invalid tool-call JSON in meta instead of dropping it silently', () => {
    const [reply] = assembleChunks([
      { content: '', meta: {}, toolCalls: [{ index: 0, id: 'c', toolName: 'x', arguments: '{"broken' }] },
    ]);
    expect(reply!.toolCalls).toEqual([]);
    expect(reply!.meta.invalid_tool_calls).toEqual([{ id: 'c', tool_name: 'x', arguments: '{"broken' }]);
  });

  it("should read TGI's nameless grammar tool call, end token and all", () => {
    const [reply] = assembleChunks([
      { content: '', meta: {}, toolCalls: [{ index: 0, id: null, toolName: null, arguments: '{"function": {"_name": "get_weather", ' }] },
      { content: '', meta: {}, toolCalls: [{ index: 0, arguments: '"city": "Bonn"}}<|eot_id|>' }] },
    ]);
    expect(reply!.toolCalls).toEqual([{ type: 'tool_call', id: null, toolName: 'get_weather', arguments: { city: 'Bonn' } }]);
    const [plain] = assembleChunks([{ content: '', meta: {}, toolCalls: [{ index: 0, arguments: '{"function": {"city": "Bonn"}}' }] }]);
    expect(plain!.toolCalls).toEqual([]);
    expect(plain!.meta.invalid_tool_calls).toHaveLength(1);
  });

  it('should keep choices apart for n > 1', () => {
    const replies = assembleChunks([
      text('A', { index: 0 }),
      text('B', { index: 1 }),
      text('a', { index: 0 }),
      text('b', { index: 1 }),
      { content: '', meta: { index: 1 }, finishReason: 'length' },
      { content: '', meta: { index: 0 }, finishReason: 'stop' },
    ]);
    expect(replies.map((reply) => [reply.text, reply.meta.index, reply.meta.finish_reason])).toEqual([
      ['Aa', 0, 'stop'],
      ['Bb', 1, 'length'],
    ]);
  });

  it('should mark a stream that ended without [DONE] or a finish reason as truncated', () => {
    const cut = assembleChunks([text('Half an ans')], { completed: false });
    expect(cut[0]!.meta.truncated).toBe(true);
    const finishedNoDone = assembleChunks([text('Whole'), { content: '', meta: {}, finishReason: 'stop' }], { completed: false });
    expect(finishedNoDone[0]!.meta.truncated).toBeUndefined();
  });

  it('should treat [DONE] without a finish reason after tool calls as complete (TGI)', () => {
    const [reply] = assembleChunks(
      [{ content: '', meta: {}, toolCalls: [{ index: 0, id: '0', toolName: 'weather', arguments: '{}' }] }],
      { completed: true },
    );
    expect(reply!.meta.truncated).toBeUndefined();
    expect(reply!.meta.finish_reason).toBe('tool_calls');
  });

  it('should keep the text received so far with the error attached', () => {
    const assembler = new StreamAssembler();
    assembler.push(text('Partial '));
    assembler.push(text('answer'));
    const error = new ProviderError('OpenAI reported an error mid-stream: overloaded', { code: 'server_error' });
    const [reply] = assembler.finish({ completed: false, error });
    expect(reply!.text).toBe('Partial answer');
    expect(reply!.meta.error).toEqual({ kind: 'provider', message: error.message, code: 'server_error' });
    const [aborted] = assembleChunks([text('Stop')], { completed: false, error: new AbortError() });
    expect(aborted!.meta.aborted).toBe(true);
    expect(aborted!.text).toBe('Stop');
  });

  it('should return one empty reply when nothing arrived', () => {
    const replies = assembleChunks([], { completed: false, error: new ProviderError('down') });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBeNull();
    expect(replies[0]!.meta.error).toMatchObject({ message: 'down' });
  });

  it('should join reasoning apart from the answer', () => {
    const [reply] = assembleChunks([
      { content: '', meta: {}, reasoning: { type: 'reasoning', reasoningText: 'First, ' } },
      { content: '', meta: {}, reasoning: { type: 'reasoning', reasoningText: 'think.' } },
      text('Answer'),
    ]);
    expect(reply!.reasoning?.reasoningText).toBe('First, think.');
    expect(reply!.text).toBe('Answer');
    expect(reply!.content.map((part) => part.type)).toEqual(['reasoning', 'text']);
  });
});
