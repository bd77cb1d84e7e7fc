import { describe, expect, it } from 'vitest';
import type { ComponentDict } from '../../src/core/index.js';
import { Document } from '../../src/pipeline/document.js';
import { DocumentJoiner } from '../../src/pipeline/document-joiner.js';
import { DocumentSplitter } from '../../src/pipeline/document-splitter.js';
import { DuplicateDocumentError } from '../../src/pipeline/document-store.js';
import { DocumentWriter } from '../../src/pipeline/document-writer.js';
import { InMemoryBM25Retriever } from '../../src/pipeline/in-memory-bm25-retriever.js';
import { InMemoryDocumentStore } from '../../src/pipeline/in-memory-document-store.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';

const docs = [new Document({ content: 'alpha' }), new Document({ content: 'beta' })];

describe('DocumentWriter', () => {
  it('should write documents and report how many were written', async () => {
    const documentStore = new InMemoryDocumentStore();
    const writer = new DocumentWriter({ documentStore });
    expect(await writer.run({ documents: docs })).toEqual({ documents_written: 2 });
    expect(documentStore.countDocuments()).toBe(2);
  });

  it('should apply its policy, or the call’s', async () => {
    const documentStore = new InMemoryDocumentStore();
    await new DocumentWriter({ documentStore }).run({ documents: docs });
    await expect(new DocumentWriter({ documentStore }).run({ documents: docs })).rejects.toBeInstanceOf(DuplicateDocumentError);
    expect(await new DocumentWriter({ documentStore, policy: 'SKIP' }).run({ documents: docs })).toEqual({ documents_written: 0 });
    expect(await new DocumentWriter({ documentStore, policy: 'SKIP' }).run({ documents: docs, policy: 'OVERWRITE' })).toEqual({ documents_written: 2 });
  });

  it('should write Haystack’s dict (policy by name, store nested) and read it back', () => {
    const documentStore = new InMemoryDocumentStore({ index: 'writer-dict' });
    const dict = new DocumentWriter({ documentStore, policy: 'OVERWRITE' }).toDict();
    expect(dict).toEqual({
      type: 'haystack.components.writers.document_writer.DocumentWriter',
      init_parameters: { document_store: documentStore.toDict(), policy: 'OVERWRITE' },
    });
    const back = DocumentWriter.fromDict(JSON.parse(JSON.stringify(dict)) as ComponentDict);
    expect(back.policy).toBe('OVERWRITE');
    expect(back.toDict()).toEqual(dict);
    expect(() => DocumentWriter.fromDict({ type: dict.type, init_parameters: { policy: 'NONE' } })).toThrow(/missing 'document_store'/);
    expect(() => new DocumentWriter({ documentStore, policy: 'MAYBE' as never })).toThrow(/Unknown duplicate policy/);
  });

  it('should index split documents in a pipeline, and a joiner should fuse two retrievers', async () => {
    const documentStore = new InMemoryDocumentStore();
    const indexing = new Pipeline()
      .addComponent('splitter', new DocumentSplitter({ splitBy: 'sentence', splitLength: 1 }))
      .addComponent('writer', new DocumentWriter({ documentStore }))
      .connect('splitter.documents', 'writer.documents');
    const text = 'Paris is the capital of France. Berlin is the capital of Germany. Rome has the Colosseum.';
    const indexed = await indexing.run({ splitter: { documents: [new Document({ content: text })] } });
    expect(indexed).toEqual({ writer: { documents_written: 3 } });

    const query = new Pipeline()
      .addComponent('bm25', new InMemoryBM25Retriever({ documentStore, topK: 2 }))
      .addComponent('okapi', new InMemoryBM25Retriever({ documentStore: new InMemoryDocumentStore({ index: documentStore.index, bm25Algorithm: 'BM25Okapi' }), topK: 1 }))
      .addComponent('joiner', new DocumentJoiner({ joinMode: 'reciprocal_rank_fusion' }))
      .connect('bm25.documents', 'joiner.documents')
      .connect('okapi.documents', 'joiner.documents');
    const result = await query.run({ bm25: { query: 'capital of Germany' }, okapi: { query: 'capital of Germany' } });
    const joined = (result.joiner as { documents: Document[] }).documents;
    expect(joined[0]!.content).toBe('Berlin is the capital of Germany. ');
    // First in both lists: (½·2/61 + ½·2/61)·61/2 = 1.
    expect(joined[0]!.score).toBeCloseTo(1, 12);
  });
});
