import { describe, expect, it } from 'vitest';
import { Document } from '../../src/pipeline/document.js';
import { DocumentJoiner, type DocumentJoinerOptions } from '../../src/pipeline/document-joiner.js';

const doc = (content: string, score?: number): Document => new Document({ content, score });

// The same content gives the same id, so A and A′ are one document seen by two retrievers.
const lists = [
  [doc('A', 3), doc('B', 1), doc('C')],
  [doc('B', 5), doc('D', 2), doc('A', 0.5)],
];

const join = (options: DocumentJoinerOptions, input = lists, topK?: number): [string | null, number | null][] =>
  new DocumentJoiner(options).run({ documents: input, top_k: topK }).documents.map((document) => [document.content, document.score]);

describe('DocumentJoiner', () => {
  it('should concatenate keeping each document’s best score, sorted with unscored ones last', () => {
    expect(join({})).toEqual([['B', 5], ['A', 3], ['D', 2], ['C', null]]);
    expect(join({ sortByScore: false })).toEqual([['A', 3], ['B', 5], ['C', null], ['D', 2]]);
  });

  it('should merge with a weighted sum of scores', () => {
    // Equal weights ½: A = 3·½ + 0.5·½ = 1.75, B = 1·½ + 5·½ = 3, C = 0 (no score), D = 2·½ = 1.
    expect(join({ joinMode: 'merge' })).toEqual([['B', 3], ['A', 1.75], ['D', 1], ['C', 0]]);
    // Weights [1, 3] normalise to [¼, ¾]: A = 0.75 + 0.375, B = 0.25 + 3.75, D = 1.5.
    expect(join({ joinMode: 'merge', weights: [1, 3] })).toEqual([['B', 4], ['D', 1.5], ['A', 1.125], ['C', 0]]);
  });

  it('should fuse ranks with k = 61 and normalise so first everywhere scores 1', () => {
    // Two lists, weights ½: each rank r adds (½·2)/(61 + r); the sum is divided by 2/61.
    // A = (1/61 + 1/63)·61/2, B = (1/62 + 1/61)·61/2, C = (1/63)·61/2, D = (1/62)·61/2.
    expect(join({ joinMode: 'reciprocal_rank_fusion' })).toEqual([
      ['B', expect.closeTo(0.5 + 30.5 / 62, 12)],
      ['A', expect.closeTo(0.5 + 30.5 / 63, 12)],
      ['D', expect.closeTo(30.5 / 62, 12)],
      ['C', expect.closeTo(30.5 / 63, 12)],
    ]);
    const first = doc('X', 1);
    expect(join({ joinMode: 'reciprocal_rank_fusion' }, [[first], [first]])).toEqual([['X', 1]]);
    // Weights [1, 3] → [¼, ¾]: A = (0.5/61 + 1.5/63)·61/2 = 0.25 + 45.75/63.
    expect(join({ joinMode: 'reciprocal_rank_fusion', weights: [1, 3] })[1]).toEqual(['A', expect.closeTo(0.25 + 45.75 / 63, 12)]);
  });

  it('should rescale each list by mean ± 3σ for distribution-based fusion', () => {
    // List 1: scores 4 and 2, mean 3, σ 1 → [0, 6]: A = 4/6, B = 2/6. List 2: equal scores, σ 0 → every score 0.
    const result = join({ joinMode: 'distribution_based_rank_fusion' }, [[doc('A', 4), doc('B', 2)], [doc('C', 1), doc('D', 1)]]);
    expect(result).toEqual([['A', expect.closeTo(2 / 3, 12)], ['B', expect.closeTo(1 / 3, 12)], ['C', 0], ['D', 0]]);
  });

  it('should keep top_k, the run-time value first and 0 falling back to the init value', () => {
    expect(join({ topK: 3 })).toHaveLength(3);
    expect(join({ topK: 3 }, lists, 1)).toEqual([['B', 5]]);
    expect(join({ topK: 3 }, lists, 0)).toHaveLength(3);
  });

  it('should keep the id when it rescored a document', () => {
    const [best] = new DocumentJoiner({ joinMode: 'merge' }).run({ documents: lists }).documents;
    expect(best!.id).toBe(doc('B').id);
  });

  it('should refuse bad weights and unknown modes, saying what is wrong', () => {
    expect(() => new DocumentJoiner({ weights: [0, 0] })).toThrow(/must not sum to zero/);
    expect(() => new DocumentJoiner({ joinMode: 'zip' as never })).toThrow(/Unknown join mode 'zip'/);
    expect(() => new DocumentJoiner({ joinMode: 'merge', weights: [1, 2, 3] }).run({ documents: lists })).toThrow(/3 weights but received 2 document lists/);
    expect(new DocumentJoiner({ joinMode: 'merge' }).run({ documents: [] }).documents).toEqual([]);
  });

  it('should take one list per sender on a variadic socket', () => {
    expect(new DocumentJoiner().sockets.inputs.documents).toEqual({ type: 'Document[]', variadic: true });
  });

  it('should write Haystack’s dict with normalised weights and read it back', () => {
    const joiner = new DocumentJoiner({ joinMode: 'reciprocal_rank_fusion', weights: [1, 3], topK: 5 });
    const dict = joiner.toDict();
    expect(dict).toEqual({
      type: 'haystack.components.joiners.document_joiner.DocumentJoiner',
      init_parameters: { join_mode: 'reciprocal_rank_fusion', weights: [0.25, 0.75], top_k: 5, sort_by_score: true },
    });
    expect(DocumentJoiner.fromDict(dict).toDict()).toEqual(dict);
    expect(new DocumentJoiner().toDict().init_parameters).toEqual({ join_mode: 'concatenate', weights: null, top_k: null, sort_by_score: true });
  });
});
