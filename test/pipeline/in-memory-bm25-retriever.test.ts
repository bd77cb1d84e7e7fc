import { describe, expect, it } from 'vitest';
import type { ComponentDict } from '../../src/core/index.js';
import { Document } from '../../src/pipeline/document.js';
import { InMemoryBM25Retriever } from '../../src/pipeline/in-memory-bm25-retriever.js';
import { InMemoryDocumentStore } from '../../src/pipeline/in-memory-document-store.js';

const store = (): InMemoryDocumentStore => {
  const documentStore = new InMemoryDocumentStore();
  documentStore.writeDocuments([
    new Document({ content: 'Python is a popular programming language', meta: { lang: 'en', year: 2020 } }),
    new Document({ content: 'python ist eine beliebte Programmiersprache', meta: { lang: 'de', year: 2021 } }),
    new Document({ content: 'JavaScript runs in the browser', meta: { lang: 'en', year: 2022 } }),
  ]);
  return documentStore;
};

describe('InMemoryBM25Retriever', () => {
  it('should return the store’s BM25 results for the query, best first', async () => {
    const retriever = new InMemoryBM25Retriever({ documentStore: store(), topK: 2 });
    const { documents } = await retriever.invoke({ query: 'Programmiersprache' });
    expect(documents.map((doc) => doc.meta.lang)).toEqual(['de', 'en']);
    expect(documents[0]!.score).toBeGreaterThan(documents[1]!.score!);
  });

  it('should let run-time top_k, scale_score and filters override the init values', () => {
    const retriever = new InMemoryBM25Retriever({ documentStore: store(), filters: { field: 'meta.lang', operator: '==', value: 'de' } });
    expect(retriever.run({ query: 'python' }).documents.map((doc) => doc.meta.lang)).toEqual(['de']);
    const replaced = retriever.run({ query: 'python', top_k: 1, scale_score: true, filters: { field: 'meta.lang', operator: '==', value: 'en' } }).documents;
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.meta.lang).toBe('en');
    expect(replaced[0]!.score).toBeGreaterThan(0.5);
    expect(replaced[0]!.score).toBeLessThan(1);
  });

  it('should AND init and run-time filters under the merge policy', () => {
    const retriever = new InMemoryBM25Retriever({ documentStore: store(), filters: { field: 'meta.lang', operator: '==', value: 'en' }, filterPolicy: 'merge' });
    const { documents } = retriever.run({ query: 'python browser', filters: { field: 'meta.year', operator: '>', value: 2020 } });
    expect(documents.map((doc) => doc.meta.year)).toEqual([2022]);
  });

  it('should refuse a top_k below 1 and a store that is not in memory', () => {
    expect(() => new InMemoryBM25Retriever({ documentStore: store(), topK: 0 })).toThrow(/top_k must be greater than 0/);
    expect(() => new InMemoryBM25Retriever({ documentStore: Object.create(null) as InMemoryDocumentStore })).toThrow(/InMemoryDocumentStore/);
  });

  it('should nest the store’s dict as Haystack does and read it back onto the same documents', () => {
    const documentStore = new InMemoryDocumentStore({ index: `retriever-${Math.random()}` });
    documentStore.writeDocuments([new Document({ content: 'shared text' })]);
    const retriever = new InMemoryBM25Retriever({ documentStore, topK: 5, scaleScore: true });
    const dict = retriever.toDict();
    expect(dict).toEqual({
      type: 'haystack.components.retrievers.in_memory.bm25_retriever.InMemoryBM25Retriever',
      init_parameters: { document_store: documentStore.toDict(), filters: null, top_k: 5, scale_score: true, filter_policy: 'replace' },
    });
    const back = InMemoryBM25Retriever.fromDict(JSON.parse(JSON.stringify(dict)) as ComponentDict);
    expect(back.toDict()).toEqual(dict);
    expect(back.run({ query: 'shared' }).documents.map((doc) => doc.content)).toEqual(['shared text']);
    expect(() => InMemoryBM25Retriever.fromDict({ type: dict.type, init_parameters: {} })).toThrow(/missing 'document_store'/);
  });

  it('should declare Haystack’s sockets', () => {
    const { inputs, outputs } = new InMemoryBM25Retriever({ documentStore: store() }).sockets;
    expect(Object.keys(inputs)).toEqual(['query', 'filters', 'top_k', 'scale_score']);
    expect(inputs.query?.mandatory).not.toBe(false);
    expect(outputs).toEqual({ documents: { type: 'Document[]' } });
  });
});
