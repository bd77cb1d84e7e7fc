import { describe, expect, it } from 'vitest';
import { ChatMessage } from '../../src/index.js';
import { AnswerBuilder, Document } from '../../src/pipeline/index.js';

const documents = [
  new Document({ content: 'Berlin is the capital of Germany.' }),
  new Document({ content: 'Paris is the capital of France.' }),
  new Document({ content: 'Rome is the capital of Italy.' }),
];

describe('AnswerBuilder', () => {
  it("should mark cited documents as Haystack's example shows", async () => {
    const builder = new AnswerBuilder({ referencePattern: String.raw`\[(\d+)\]`, returnOnlyReferencedDocuments: false });
    const { answers } = await builder.run({ query: 'What is the capital of France?', replies: ['The capital of France is Paris [2].'], documents });
    const [answer] = answers;
    expect(answer!.data).toBe('The capital of France is Paris [2].');
    expect(answer!.documents.map((document) => [document.meta.source_index, document.meta.referenced, document.content])).toEqual([
      [1, false, 'Berlin is the capital of Germany.'],
      [2, true, 'Paris is the capital of France.'],
      [3, false, 'Rome is the capital of Italy.'],
    ]);
    // Copies keep the documents' ids; the inputs are not changed.
    expect(answer!.documents[1]!.id).toBe(documents[1]!.id);
    expect(documents[1]!.meta).toEqual({});
  });

  it('should return only cited documents by default, expand ranges when asked, and skip references past the end', async () => {
    const cited = await new AnswerBuilder({ referencePattern: String.raw`\[(\d+)\]` }).run({ query: 'q', replies: ['See [3] and [1] and [9].'], documents });
    expect(cited.answers[0]!.documents.map((document) => document.meta.source_index)).toEqual([1, 3]);
    const ranges = await new AnswerBuilder({ referencePattern: String.raw`\[(\d+)\]`, expandReferenceRanges: true }).run({ query: 'q', replies: ['See [2-3].'], documents });
    expect(ranges.answers[0]!.documents.map((document) => document.meta.source_index)).toEqual([2, 3]);
  });

  it('should extract the answer with a pattern, read ChatMessages and merge their meta', async () => {
    const builder = new AnswerBuilder({ pattern: 'Answer: (.*)' });
    const reply = ChatMessage.fromAssistant('This is an argument. Answer: This is the answer.', { meta: { model: 'gpt-4o-mini' } });
    const { answers } = await builder.run({ query: "What's the answer?", replies: [reply], meta: [{ source: 'test' }] });
    expect(answers[0]!.data).toBe('This is the answer.');
    expect(answers[0]!.meta).toMatchObject({ model: 'gpt-4o-mini', source: 'test', all_messages: [reply] });
    expect(answers[0]!.documents).toEqual([]);
    const none = await builder.run({ query: 'q', replies: ['no marker here'] });
    expect(none.answers[0]!.data).toBe('');
  });

  it('should refuse a pattern with two groups and mismatched meta, and round-trip its dict', async () => {
    expect(() => new AnswerBuilder({ pattern: '(a)(b)' })).toThrow("Pattern '(a)(b)' contains multiple capture groups. Please specify a pattern with at most one capture group.");
    await expect(new AnswerBuilder().run({ query: 'q', replies: ['a', 'b'], meta: [{}] })).rejects.toThrow('Number of replies (2), and metadata (1) must match.');
    const builder = new AnswerBuilder({ pattern: 'Answer: (.*)', lastMessageOnly: true });
    expect(builder.toDict()).toEqual({
      type: 'haystack.components.builders.answer_builder.AnswerBuilder',
      init_parameters: { pattern: 'Answer: (.*)', reference_pattern: null, last_message_only: true, return_only_referenced_documents: true, expand_reference_ranges: false },
    });
    expect(AnswerBuilder.fromDict(builder.toDict()).toDict()).toEqual(builder.toDict());
    const { answers } = await builder.run({ query: 'q', replies: ['Answer: first', 'Answer: last'] });
    expect(answers.map((answer) => answer.data)).toEqual(['last']);
  });
});
