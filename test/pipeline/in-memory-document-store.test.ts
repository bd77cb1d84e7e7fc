import { describe, expect, it } from 'vitest';
import type { BM25Algorithm } from '../../src/pipeline/bm25.js';
import { Document } from '../../src/pipeline/document.js';
import { DuplicateDocumentError } from '../../src/pipeline/document-store.js';
import { FilterError } from '../../src/pipeline/filters.js';
import { InMemoryDocumentStore, type InMemoryDocumentStoreOptions } from '../../src/pipeline/in-memory-document-store.js';

const ln2 = Math.log(2);

/**
 * The tiny corpus of the BM25 tests. Tokens (lowercased, 2+ word characters):
 *   d1 "apple banana"        → apple, banana            (2 tokens)
 *   d2 "apple apple cherry"  → apple×2, cherry          (3 tokens)
 *   d3 "cherry"              → cherry                   (1 token)
 *   d4 "date elder"          → date, elder              (2 tokens)
 * N = 4, avgdl = 8 / 4 = 2, and n(apple) = 2, n(banana) = 1.
 */
const corpus = ['apple banana', 'apple apple cherry', 'cherry', 'date elder'];

const storeWith = (texts: readonly (string | null)[], options: InMemoryDocumentStoreOptions = {}): InMemoryDocumentStore => {
  const store = new InMemoryDocumentStore(options);
  store.writeDocuments(texts.map((content) => new Document({ content })));
  return store;
};

const ranked = (documents: readonly Document[]): [string | null, number | null][] => documents.map((doc) => [doc.content, doc.score]);

describe('InMemoryDocumentStore', () => {
  describe('bm25Retrieval', () => {
    it('should score BM25L as Haystack does, padding with documents that lack the term', () => {
      // idf(apple) = ln((N + 1) / (n + 0.5)) = ln(5 / 2.5) = ln 2.
      // d1: c = 1 / (1 − 0.75 + 0.75·2/2) = 1;        tf = 2.5·(1 + 0.5) / (1.5 + 1 + 0.5) = 1.25       → 1.25·ln 2
      // d2: c = 2 / (0.25 + 0.75·3/2) = 2/1.375 = 16/11; tf = 2.5·(16/11 + 1/2) / (3/2 + 16/11 + 1/2) = 2.5·43/76 → (107.5/76)·ln 2
      // d3, d4 lack apple: c = 0, tf = 2.5·0.5 / 2 = 0.625 → 0.625·ln 2 > 0, so Haystack returns them too, in insertion order.
      const results = storeWith(corpus).bm25Retrieval('apple');
      expect(results.map((doc) => doc.content)).toEqual(['apple apple cherry', 'apple banana', 'cherry', 'date elder']);
      expect(results[0]!.score).toBeCloseTo((107.5 / 76) * ln2, 12); // 0.980438…
      expect(results[1]!.score).toBeCloseTo(1.25 * ln2, 12); // 0.866434…
      expect(results[2]!.score).toBeCloseTo(0.625 * ln2, 12); // 0.433217…
      expect(results[3]!.score).toBe(results[2]!.score);
    });

    it('should score BM25Plus as Haystack does', () => {
      // idf(apple) = ln(1 + (4 − 2 + 0.5) / (2 + 0.5)) = ln 2.
      // d1: tf = 1·2.5 / (1 + 1.5·1) + 1 = 2;              d2: tf = 2·2.5 / (2 + 1.5·1.375) + 1 = 5/4.0625 + 1
      // d3, d4: tf = 0 + δ = 1.
      const results = storeWith(corpus, { bm25Algorithm: 'BM25Plus' }).bm25Retrieval('apple');
      expect(ranked(results).map(([content]) => content)).toEqual(['apple apple cherry', 'apple banana', 'cherry', 'date elder']);
      expect(results[0]!.score).toBeCloseTo((5 / 4.0625 + 1) * ln2, 12); // 1.546251…
      expect(results[1]!.score).toBeCloseTo(2 * ln2, 12);
      expect(results[2]!.score).toBeCloseTo(ln2, 12);
    });

    it('should score BM25Okapi as Haystack does and keep its zero scores unscaled', () => {
      // idf(banana) = ln((4 − 1 + 0.5) / (1 + 0.5)) = ln(7/3); d1: tf = 1·2.5 / (1 + 1.5·1) = 1.
      // Okapi gives absent terms nothing; Haystack keeps scores ≤ 0 for unscaled Okapi, in insertion order.
      const results = storeWith(corpus, { bm25Algorithm: 'BM25Okapi' }).bm25Retrieval('banana');
      expect(ranked(results)).toEqual([
        ['apple banana', expect.closeTo(Math.log(7 / 3), 12)],
        ['apple apple cherry', 0],
        ['cherry', 0],
        ['date elder', 0],
      ]);
    });

    it('should floor BM25Okapi’s negative idf to ε times the mean idf', () => {
      // apple is in 3 of 4 documents: idf = ln((4 − 3 + 0.5) / 3.5) = ln(3/7) < 0. The other five tokens
      // (banana, cherry, date, elder, fig) have ln(7/3). Mean idf = (5·ln(7/3) + ln(3/7)) / 6 = 4·ln(7/3)/6,
      // so ε·mean = 0.25 · (2/3)·ln(7/3) = ln(7/3)/6. Every document has 2 tokens, so tf = 1 where a term occurs.
      const store = storeWith(['apple banana', 'apple cherry', 'apple date', 'elder fig'], { bm25Algorithm: 'BM25Okapi' });
      const floor = Math.log(7 / 3) / 6; // 0.141216…
      expect(ranked(store.bm25Retrieval('apple banana'))).toEqual([
        ['apple banana', expect.closeTo(floor + Math.log(7 / 3), 12)],
        ['apple cherry', expect.closeTo(floor, 12)],
        ['apple date', expect.closeTo(floor, 12)],
        ['elder fig', 0],
      ]);
    });

    it('should scale scores with expit(score / 8) and then keep every top-k document', () => {
      const results = storeWith(corpus).bm25Retrieval('apple', { topK: 3, scaleScore: true });
      const expit = (x: number) => 1 / (1 + Math.exp(-x));
      expect(ranked(results)).toEqual([
        ['apple apple cherry', expect.closeTo(expit(((107.5 / 76) * ln2) / 8), 12)], // 0.530600…
        ['apple banana', expect.closeTo(expit((1.25 * ln2) / 8), 12)],
        ['cherry', expect.closeTo(expit((0.625 * ln2) / 8), 12)],
      ]);
      // Okapi's zero becomes expit(0) = 0.5 when scaled.
      const okapi = storeWith(['apple banana', 'apple cherry', 'apple date', 'elder fig'], { bm25Algorithm: 'BM25Okapi' });
      expect(okapi.bm25Retrieval('apple', { scaleScore: true }).at(-1)?.score).toBe(0.5);
    });

    it('should match the scores and order Haystack 2.31 printed for a mixed-language corpus', () => {
      const texts = [
        'The quick brown fox jumps over the lazy dog', 'A quick brown dog outpaces a quick fox', 'Le renard brun rapide saute par-dessus le chien paresseux',
        'Über den faulen Hund springt der schnelle braune Fuchs. Straße, Größe', '東京 は 日本 の 首都 です 東京', '', 'fox fox fox fox', 'dogs and cats; cats and dogs; a b c d',
      ];
      // [index in texts, score] from InMemoryDocumentStore(bm25_tokenization_regex=r"(?u)\b\w\w+\b").bm25_retrieval(query, top_k=4),
      // with a ninth document whose content is None. They agree to the last bit or one ulp off: V8's Math.log and
      // Python's libm log round a few arguments differently.
      const haystack: Record<string, Record<string, [number, number][]>> = {
        BM25L: {
          'quick fox': [[1, 3.4315657504253734], [6, 2.9389994794225194], [0, 2.6991063334978453], [2, 1.522572803511605]],
          'STRASSE straße fuchs': [[3, 3.983951968260351], [0, 2.3713999811073516], [1, 2.3713999811073516], [2, 2.3713999811073516]],
          東京: [[4, 3.0463368988071364], [0, 1.1856999905536758], [1, 1.1856999905536758], [2, 1.1856999905536758]],
          'the dogs': [[7, 4.11156399602066], [0, 3.8285252707034347], [1, 2.3713999811073516], [2, 2.3713999811073516]],
        },
        BM25Okapi: {
          'quick fox': [[1, 2.1433978306968484], [0, 1.3581430441983102], [6, 1.1975722950675163], [2, 0]],
          'STRASSE straße fuchs': [[3, 2.437042805090728], [0, 0], [1, 0], [2, 0]],
          東京: [[4, 2.575390213239983], [0, 0], [1, 0], [2, 0]],
          'the dogs': [[7, 2.432017974564768], [0, 2.0839729994062055], [1, 0], [2, 0]],
        },
        BM25Plus: {
          'quick fox': [[1, 5.402536277724463], [6, 4.467066826042752], [0, 4.362348125409994], [2, 2.436116485618568]],
          'STRASSE straße fuchs': [[3, 6.459615155148621], [0, 3.7942399697717626], [1, 3.7942399697717626], [2, 3.7942399697717626]],
          東京: [[4, 4.71380467860291], [0, 1.8971199848858813], [1, 1.8971199848858813], [2, 1.8971199848858813]],
          'the dogs': [[7, 6.4541195362097], [0, 6.0734653933095695], [1, 3.7942399697717626], [2, 3.7942399697717626]],
        },
      };
      for (const [algorithm, queries] of Object.entries(haystack)) {
        const store = new InMemoryDocumentStore({ bm25Algorithm: algorithm as BM25Algorithm });
        store.writeDocuments([...texts.map((content) => new Document({ content })), new Document({ content: null, meta: { n: 1 } })]);
        for (const [query, expected] of Object.entries(queries)) {
          const got = store.bm25Retrieval(query, { topK: 4 }).map((doc): [number, number] => [texts.indexOf(doc.content ?? ''), doc.score ?? Number.NaN]);
          expect(got, `${algorithm} '${query}'`).toEqual(expected.map(([index, score]): [number, unknown] => [index, expect.closeTo(score, 13)]));
        }
      }
    });

    it('should count a repeated query token once and lowercase both sides', () => {
      const store = storeWith(corpus);
      expect(ranked(store.bm25Retrieval('APPLE apple Apple'))).toEqual(ranked(store.bm25Retrieval('apple')));
    });

    it('should return nothing for BM25L when no query token is in the corpus (every score is 0)', () => {
      expect(storeWith(corpus).bm25Retrieval('zebra')).toEqual([]);
      expect(storeWith(corpus).bm25Retrieval('a I !!')).toEqual([]);
    });

    it('should count documents without content in N and the average length but never return them', () => {
      // N = 5, avgdl = 8/5 = 1.6, idf(apple) = ln(6 / 2.5) = ln 2.4.
      // d1: c = 1 / (0.25 + 0.75·2/1.6) = 1/1.1875; tf = 2.5·(c + 0.5) / (1.5 + c + 0.5).
      const c = 1 / 1.1875;
      const results = storeWith([...corpus, null]).bm25Retrieval('apple');
      expect(results).toHaveLength(4);
      expect(results.find((doc) => doc.content === 'apple banana')?.score).toBeCloseTo(Math.log(2.4) * ((2.5 * (c + 0.5)) / (2 + c)), 12);
    });

    it('should update the statistics when documents are deleted', () => {
      const store = storeWith(corpus);
      store.deleteDocuments([new Document({ content: 'date elder' }).id, 'unknown-id']);
      // N = 3, avgdl = 6/3 = 2, idf(apple) = ln(4 / 2.5) = ln 1.6; d1's tf stays 1.25.
      expect(store.countDocuments()).toBe(3);
      expect(store.bm25Retrieval('apple banana')[0]?.score).toBeCloseTo(1.25 * Math.log(1.6) + 1.25 * Math.log(4 / 1.5), 12);
    });

    it('should rank only filtered documents, and surface a filter error whatever the query', () => {
      const store = new InMemoryDocumentStore();
      store.writeDocuments(corpus.map((content, index) => new Document({ content, meta: { even: index % 2 === 0 } })));
      const results = store.bm25Retrieval('apple', { filters: { field: 'meta.even', operator: '==', value: true } });
      expect(results.map((doc) => doc.content)).toEqual(['apple banana', 'cherry']);
      expect(() => store.bm25Retrieval('zebra', { filters: { field: 'meta.even', operator: '>', value: 'soon' } })).toThrow(FilterError);
      expect(() => store.bm25Retrieval('apple', { filters: { field: 'meta.even', value: true } as never })).toThrow(/Invalid filter syntax/);
    });

    it('should refuse an empty query and a top_k below 1', () => {
      expect(() => storeWith(corpus).bm25Retrieval('')).toThrow(/non-empty string/);
      expect(() => storeWith(corpus).bm25Retrieval('apple', { topK: 0 })).toThrow(/greater than 0/);
    });

    it('should keep the id and meta of returned documents and drop embeddings when asked', () => {
      const doc = new Document({ content: 'apple pie', meta: { source: 'x' }, embedding: [1, 2] });
      const store = new InMemoryDocumentStore({ returnEmbedding: false });
      store.writeDocuments([doc]);
      const [found] = store.bm25Retrieval('apple');
      expect(found).toMatchObject({ id: doc.id, meta: { source: 'x' }, embedding: null });
      expect(found!.score).toBeGreaterThan(0);
    });

    it('should score every document 0 when the corpus has no tokens, as Haystack does', () => {
      expect(storeWith(['', '!!'], { bm25Algorithm: 'BM25Okapi' }).bm25Retrieval('apple').map((doc) => doc.score)).toEqual([0, 0]);
      expect(storeWith(['', '!!']).bm25Retrieval('apple')).toEqual([]);
    });

    it('should use a custom Python tokenization regex with Unicode word characters', () => {
      // Haystack 2.27+ default: single letters are tokens too.
      const store = storeWith(['a b c', 'x y'], { bm25TokenizationRegex: String.raw`(?u)\b\w+\b` });
      expect(store.bm25Retrieval('b', { topK: 1 })[0]?.content).toBe('a b c');
      const german = storeWith(['Größe der Straße', 'Grosse'], { bm25TokenizationRegex: String.raw`\b[\w-]+\b` });
      expect(german.bm25Retrieval('straße', { topK: 1 })[0]?.content).toBe('Größe der Straße');
    });
  });

  describe('writeDocuments', () => {
    const a = new Document({ content: 'a' });
    const b = new Document({ content: 'b' });

    it('should fail on a duplicate under NONE and FAIL, after writing the documents before it', () => {
      const store = new InMemoryDocumentStore();
      expect(store.writeDocuments([a])).toBe(1);
      expect(() => store.writeDocuments([b, a])).toThrow(DuplicateDocumentError);
      expect(store.countDocuments()).toBe(2);
      expect(() => store.writeDocuments([a], 'FAIL')).toThrow(`ID '${a.id}' already exists`);
    });

    it('should skip duplicates under SKIP and not count them', () => {
      const store = new InMemoryDocumentStore();
      store.writeDocuments([a]);
      expect(store.writeDocuments([a, b, b], 'SKIP')).toBe(1);
      expect(store.countDocuments()).toBe(2);
    });

    it('should replace under OVERWRITE and move the document to the end, as a Python dict re-insert does', () => {
      const store = new InMemoryDocumentStore();
      store.writeDocuments([a, b]);
      const newer = new Document({ id: a.id, content: 'a changed' });
      expect(store.writeDocuments([newer], 'OVERWRITE')).toBe(1);
      expect(store.filterDocuments().map((doc) => doc.content)).toEqual(['b', 'a changed']);
    });

    it('should refuse anything but a list of Documents', () => {
      expect(() => new InMemoryDocumentStore().writeDocuments([{ content: 'x' }] as never)).toThrow(/list of Documents/);
    });
  });

  describe('filterDocuments', () => {
    it('should return every document without filters and the matching ones with', () => {
      const store = new InMemoryDocumentStore();
      store.writeDocuments([new Document({ content: 'a', meta: { n: 1 } }), new Document({ content: 'b', meta: { n: 2 } })]);
      expect(store.filterDocuments().map((doc) => doc.content)).toEqual(['a', 'b']);
      expect(store.filterDocuments({ field: 'meta.n', operator: '>', value: 1 }).map((doc) => doc.content)).toEqual(['b']);
      expect(() => store.filterDocuments({ field: 'meta.n', value: 1 } as never)).toThrow(/Invalid filter syntax/);
    });
  });

  it('should share documents between stores with the same index, as Haystack does', () => {
    const index = `shared-${Math.random()}`;
    new InMemoryDocumentStore({ index }).writeDocuments([new Document({ content: 'shared' })]);
    expect(new InMemoryDocumentStore({ index }).countDocuments()).toBe(1);
    expect(new InMemoryDocumentStore().countDocuments()).toBe(0);
  });

  it('should write Haystack’s dict and read it back', () => {
    const store = new InMemoryDocumentStore({ index: 'dict-test', bm25Algorithm: 'BM25Plus', bm25Parameters: { k1: 1.2 } });
    expect(new InMemoryDocumentStore({ index: 'defaults' }).toDict()).toEqual({
      type: 'haystack.document_stores.in_memory.document_store.InMemoryDocumentStore',
      init_parameters: {
        bm25_tokenization_regex: String.raw`(?u)\b\w\w+\b`,
        bm25_algorithm: 'BM25L',
        bm25_parameters: {},
        embedding_similarity_function: 'dot_product',
        index: 'defaults',
        return_embedding: true,
      },
    });
    const back = InMemoryDocumentStore.fromDict(store.toDict());
    expect(back.toDict()).toEqual(store.toDict());
    expect(back.bm25Algorithm).toBe('BM25Plus');
    expect(() => InMemoryDocumentStore.fromDict({ type: 'haystack.Other', init_parameters: {} })).toThrow(/can't be deserialized/);
    expect(() => new InMemoryDocumentStore({ bm25Algorithm: 'BM25X' as never })).toThrow(/not supported/);
  });
});
