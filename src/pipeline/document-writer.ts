import { AbortError, ConfigError, defaultToDict, readComponentDict, type Component, type ComponentDict, type ComponentSockets, type InvokeOptions } from '../core/index.js';
import type { Document } from './document.js';
import { parseDuplicatePolicy, type DocumentStore, type DuplicatePolicy } from './document-store.js';
import { InMemoryDocumentStore } from './in-memory-document-store.js';

/** What {@link DocumentWriter.run} takes. */
export interface DocumentWriterInputs {
  documents: readonly Document[];
  /** Overrides the writer's policy for this call. */
  policy?: DuplicatePolicy | null | undefined;
}

/**
 * Haystack's `DocumentWriter`: writes documents to a store and reports how many were written.
 *
 * @example
 * const writer = new DocumentWriter({ documentStore: store, policy: 'OVERWRITE' });
 * await writer.run({ documents }); // { documents_written: documents.length }
 */
export class DocumentWriter implements Component<DocumentWriterInputs, { documents_written: number }> {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.writers.document_writer.DocumentWriter'] as const;
  /** Inputs `documents` and `policy`; output `documents_written`. */
  readonly sockets: ComponentSockets = {
    inputs: { documents: { type: 'Document[]' }, policy: { type: 'DuplicatePolicy', mandatory: false } },
    outputs: { documents_written: { type: 'number' } },
  };
  readonly documentStore: DocumentStore;
  readonly policy: DuplicatePolicy;

  constructor(options: { documentStore: DocumentStore; policy?: DuplicatePolicy }) {
    if (typeof options.documentStore?.writeDocuments !== 'function') throw new ConfigError('DocumentWriter needs a document store with writeDocuments().');
    this.documentStore = options.documentStore;
    this.policy = parseDuplicatePolicy(options.policy ?? 'NONE');
  }

  /** Writes the documents with the call's policy, or the writer's. */
  async run(inputs: DocumentWriterInputs): Promise<{ documents_written: number }> {
    const policy = parseDuplicatePolicy(inputs.policy ?? this.policy);
    return { documents_written: await this.documentStore.writeDocuments(inputs.documents, policy) };
  }

  /** Pipeline entry. */
  invoke(inputs: DocumentWriterInputs, options: InvokeOptions = {}): Promise<{ documents_written: number }> {
    if (options.signal?.aborted) return Promise.reject(new AbortError());
    return this.run(inputs);
  }

  /** Haystack's dict: the store's dict and the policy by name. */
  toDict(): ComponentDict {
    return defaultToDict(DocumentWriter.typeNames[0], { document_store: this.documentStore.toDict(), policy: this.policy });
  }

  /** Reads Haystack's dict; `readStore` builds the store (default: {@link InMemoryDocumentStore.fromDict}). */
  static fromDict(dict: ComponentDict, readStore: (dict: ComponentDict) => DocumentStore = (inner) => InMemoryDocumentStore.fromDict(inner)): DocumentWriter {
    const init = readComponentDict(dict, DocumentWriter.typeNames, 'DocumentWriter');
    const store = init.document_store;
    if (typeof store !== 'object' || store === null) throw new ConfigError("DocumentWriter.fromDict: missing 'document_store' in serialization data.");
    return new DocumentWriter({
      documentStore: readStore(store as ComponentDict),
      ...(init.policy === undefined || init.policy === null ? {} : { policy: parseDuplicatePolicy(init.policy) }),
    });
  }
}
