import { ConfigError, defaultToDict, readComponentDict, type ComponentDict } from '../core/index.js';
import { bm25Algorithms, bm25QueryScorer, scaleBM25Score, type BM25Algorithm, type BM25Parameters } from './bm25.js';
import { BM25Index, type IndexedDocument } from './bm25-index.js';
import { createBM25Tokenizer, defaultBM25TokenizationRegex } from './bm25-tokenizer.js';
import { Document } from './document.js';
import { DuplicateDocumentError, parseDuplicatePolicy, type DocumentStore, type DuplicatePolicy } from './document-store.js';
import { documentMatchesFilter, validateFilters, type Filter } from './filters.js';
import { readInitParameters } from './read-init-parameters.js';

/** How embeddings are compared (kept for Haystack's dict; embedding retrieval is not built yet). */
export type EmbeddingSimilarityFunction = 'dot_product' | 'cosine';

/** Options of {@link InMemoryDocumentStore}, as Haystack's init parameters in camelCase. */
export interface InMemoryDocumentStoreOptions {
  /** The Python regex that finds BM25 tokens in lowercased text; default `(?u)\b\w\w+\b`. */
  bm25TokenizationRegex?: string;
  /** Default `BM25L`. */
  bm25Algorithm?: BM25Algorithm;
  /** `k1`, `b`, `delta`, `epsilon`; see bm25.ts for the defaults. */
  bm25Parameters?: BM25Parameters;
  /** Default `dot_product`. */
  embeddingSimilarityFunction?: EmbeddingSimilarityFunction;
  /** Stores with the same index share their documents (as in Haystack); default: a random UUID. */
  index?: string;
  /** Whether returned documents keep their embedding; default true. */
  returnEmbedding?: boolean;
}

/** Options of {@link InMemoryDocumentStore.bm25Retrieval}. */
export interface BM25RetrievalOptions {
  /** Only documents matching these are ranked. */
  filters?: Filter | null | undefined;
  /** How many to return; default 10. */
  topK?: number | undefined;
  /** Map scores to (0, 1) with `expit(score / 8)`; default false. */
  scaleScore?: boolean | undefined;
}

// Haystack keeps documents in module-level dicts keyed by index, so stores built from the same dict share them.
const indexes = new Map<string, BM25Index>();

const randomUuid = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const hasKeys = (filters: Filter | null | undefined): filters is Filter => !!filters && Object.keys(filters).length > 0;

/**
 * Haystack's `InMemoryDocumentStore`: documents in memory with BM25 retrieval over an inverted
 * index, so a query costs what its tokens' postings cost. Scores, ranking and which documents come
 * back follow Haystack's rules, including BM25L's and BM25Plus's positive score for documents
 * without any query token (they fill the remaining `topK` places after the matching ones).
 *
 * @example
 * const store = new InMemoryDocumentStore();
 * store.writeDocuments([new Document({ content: 'Paris is in France' }), new Document({ content: 'Berlin is in Germany' })]);
 * store.bm25Retrieval('capital of France', { topK: 1 }); // [Document 'Paris is in France' with its score]
 */
export class InMemoryDocumentStore implements DocumentStore {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.document_stores.in_memory.document_store.InMemoryDocumentStore'] as const;
  readonly bm25TokenizationRegex: string;
  readonly bm25Algorithm: BM25Algorithm;
  readonly bm25Parameters: Readonly<BM25Parameters>;
  readonly embeddingSimilarityFunction: EmbeddingSimilarityFunction;
  readonly index: string;
  readonly returnEmbedding: boolean;
  readonly #tokenize: (text: string) => string[];
  readonly #index: BM25Index;

  constructor(options: InMemoryDocumentStoreOptions = {}) {
    this.bm25TokenizationRegex = options.bm25TokenizationRegex ?? defaultBM25TokenizationRegex;
    this.bm25Algorithm = options.bm25Algorithm ?? 'BM25L';
    if (!bm25Algorithms.includes(this.bm25Algorithm)) {
      throw new ConfigError(`BM25 algorithm '${this.bm25Algorithm}' is not supported. Use one of: ${bm25Algorithms.join(', ')}.`);
    }
    this.bm25Parameters = { ...options.bm25Parameters };
    const similarity: string = options.embeddingSimilarityFunction ?? 'dot_product';
    if (similarity !== 'dot_product' && similarity !== 'cosine') {
      throw new ConfigError(`Unknown embedding similarity function '${similarity}'. Use 'dot_product' or 'cosine'.`);
    }
    this.embeddingSimilarityFunction = similarity;
    this.index = options.index ?? randomUuid();
    this.returnEmbedding = options.returnEmbedding ?? true;
    this.#tokenize = createBM25Tokenizer(this.bm25TokenizationRegex);
    let shared = indexes.get(this.index);
    if (!shared) indexes.set(this.index, (shared = new BM25Index()));
    this.#index = shared;
  }

  /** How many documents are stored. */
  countDocuments(): number {
    return this.#index.documentCount;
  }

  /**
   * Writes documents and returns how many were written. `NONE` means `FAIL` here. As in Haystack,
   * documents before a failing duplicate stay written, and `OVERWRITE` moves a document to the end.
   */
  writeDocuments(documents: readonly Document[], policy: DuplicatePolicy = 'NONE'): number {
    const given: unknown = documents;
    if (!Array.isArray(given) || given.some((document) => !(document instanceof Document))) {
      throw new ConfigError('Please provide a list of Documents (new Document({ content }) for each).');
    }
    const parsed = parseDuplicatePolicy(policy);
    const effective = parsed === 'NONE' ? 'FAIL' : parsed;
    let written = documents.length;
    for (const document of documents) {
      if (this.#index.documents.has(document.id)) {
        if (effective === 'FAIL') throw new DuplicateDocumentError(document.id);
        if (effective === 'SKIP') {
          written--;
          continue;
        }
        this.#index.remove(document.id);
      }
      this.#index.add(document, document.content === null ? [] : this.#tokenize(document.content));
    }
    return written;
  }

  /** The documents matching `filters`, in insertion order; all of them without filters. */
  filterDocuments(filters?: Filter | null): Document[] {
    const entries = this.#matching(filters);
    return entries.map((entry) => this.#output(entry.document, entry.document.score));
  }

  /** Deletes the documents with these ids; unknown ids are ignored. */
  deleteDocuments(ids: readonly string[]): void {
    for (const id of ids) this.#index.remove(id);
  }

  /** Deletes every document of this index. */
  deleteAllDocuments(): void {
    this.#index.clear();
  }

  /**
   * The `topK` documents that best match `query` by BM25, best first, each a copy carrying its score.
   * Documents without content are never returned; scores ≤ 0 are dropped except for unscaled BM25Okapi.
   */
  bm25Retrieval(query: string, options: BM25RetrievalOptions = {}): Document[] {
    if (typeof query !== 'string' || query === '') throw new ConfigError('Query should be a non-empty string.');
    const topK = options.topK ?? 10;
    if (!Number.isInteger(topK) || topK <= 0) throw new ConfigError(`top_k must be a whole number greater than 0; got ${topK}.`);
    const scaleScore = options.scaleScore ?? false;
    const filters = hasKeys(options.filters) ? options.filters : undefined;
    // Haystack evaluates the filters on every document first, so a filter error surfaces whatever the query.
    const allowed = filters ? new Set(this.#matching(filters)) : undefined;
    if (this.#index.documentCount === 0) return [];
    const tokens = [...new Set(this.#tokenize(query))];
    const scorer = bm25QueryScorer(this.bm25Algorithm, this.bm25Parameters, this.#index, tokens);
    const ranked = this.#index.search(tokens, scorer, {
      topK,
      allowed: (entry) => entry.document.content !== null && (allowed === undefined || allowed.has(entry)),
      keepNonPositive: scaleScore || this.bm25Algorithm === 'BM25Okapi',
    });
    return ranked.map(({ entry, score }) => this.#output(entry.document, scaleScore ? scaleBM25Score(score) : score));
  }

  #matching(filters: Filter | null | undefined): IndexedDocument[] {
    const entries = [...this.#index.documents.values()];
    if (!hasKeys(filters)) return entries;
    validateFilters(filters);
    return entries.filter((entry) => documentMatchesFilter(filters, entry.document));
  }

  #output(document: Document, score: number | null): Document {
    if (!this.returnEmbedding && document.embedding !== null) return document.with({ score, embedding: null });
    return score === document.score ? document : document.withScore(score);
  }

  /** Haystack's dict. */
  toDict(): ComponentDict {
    return defaultToDict(InMemoryDocumentStore.typeNames[0], {
      bm25_tokenization_regex: this.bm25TokenizationRegex,
      bm25_algorithm: this.bm25Algorithm,
      bm25_parameters: { ...this.bm25Parameters },
      embedding_similarity_function: this.embeddingSimilarityFunction,
      index: this.index,
      return_embedding: this.returnEmbedding,
    });
  }

  /** Reads Haystack's dict; a store with the same `index` shares the documents of the one that wrote it. */
  static fromDict(dict: ComponentDict): InMemoryDocumentStore {
    const init = readInitParameters(readComponentDict(dict, InMemoryDocumentStore.typeNames, 'InMemoryDocumentStore'), 'InMemoryDocumentStore');
    return new InMemoryDocumentStore({
      bm25TokenizationRegex: init.string('bm25_tokenization_regex'),
      bm25Algorithm: init.string('bm25_algorithm') as BM25Algorithm | undefined,
      bm25Parameters: init.record('bm25_parameters') as BM25Parameters | undefined,
      embeddingSimilarityFunction: init.string('embedding_similarity_function') as EmbeddingSimilarityFunction | undefined,
      index: init.string('index'),
      returnEmbedding: init.boolean('return_embedding'),
    });
  }
}
