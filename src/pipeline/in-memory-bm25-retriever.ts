import { AbortError, ConfigError, defaultToDict, readComponentDict, type Component, type ComponentDict, type ComponentSockets, type InvokeOptions } from '../core/index.js';
import { applyFilterPolicy, parseFilterPolicy, type FilterPolicy } from './apply-filter-policy.js';
import type { Document } from './document.js';
import type { Filter } from './filters.js';
import { InMemoryDocumentStore } from './in-memory-document-store.js';
import { readInitParameters } from './read-init-parameters.js';

/** Options of {@link InMemoryBM25Retriever}, as Haystack's init parameters in camelCase. */
export interface InMemoryBM25RetrieverOptions {
  /** The store to search. */
  documentStore: InMemoryDocumentStore;
  /** Filters applied to every query. */
  filters?: Filter | null;
  /** How many documents to return; default 10. */
  topK?: number;
  /** Scale scores to (0, 1); default false. */
  scaleScore?: boolean;
  /** `replace` (default): run-time filters replace these; `merge`: they are combined (see applyFilterPolicy). */
  filterPolicy?: FilterPolicy;
}

/** What {@link InMemoryBM25Retriever.run} takes; unset values fall back to the init options. */
export interface InMemoryBM25RetrieverInputs {
  query: string;
  filters?: Filter | null | undefined;
  top_k?: number | null | undefined;
  scale_score?: boolean | null | undefined;
}

const checkTopK = (topK: number): number => {
  if (!Number.isInteger(topK) || topK <= 0) throw new ConfigError(`top_k must be greater than 0. Currently, the top_k is ${topK}.`);
  return topK;
};

/**
 * Haystack's `InMemoryBM25Retriever`: finds the documents of an {@link InMemoryDocumentStore} that
 * best match a query by BM25. With `filterPolicy: 'merge'` it combines init and run-time filters as
 * Haystack's `apply_filter_policy` does (Haystack's own in-memory retriever merges the two dicts key by key).
 *
 * @example
 * const retriever = new InMemoryBM25Retriever({ documentStore: store, topK: 3 });
 * const { documents } = await retriever.run({ query: 'What is BM25?' });
 */
export class InMemoryBM25Retriever implements Component<InMemoryBM25RetrieverInputs, { documents: Document[] }> {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.retrievers.in_memory.bm25_retriever.InMemoryBM25Retriever'] as const;
  /** Inputs `query`, `filters`, `top_k`, `scale_score`; output `documents`. */
  readonly sockets: ComponentSockets = {
    inputs: {
      query: { type: 'string' },
      filters: { type: 'object', mandatory: false },
      top_k: { type: 'number', mandatory: false },
      scale_score: { type: 'boolean', mandatory: false },
    },
    outputs: { documents: { type: 'Document[]' } },
  };
  readonly documentStore: InMemoryDocumentStore;
  readonly filters: Filter | null;
  readonly topK: number;
  readonly scaleScore: boolean;
  readonly filterPolicy: FilterPolicy;

  constructor(options: InMemoryBM25RetrieverOptions) {
    if (!(options.documentStore instanceof InMemoryDocumentStore)) throw new ConfigError('document_store must be an instance of InMemoryDocumentStore.');
    this.documentStore = options.documentStore;
    this.filters = options.filters ?? null;
    this.topK = checkTopK(options.topK ?? 10);
    this.scaleScore = options.scaleScore ?? false;
    this.filterPolicy = parseFilterPolicy(options.filterPolicy ?? 'replace');
  }

  /** Retrieves the best documents for `query`. */
  run(inputs: InMemoryBM25RetrieverInputs): { documents: Document[] } {
    const filters = applyFilterPolicy(this.filterPolicy, this.filters, inputs.filters);
    const documents = this.documentStore.bm25Retrieval(inputs.query, {
      filters,
      topK: checkTopK(inputs.top_k ?? this.topK),
      scaleScore: inputs.scale_score ?? this.scaleScore,
    });
    return { documents };
  }

  /** Pipeline entry. */
  invoke(inputs: InMemoryBM25RetrieverInputs, options: InvokeOptions = {}): Promise<{ documents: Document[] }> {
    if (options.signal?.aborted) return Promise.reject(new AbortError());
    try {
      return Promise.resolve(this.run(inputs));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Haystack's dict, with the store's dict nested under `document_store`. */
  toDict(): ComponentDict {
    return defaultToDict(InMemoryBM25Retriever.typeNames[0], {
      document_store: this.documentStore.toDict(),
      filters: this.filters,
      top_k: this.topK,
      scale_score: this.scaleScore,
      filter_policy: this.filterPolicy,
    });
  }

  /** Reads Haystack's dict; the nested store shares documents with any store of the same index. */
  static fromDict(dict: ComponentDict): InMemoryBM25Retriever {
    const raw = readComponentDict(dict, InMemoryBM25Retriever.typeNames, 'InMemoryBM25Retriever');
    if (raw.document_store === undefined || raw.document_store === null) {
      throw new ConfigError("InMemoryBM25Retriever.fromDict: missing 'document_store' in serialization data.");
    }
    const init = readInitParameters(raw, 'InMemoryBM25Retriever');
    return new InMemoryBM25Retriever({
      documentStore: InMemoryDocumentStore.fromDict(raw.document_store as ComponentDict),
      filters: (init.record('filters') as Filter | undefined) ?? null,
      topK: init.number('top_k'),
      scaleScore: init.boolean('scale_score'),
      filterPolicy: raw.filter_policy === undefined || raw.filter_policy === null ? undefined : parseFilterPolicy(raw.filter_policy),
    });
  }
}
