import { okapiIdfTable, type BM25Corpus, type BM25QueryScorer } from './bm25.js';
import type { Document } from './document.js';

/** A stored document with its BM25 statistics. */
export interface IndexedDocument {
  readonly document: Document;
  /** Insertion order; a document written again moves to the end, as a Python dict entry does. */
  readonly order: number;
  /** Its token count. */
  readonly length: number;
  /** Its distinct tokens, to undo its postings on delete. */
  readonly terms: readonly string[];
  /** The last query that found it through a posting (a cheap "seen" flag instead of a Set per query). */
  mark: number;
}

/** One ranked result. */
export interface ScoredDocument {
  readonly entry: IndexedDocument;
  readonly score: number;
}

/** Options of {@link BM25Index.search}. */
export interface BM25SearchOptions {
  readonly topK: number;
  /** Whether a document may be returned (content present, filters matched). */
  readonly allowed: (entry: IndexedDocument) => boolean;
  /** Keep scores ≤ 0 (BM25Okapi unscaled, or any scaled search); otherwise they are dropped, as Haystack drops them. */
  readonly keepNonPositive: boolean;
}

const ranksBefore = (a: ScoredDocument, b: ScoredDocument): boolean => a.score > b.score || (a.score === b.score && a.entry.order < b.entry.order);

/** Keeps the best `size` results in a binary heap whose root is the worst of them. */
class TopK {
  readonly #heap: ScoredDocument[] = [];
  constructor(readonly size: number) {}

  offer(item: ScoredDocument): void {
    const heap = this.#heap;
    if (heap.length < this.size) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const above = heap[parent] as ScoredDocument;
        if (!ranksBefore(above, item)) break;
        heap[i] = above;
        i = parent;
      }
      heap[i] = item;
      return;
    }
    const worst = heap[0];
    if (worst === undefined || !ranksBefore(item, worst)) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const leftItem = heap[left] as ScoredDocument;
      const rightItem = heap[right];
      const child = rightItem !== undefined && ranksBefore(leftItem, rightItem) ? right : left;
      const childItem = heap[child] as ScoredDocument;
      if (!ranksBefore(item, childItem)) break;
      heap[i] = childItem;
      i = child;
    }
    heap[i] = item;
  }

  sorted(): ScoredDocument[] {
    return [...this.#heap].sort((a, b) => (ranksBefore(a, b) ? -1 : 1));
  }
}

/**
 * An inverted index over the stored documents: token → (document → frequency). A query visits only
 * the postings of its tokens, so it costs O(postings), not O(corpus).
 *
 * @example
 * const index = new BM25Index();
 * index.add(doc, ['bm25', 'ranks']);
 * index.search(['bm25'], bm25QueryScorer('BM25L', {}, index, ['bm25']), { topK: 5, allowed: () => true, keepNonPositive: false });
 */
export class BM25Index implements BM25Corpus {
  /** Stored documents by id, in insertion order. */
  readonly documents = new Map<string, IndexedDocument>();
  readonly #postings = new Map<string, Map<IndexedDocument, number>>();
  #totalLength = 0;
  // Kept as Haystack keeps it, a running mean updated per write and delete, so scores agree to the last bit.
  #averageLength = 0;
  #nextOrder = 0;
  #queries = 0;
  #okapi: { epsilon: number; table: Map<string, number> } | undefined;

  get documentCount(): number {
    return this.documents.size;
  }

  get averageLength(): number {
    return this.#averageLength;
  }

  documentFrequency(token: string): number {
    return this.#postings.get(token)?.size ?? 0;
  }

  okapiIdf(epsilon: number): ReadonlyMap<string, number> {
    // The table spans the whole vocabulary, so it is built once per change of the corpus, not per query.
    if (this.#okapi?.epsilon !== epsilon) {
      const frequencies = [...this.#postings].map(([token, postings]) => [token, postings.size] as const);
      this.#okapi = { epsilon, table: okapiIdfTable(this.documents.size, frequencies, epsilon) };
    }
    return this.#okapi.table;
  }

  /** Adds a document under an id that is not stored yet. */
  add(document: Document, tokens: readonly string[]): void {
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    const entry: IndexedDocument = { document, order: this.#nextOrder++, length: tokens.length, terms: [...counts.keys()], mark: 0 };
    for (const [token, count] of counts) {
      let postings = this.#postings.get(token);
      if (!postings) this.#postings.set(token, (postings = new Map<IndexedDocument, number>()));
      postings.set(entry, count);
    }
    this.#totalLength += tokens.length;
    this.documents.set(document.id, entry);
    const count = this.documents.size;
    this.#averageLength = (tokens.length + this.#averageLength * (count - 1)) / count;
    this.#okapi = undefined;
  }

  /** Removes a document; false when the id is not stored. */
  remove(id: string): boolean {
    const entry = this.documents.get(id);
    if (!entry) return false;
    for (const token of entry.terms) {
      const postings = this.#postings.get(token);
      postings?.delete(entry);
      if (postings?.size === 0) this.#postings.delete(token);
    }
    this.#totalLength -= entry.length;
    this.documents.delete(id);
    const count = this.documents.size;
    this.#averageLength = count === 0 ? 0 : (this.#averageLength * (count + 1) - entry.length) / count;
    this.#okapi = undefined;
    return true;
  }

  /**
   * The top `topK` documents for the query's unique tokens, best first, ties in insertion order (as
   * Python's stable sort leaves them). Documents containing no query token all score the same
   * baseline (BM25L and BM25Plus give absent terms a positive share), so they are taken in
   * insertion order without being scored one by one.
   */
  search(tokens: readonly string[], scorer: BM25QueryScorer, options: BM25SearchOptions): ScoredDocument[] {
    const { topK, allowed, keepNonPositive } = options;
    const mark = ++this.#queries;
    const top = new TopK(topK);
    // Haystack scores every document 0 when the corpus has no tokens at all (it would divide by zero).
    const empty = this.#totalLength === 0;
    const { idf, tf } = scorer;
    const postings = tokens.map((token) => (empty ? undefined : this.#postings.get(token)));
    for (const list of postings) {
      if (!list) continue;
      for (const entry of list.keys()) {
        if (entry.mark === mark) continue;
        entry.mark = mark;
        if (!allowed(entry)) continue;
        let score = 0;
        for (let i = 0; i < idf.length; i++) score += (idf[i] ?? 0) * tf(postings[i]?.get(entry) ?? 0, entry.length);
        if (keepNonPositive || score > 0) top.offer({ entry, score });
      }
    }
    let baseline = 0;
    if (!empty) for (let i = 0; i < idf.length; i++) baseline += (idf[i] ?? 0) * tf(0, this.averageLength);
    const ranked = top.sorted();
    if (!keepNonPositive && !(baseline > 0)) return ranked;
    const rest: ScoredDocument[] = [];
    for (const entry of this.documents.values()) {
      if (rest.length >= topK) break;
      if (entry.mark !== mark && allowed(entry)) rest.push({ entry, score: baseline });
    }
    return mergeRanked(ranked, rest, topK);
  }

  /** Empties the index. */
  clear(): void {
    this.documents.clear();
    this.#postings.clear();
    this.#totalLength = 0;
    this.#averageLength = 0;
    this.#okapi = undefined;
  }
}

const mergeRanked = (a: readonly ScoredDocument[], b: readonly ScoredDocument[], limit: number): ScoredDocument[] => {
  const merged: ScoredDocument[] = [];
  let i = 0;
  let j = 0;
  while (merged.length < limit) {
    const left = a[i];
    const right = b[j];
    if (left === undefined && right === undefined) break;
    if (right === undefined || (left !== undefined && ranksBefore(left, right))) {
      merged.push(left as ScoredDocument);
      i++;
    } else {
      merged.push(right);
      j++;
    }
  }
  return merged;
};
