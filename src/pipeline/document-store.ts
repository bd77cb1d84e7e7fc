import { ConfigError, type ComponentDict } from '../core/index.js';
import type { Document } from './document.js';
import type { Filter } from './filters.js';

/**
 * What to do when a written document's id is already stored (Haystack's `DuplicatePolicy`, by name):
 * `NONE` leaves it to the store (the in-memory store fails), `SKIP` keeps the stored one, `OVERWRITE`
 * replaces it, `FAIL` throws a {@link DuplicateDocumentError}.
 */
export type DuplicatePolicy = 'NONE' | 'SKIP' | 'OVERWRITE' | 'FAIL';

const policies: readonly DuplicatePolicy[] = ['NONE', 'SKIP', 'OVERWRITE', 'FAIL'];

/** Reads a policy by name (`'SKIP'`, as Haystack serialises it) or by value (`'skip'`). */
export const parseDuplicatePolicy = (value: unknown): DuplicatePolicy => {
  const name = typeof value === 'string' ? value.toUpperCase() : '';
  const policy = policies.find((candidate) => candidate === name);
  if (policy === undefined) throw new ConfigError(`Unknown duplicate policy '${String(value)}'. Use one of: ${policies.join(', ')}.`);
  return policy;
};

/**
 * A written document's id is already stored and the policy is `FAIL` (Haystack's `DuplicateDocumentError`).
 *
 * @example
 * try { store.writeDocuments(docs); } catch (error) { if (error instanceof DuplicateDocumentError) store.writeDocuments(docs, 'SKIP'); }
 */
export class DuplicateDocumentError extends ConfigError {
  /** The id that was already stored. */
  readonly documentId: string;

  constructor(documentId: string) {
    super(`ID '${documentId}' already exists. Write with policy 'SKIP' or 'OVERWRITE' to keep or replace the stored document.`);
    this.name = 'DuplicateDocumentError';
    this.documentId = documentId;
  }
}

/** A value or a promise of it: a store may answer at once (in memory) or later (IndexedDB, a server). */
export type MaybePromise<T> = T | Promise<T>;

/** Haystack's `DocumentStore` protocol, the part writers and retrievers use. */
export interface DocumentStore {
  /** Writes documents and says how many were written. */
  writeDocuments(documents: readonly Document[], policy?: DuplicatePolicy): MaybePromise<number>;
  /** The documents matching `filters` (all without filters). */
  filterDocuments(filters?: Filter | null): MaybePromise<Document[]>;
  /** Deletes the documents with these ids; unknown ids are ignored. */
  deleteDocuments(ids: readonly string[]): MaybePromise<void>;
  /** How many documents are stored. */
  countDocuments(): MaybePromise<number>;
  /** Haystack's `{ type, init_parameters }`. */
  toDict(): ComponentDict;
}
