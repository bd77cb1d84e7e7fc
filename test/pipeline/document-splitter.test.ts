import { describe, expect, it } from 'vitest';
import { Document } from '../../src/pipeline/document.js';
import { DocumentSplitter, type DocumentSplitterOptions } from '../../src/pipeline/document-splitter.js';

const split = (options: DocumentSplitterOptions, ...contents: (string | null)[]): Document[] =>
  new DocumentSplitter(options).run(contents.map((content) => new Document({ content }))).documents;

const contents = (documents: readonly Document[]): (string | null)[] => documents.map((doc) => doc.content);
const metaOf = (documents: readonly Document[], key: string): unknown[] => documents.map((doc) => doc.meta[key]);

describe('DocumentSplitter', () => {
  it('should split by words keeping the spaces, with source_id, page_number, split_id and split_idx_start', () => {
    const source = new Document({ content: 'one two three four five six seven', meta: { file: 'a.txt' } });
    const documents = new DocumentSplitter({ splitBy: 'word', splitLength: 3 }).run([source]).documents;
    expect(contents(documents)).toEqual(['one two three ', 'four five six ', 'seven']);
    // 'one two three ' is 3 + 1 + 3 + 1 + 5 + 1 = 14 characters long, and so is 'four five six '.
    expect(metaOf(documents, 'split_idx_start')).toEqual([0, 14, 28]);
    expect(documents[1]!.meta).toEqual({ file: 'a.txt', source_id: source.id, page_number: 1, split_id: 1, split_idx_start: 14 });
  });

  it('should overlap splits and link neighbours with _split_overlap, with Haystack’s ids', () => {
    // Printed by Haystack 2.31 for the same input and options.
    const ids = [
      '7beeaaaa9a35455153a4e09f8f83617347f94ef9b18bc149362a5f511c784e57',
      '9b4e463e59ee012894daf06462927cc4eb761124811c23a1ca9bf84c9ee6871b',
      '17550bbe217015c5da4290d4f85e79c4d83cf9784260008a7db04d78c80b208c',
    ];
    const documents = split({ splitBy: 'word', splitLength: 3, splitOverlap: 1 }, 'one two three four five six seven');
    expect(contents(documents)).toEqual(['one two three ', 'three four five ', 'five six seven']);
    expect(documents.map((doc) => doc.id)).toEqual(ids);
    // Starts: 0; 'one two ' = 8; 8 + 'three four ' (11) = 19. Split 1 repeats split 0's characters 8..14 ('three ').
    expect(metaOf(documents, 'split_idx_start')).toEqual([0, 8, 19]);
    expect(metaOf(documents, '_split_overlap')).toEqual([
      [{ doc_id: ids[1], range: [0, 6] }],
      [{ doc_id: ids[0], range: [8, 14] }, { doc_id: ids[2], range: [0, 5] }],
      [{ doc_id: ids[1], range: [11, 16] }],
    ]);
  });

  it('should count split_idx_start in code points, as Python does, for emoji and CJK', () => {
    const documents = split({ splitBy: 'word', splitLength: 2 }, '😀 café 東京 x');
    expect(contents(documents)).toEqual(['😀 café ', '東京 x']);
    // '😀 café ' is 7 code points (8 UTF-16 units).
    expect(metaOf(documents, 'split_idx_start')).toEqual([0, 7]);
  });

  it('should number pages by form feeds, and by units when splitting by page', () => {
    const byWord = split({ splitBy: 'word', splitLength: 2 }, 'a b\fc d e\ff');
    expect(contents(byWord)).toEqual(['a b\fc ', 'd e\ff']);
    expect(metaOf(byWord, 'page_number')).toEqual([1, 2]);
    const byPage = split({ splitBy: 'page', splitLength: 1 }, 'p1 a\fp2 b\f\fp4');
    expect(contents(byPage)).toEqual(['p1 a\f', 'p2 b\f', '\f', 'p4']);
    expect(metaOf(byPage, 'page_number')).toEqual([1, 2, 3, 4]);
    expect(metaOf(byPage, 'split_idx_start')).toEqual([0, 5, 10, 11]);
  });

  it('should split by passage, line and period, keeping the separators', () => {
    expect(contents(split({ splitBy: 'passage', splitLength: 1 }, 'p1 l1\np1 l2\n\np2'))).toEqual(['p1 l1\np1 l2\n\n', 'p2']);
    expect(contents(split({ splitBy: 'line', splitLength: 2 }, 'p1 l1\np1 l2\n\np2'))).toEqual(['p1 l1\np1 l2\n', '\np2']);
    expect(contents(split({ splitBy: 'period', splitLength: 2 }, 'A. B. C'))).toEqual(['A. B.', ' C']);
  });

  it('should append a split shorter than split_threshold to the previous one', () => {
    expect(contents(split({ splitBy: 'word', splitLength: 3, splitThreshold: 2 }, 'a b c d e f g'))).toEqual(['a b c ', 'd e f g']);
    expect(contents(split({ splitBy: 'word', splitLength: 3 }, 'a b c d e f g'))).toEqual(['a b c ', 'd e f ', 'g']);
  });

  it('should split by sentence, keeping abbreviations and whitespace', () => {
    const documents = split({ splitBy: 'sentence', splitLength: 2 }, 'Mr. Smith went home. He slept! Did he? Yes.');
    expect(contents(documents)).toEqual(['Mr. Smith went home. He slept! ', 'Did he? Yes.']);
    expect(metaOf(documents, 'split_idx_start')).toEqual([0, 31]);
    // Haystack's split rules: a quoted question and a list number do not end a sentence.
    expect(contents(split({ splitBy: 'sentence', splitLength: 1 }, '"Why?" he asked. 1. First item.'))).toEqual(['"Why?" he asked. ', '1. First item.']);
  });

  it('should fill word splits with whole sentences when respecting sentence boundaries', () => {
    const text = 'One two three. Four five. Six seven eight nine. Ten.';
    const documents = split({ splitBy: 'word', splitLength: 5, respectSentenceBoundary: true }, text);
    expect(contents(documents)).toEqual(['One two three. Four five. ', 'Six seven eight nine. Ten.']);
    const overlapping = split({ splitBy: 'word', splitLength: 5, splitOverlap: 1, respectSentenceBoundary: true }, text);
    expect(contents(overlapping)).toEqual(['One two three. Four five. ', 'Four five. Six seven eight nine. ', 'Six seven eight nine. Ten.']);
  });

  it('should skip empty documents but keep whitespace-only ones, as Haystack does', () => {
    expect(split({ splitBy: 'word', splitLength: 2 }, '', 'word')).toHaveLength(1);
    // '   '.split(' ') gives four units: ' ', ' ', ' ' and ''.
    expect(contents(split({ splitBy: 'word', splitLength: 2 }, '   '))).toEqual(['  ', ' ']);
    expect(contents(split({ splitBy: 'word', splitLength: 2, skipEmptyDocuments: false }, '', '   '))).toEqual(['', '  ', ' ']);
  });

  it('should refuse documents without content, and bad lengths, saying what to change', () => {
    expect(() => split({}, null)).toThrow(/only works with text documents/);
    expect(() => new DocumentSplitter({ splitLength: 3, splitOverlap: 3 })).toThrow(/split_overlap \(3\) must be less than split_length \(3\)/);
    expect(() => new DocumentSplitter({ splitLength: 2, splitOverlap: 5 })).toThrow(/lower the overlap/);
    expect(() => new DocumentSplitter({ splitLength: 0 })).toThrow(/split_length/);
    expect(() => new DocumentSplitter({ splitOverlap: -1 })).toThrow(/split_overlap/);
    expect(() => new DocumentSplitter({ splitBy: 'token' as never })).toThrow(/split_by must be one of/);
    expect(() => new DocumentSplitter({ splitBy: 'function' })).toThrow(/splitting_function/);
  });

  it('should split with a function, adding only source_id', () => {
    const splitter = new DocumentSplitter({ splitBy: 'function', splittingFunction: (text) => text.split('|') });
    const source = new Document({ content: 'a|b' });
    expect(splitter.run([source]).documents.map((doc) => [doc.content, doc.meta])).toEqual([
      ['a', { source_id: source.id }],
      ['b', { source_id: source.id }],
    ]);
    expect(() => splitter.toDict()).toThrow(/cannot be serialised/);
  });

  it('should write Haystack’s dict and read it back', async () => {
    const splitter = new DocumentSplitter({ splitBy: 'passage', splitLength: 2, splitOverlap: 1 });
    const dict = splitter.toDict();
    expect(dict).toEqual({
      type: 'haystack.components.preprocessors.document_splitter.DocumentSplitter',
      init_parameters: {
        split_by: 'passage', split_length: 2, split_overlap: 1, split_threshold: 0, respect_sentence_boundary: false,
        language: 'en', use_split_rules: true, extend_abbreviations: true, skip_empty_documents: true,
      },
    });
    expect(DocumentSplitter.fromDict(dict).toDict()).toEqual(dict);
    const { documents } = await DocumentSplitter.fromDict(dict).invoke({ documents: [new Document({ content: 'a\n\nb\n\nc' })] });
    expect(contents(documents)).toEqual(['a\n\nb\n\n', 'b\n\nc']);
  });
});
