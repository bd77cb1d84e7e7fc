import { ConfigError } from '../core/index.js';
import { pythonRepr } from './python-repr.js';
import { sha256Hex } from './sha256.js';

/** A sparse vector: the indices of the non-zero elements and their values (Haystack's `SparseEmbedding`). */
export interface SparseEmbedding {
  readonly indices: readonly number[];
  readonly values: readonly number[];
}

/** What a {@link Document} is made from; every field is optional, as in Haystack. */
export interface DocumentInit {
  /** The id; derived from the other fields when absent or empty. */
  id?: string | undefined;
  /** The text, or null for a document without text. */
  content?: string | null | undefined;
  /** JSON-serialisable metadata. */
  meta?: Readonly<Record<string, unknown>> | undefined;
  /** The relevance score a retriever or ranker gave it. */
  score?: number | null | undefined;
  /** A dense vector. */
  embedding?: readonly number[] | null | undefined;
  /** A sparse vector. */
  sparseEmbedding?: SparseEmbedding | null | undefined;
}

/** Haystack's `Document.to_dict(flatten=False)` shape; `blob` is always null (hayloft keeps no binary data). */
export interface DocumentDict {
  id: string;
  content: string | null;
  blob: null;
  meta: Record<string, unknown>;
  score: number | null;
  embedding: number[] | null;
  sparse_embedding: { indices: number[]; values: number[] } | null;
}

// Field names of Haystack's Document plus the legacy ones its from_dict still accepts and drops.
const fieldNames = new Set(['id', 'content', 'blob', 'meta', 'score', 'embedding', 'sparse_embedding']);
const legacyFieldNames = new Set(['content_type', 'id_hash_keys', 'dataframe']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A deep copy through JSON semantics (undefined keys dropped), frozen so a document never changes under a store. */
const frozenCopy = (value: unknown): unknown => {
  if (Array.isArray(value)) return Object.freeze(value.map((item) => (item === undefined ? null : frozenCopy(item))));
  if (isRecord(value) && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) copy[key] = frozenCopy(item);
    return Object.freeze(copy);
  }
  return value;
};

const checkNumbers = (values: unknown, field: string): readonly number[] => {
  if (!Array.isArray(values) || values.some((item) => typeof item !== 'number')) {
    throw new ConfigError(`Document '${field}' must be a list of numbers.`);
  }
  return Object.freeze([...(values as number[])]);
};

/**
 * Haystack's id: SHA-256 of `f"{text}{dataframe}{blob!r}{mime_type}{meta}{embedding}{sparse_embedding}"`,
 * with Python's `str()` of each part (Haystack 2.x; its 3.x sorts meta keys as JSON instead).
 */
const createId = (content: string | null, meta: Readonly<Record<string, unknown>>, embedding: readonly number[] | null, sparse: SparseEmbedding | null): string => {
  // `self.content or None`: empty content hashes as None; dataframe, blob and mime_type are always None here.
  const text = content === null || content === '' ? 'None' : content;
  // SparseEmbedding.to_dict(): int indices, float values.
  const sparseText = sparse === null ? '' : `{'indices': ${pythonRepr(sparse.indices)}, 'values': ${pythonRepr(sparse.values, { floats: true })}}`;
  const embeddingText = embedding === null ? 'None' : pythonRepr(embedding, { floats: true });
  return sha256Hex(`${text}NoneNoneNone${pythonRepr(meta)}${embeddingText}${sparseText}`);
};

/**
 * A piece of text with metadata, as Haystack's `Document`. It is immutable: `withScore` and friends
 * return copies. The id is derived as Haystack 2.x derives it, so the same document gets the same id
 * in Python and in the browser (integral floats in meta are the exception: JSON cannot tell `1.0` from `1`).
 *
 * @example
 * const doc = new Document({ content: 'BM25 ranks by term frequency.', meta: { source: 'notes.md' } });
 * doc.id; // 64 hex digits, stable across runs
 */
export class Document {
  /** Unique id; derived from the content, meta and embeddings unless given. */
  readonly id: string;
  /** The text, or null. */
  readonly content: string | null;
  /** Metadata (frozen). */
  readonly meta: Readonly<Record<string, unknown>>;
  /** Relevance score, or null. */
  readonly score: number | null;
  /** Dense vector, or null. */
  readonly embedding: readonly number[] | null;
  /** Sparse vector, or null. */
  readonly sparseEmbedding: SparseEmbedding | null;

  constructor(init: DocumentInit = {}) {
    const { content = null, score = null } = init;
    if (content !== null && typeof content !== 'string') throw new ConfigError('Document content must be a string or null.');
    if (score !== null && typeof score !== 'number') throw new ConfigError('Document score must be a number or null.');
    if (init.meta !== undefined && !isRecord(init.meta)) throw new ConfigError('Document meta must be an object.');
    this.content = content;
    this.meta = frozenCopy(init.meta ?? {}) as Readonly<Record<string, unknown>>;
    this.score = score;
    this.embedding = init.embedding == null ? null : checkNumbers(init.embedding, 'embedding');
    const sparse = init.sparseEmbedding ?? null;
    if (sparse !== null) {
      const indices = checkNumbers(sparse.indices, 'sparse_embedding.indices');
      const values = checkNumbers(sparse.values, 'sparse_embedding.values');
      if (indices.length !== values.length) throw new ConfigError('Document sparse_embedding needs as many indices as values.');
      this.sparseEmbedding = Object.freeze({ indices, values });
    } else this.sparseEmbedding = null;
    this.id = init.id || createId(this.content, this.meta, this.embedding, this.sparseEmbedding);
    Object.freeze(this);
  }

  /** The id Haystack would give a document with these fields, without building one. */
  static createId(init: Omit<DocumentInit, 'id' | 'score'>): string {
    return new Document(init).id;
  }

  /** A copy with another score and the same id (as Haystack's `dataclasses.replace`). */
  withScore(score: number | null): Document {
    return new Document({ ...this.#fields(), score });
  }

  /** A copy with other fields and the same id (as `dataclasses.replace`); pass `id: ''` to derive a new one. */
  with(changes: DocumentInit): Document {
    return new Document({ ...this.#fields(), ...changes });
  }

  #fields(): DocumentInit {
    return { id: this.id, content: this.content, meta: this.meta, score: this.score, embedding: this.embedding, sparseEmbedding: this.sparseEmbedding };
  }

  /**
   * Haystack's `to_dict()`. With `flatten` (the default, as in Haystack) meta keys sit beside the fields;
   * a meta key named like a field (`score`, `id`, ...) stays under `meta` so nothing is overwritten.
   */
  toDict(flatten?: true): Record<string, unknown>;
  toDict(flatten: false): DocumentDict;
  toDict(flatten = true): Record<string, unknown> | DocumentDict {
    const sparse = this.sparseEmbedding;
    const data: DocumentDict = {
      id: this.id,
      content: this.content,
      blob: null,
      meta: structuredClone(this.meta),
      score: this.score,
      embedding: this.embedding === null ? null : [...this.embedding],
      sparse_embedding: sparse === null ? null : { indices: [...sparse.indices], values: [...sparse.values] },
    };
    if (!flatten) return data;
    const { meta, ...fields } = data;
    const flat: Record<string, unknown> = {};
    const colliding: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(meta)) {
      if (fieldNames.has(key) || legacyFieldNames.has(key)) colliding[key] = value;
      else flat[key] = value;
    }
    // Haystack 2.x puts meta keys first ({**meta, **data}).
    return Object.keys(colliding).length > 0 ? { ...flat, ...fields, meta: colliding } : { ...flat, ...fields };
  }

  /**
   * Reads Haystack's dict, flattened or not: keys that are not Document fields are meta, merged over a
   * nested `meta`. Legacy fields (`content_type`, `id_hash_keys`, `dataframe`) are dropped as Haystack does.
   */
  static fromDict(data: unknown): Document {
    if (!isRecord(data)) throw new ConfigError('Document.fromDict needs an object such as { content, meta }.');
    const flattened: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) if (!fieldNames.has(key) && !legacyFieldNames.has(key)) flattened[key] = value;
    const nested = data.meta ?? {};
    if (!isRecord(nested)) throw new ConfigError("Document.fromDict: 'meta' must be an object.");
    if (data.blob !== undefined && data.blob !== null) {
      throw new ConfigError('Document.fromDict: hayloft documents hold no blob; drop the binary data (or convert it to text) before loading.');
    }
    if (data.id !== undefined && data.id !== null && typeof data.id !== 'string') throw new ConfigError("Document.fromDict: 'id' must be a string.");
    const sparse = data.sparse_embedding;
    if (sparse !== undefined && sparse !== null && !isRecord(sparse)) {
      throw new ConfigError("Document.fromDict: 'sparse_embedding' must be { indices, values }.");
    }
    return new Document({
      id: data.id ?? undefined,
      content: data.content as string | null | undefined,
      meta: { ...nested, ...flattened },
      score: data.score as number | null | undefined,
      embedding: data.embedding as number[] | null | undefined,
      sparseEmbedding: sparse == null ? null : { indices: sparse.indices as number[], values: sparse.values as number[] },
    });
  }
}
