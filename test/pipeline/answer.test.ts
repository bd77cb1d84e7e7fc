import { describe, expect, it } from 'vitest';
import { ChatMessage } from '../../src/core/index.js';
import { ExtractedAnswer, GeneratedAnswer } from '../../src/pipeline/answer.js';
import { Document } from '../../src/pipeline/document.js';

const source = new Document({ content: 'Paris is the capital of France.', meta: { page: 3 }, score: 0.7 });

describe('GeneratedAnswer', () => {
  it('should write Haystack’s dict with nested (unflattened) documents and read it back', () => {
    const answer = new GeneratedAnswer({ data: 'Paris.', query: 'Capital of France?', documents: [source], meta: { model: 'gpt-4o' } });
    const dict = answer.toDict();
    expect(dict).toEqual({
      type: 'haystack.dataclasses.answer.GeneratedAnswer',
      init_parameters: { data: 'Paris.', query: 'Capital of France?', documents: [source.toDict(false)], meta: { model: 'gpt-4o' } },
    });
    expect((dict.init_parameters.documents as { meta: unknown }[])[0]!.meta).toEqual({ page: 3 });
    const back = GeneratedAnswer.fromDict(JSON.parse(JSON.stringify(dict)) as typeof dict);
    expect(back.documents[0]!.id).toBe(source.id);
    expect(back.toDict()).toEqual(dict);
  });

  it('should serialise all_messages as ChatMessage dicts and read them back as ChatMessages', () => {
    const messages = [ChatMessage.fromUser('Capital of France?'), ChatMessage.fromAssistant('Paris.')];
    const dict = new GeneratedAnswer({ data: 'Paris.', query: 'q', meta: { all_messages: messages } }).toDict();
    expect((dict.init_parameters.meta as { all_messages: unknown[] }).all_messages).toEqual(messages.map((message) => message.toDict()));
    const back = GeneratedAnswer.fromDict(JSON.parse(JSON.stringify(dict)) as typeof dict);
    expect((back.meta.all_messages as ChatMessage[])[1]).toBeInstanceOf(ChatMessage);
    expect((back.meta.all_messages as ChatMessage[])[1]!.text).toBe('Paris.');
  });

  it('should refuse a dict of another type or without data', () => {
    expect(() => GeneratedAnswer.fromDict({ type: 'haystack.dataclasses.answer.ExtractedAnswer', init_parameters: {} })).toThrow(/can't be deserialized/);
    expect(() => GeneratedAnswer.fromDict({ type: GeneratedAnswer.typeNames[0], init_parameters: { query: 'q' } })).toThrow(/string 'data' and 'query'/);
  });
});

describe('ExtractedAnswer', () => {
  it('should write Haystack’s dict in its key order and read it back', () => {
    const answer = new ExtractedAnswer({ query: 'Capital?', score: 0.9, data: 'Paris', document: source, context: 'Paris is', documentOffset: { start: 0, end: 5 } });
    const dict = answer.toDict();
    expect(Object.keys(dict.init_parameters)).toEqual(['data', 'query', 'document', 'context', 'score', 'document_offset', 'context_offset', 'meta']);
    expect(dict).toEqual({
      type: 'haystack.dataclasses.answer.ExtractedAnswer',
      init_parameters: { data: 'Paris', query: 'Capital?', document: source.toDict(false), context: 'Paris is', score: 0.9, document_offset: { start: 0, end: 5 }, context_offset: null, meta: {} },
    });
    expect(ExtractedAnswer.fromDict(JSON.parse(JSON.stringify(dict)) as typeof dict).toDict()).toEqual(dict);
  });

  it('should allow the no-answer candidate (data null) and refuse a malformed offset', () => {
    expect(new ExtractedAnswer({ query: 'q', score: 0.1 }).toDict().init_parameters).toMatchObject({ data: null, document: null });
    expect(() => ExtractedAnswer.fromDict({ type: ExtractedAnswer.typeNames[0], init_parameters: { query: 'q', score: 1, document_offset: { start: 1 } } })).toThrow(/document_offset/);
  });
});
