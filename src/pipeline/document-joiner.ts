import { AbortError, ConfigError, defaultToDict, readComponentDict, type Component, type ComponentDict, type ComponentSockets, type InvokeOptions } from '../core/index.js';
import type { Document } from './document.js';
import { readInitParameters } from './read-init-parameters.js';

/** How {@link DocumentJoiner} combines lists. */
export type JoinMode = 'concatenate' | 'merge' | 'reciprocal_rank_fusion' | 'distribution_based_rank_fusion';

const joinModes: readonly JoinMode[] = ['concatenate', 'merge', 'reciprocal_rank_fusion', 'distribution_based_rank_fusion'];

/** Options of {@link DocumentJoiner}, as Haystack's init parameters in camelCase. */
export interface DocumentJoinerOptions {
  /** Default `concatenate`. */
  joinMode?: JoinMode;
  /** One weight per input list (normalised to sum 1), for `merge` and `reciprocal_rank_fusion`; default equal. */
  weights?: readonly number[] | null;
  /** Keep at most this many documents. */
  topK?: number | null;
  /** Sort by score, highest first, documents without a score last; default true. */
  sortByScore?: boolean;
}

/** What {@link DocumentJoiner.run} takes: one list per sender, and an optional `top_k`. */
export interface DocumentJoinerInputs {
  documents: readonly (readonly Document[])[];
  top_k?: number | null | undefined;
}

/** Haystack's RRF constant: 60 from the paper, plus 1 because ranks count from 0. */
const rrfK = 61;

const scoreOf = (document: Document): number => document.score ?? Number.NEGATIVE_INFINITY;

/** Keeps, for each id, the document with the highest score (the first one on a tie), in order of first appearance. */
const concatenate = (lists: readonly (readonly Document[])[]): Document[] => {
  const best = new Map<string, Document>();
  for (const document of lists.flat()) {
    const current = best.get(document.id);
    if (current === undefined || scoreOf(document) > scoreOf(current)) best.set(document.id, document);
  }
  return [...best.values()];
};

/** Sums per-id contributions; the document kept for an id is the last one seen, in order of first appearance. */
const accumulate = (lists: readonly (readonly Document[])[], contribution: (document: Document, rank: number, list: number) => number): Map<string, { document: Document; score: number }> => {
  const totals = new Map<string, { document: Document; score: number }>();
  lists.forEach((documents, list) => {
    documents.forEach((document, rank) => {
      const score = (totals.get(document.id)?.score ?? 0) + contribution(document, rank, list);
      totals.set(document.id, { document, score });
    });
  });
  return totals;
};

/** Rescales each list's scores from [mean − 3σ, mean + 3σ] to [0, 1] (all 0 when every score is equal). */
const distributionBased = (lists: readonly (readonly Document[])[]): Document[] =>
  concatenate(
    lists.map((documents) => {
      if (documents.length === 0) return documents;
      const scores = documents.map((document) => document.score ?? 0);
      const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
      const deviation = Math.sqrt(scores.reduce((sum, score) => sum + (score - mean) ** 2, 0) / scores.length);
      const min = mean - 3 * deviation;
      const delta = mean + 3 * deviation - min;
      return documents.map((document) => document.withScore(delta !== 0 ? ((document.score ?? 0) - min) / delta : 0));
    }),
  );

/**
 * Haystack's `DocumentJoiner`: joins the document lists of several retrievers into one.
 * `concatenate` keeps each id's best-scored copy; `merge` takes a weighted sum of scores;
 * `reciprocal_rank_fusion` scores Σ wᵢ·L / (61 + rankᵢ), divided by L/61 so a document first
 * everywhere scores 1 (L lists, equal weights 1/L); `distribution_based_rank_fusion` rescales each
 * list by its mean ± 3σ, then concatenates.
 *
 * @example
 * const joiner = new DocumentJoiner({ joinMode: 'reciprocal_rank_fusion' });
 * await joiner.run({ documents: [bm25Results, embeddingResults] });
 */
export class DocumentJoiner implements Component<DocumentJoinerInputs, { documents: Document[] }> {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.joiners.document_joiner.DocumentJoiner'] as const;
  /** Variadic input `documents` (each sender sends a list) and `top_k`; output `documents`. */
  readonly sockets: ComponentSockets = {
    inputs: { documents: { type: 'Document[]', variadic: true }, top_k: { type: 'number', mandatory: false } },
    outputs: { documents: { type: 'Document[]' } },
  };
  readonly joinMode: JoinMode;
  /** The normalised weights, or null for equal weights. */
  readonly weights: readonly number[] | null;
  readonly topK: number | null;
  readonly sortByScore: boolean;

  constructor(options: DocumentJoinerOptions = {}) {
    const mode: string = options.joinMode ?? 'concatenate';
    const known = joinModes.find((candidate) => candidate === mode);
    if (known === undefined) throw new ConfigError(`Unknown join mode '${mode}'. Supported modes in DocumentJoiner are: ${joinModes.join(', ')}.`);
    this.joinMode = known;
    const weights = options.weights ?? [];
    if (weights.some((weight) => typeof weight !== 'number' || !Number.isFinite(weight))) throw new ConfigError('DocumentJoiner weights must be finite numbers.');
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (weights.length > 0 && total === 0) throw new ConfigError('The provided `weights` must not sum to zero.');
    this.weights = weights.length > 0 ? weights.map((weight) => weight / total) : null;
    this.topK = options.topK ?? null;
    this.sortByScore = options.sortByScore ?? true;
  }

  /** Joins the lists; `top_k` overrides the init value when given (and not 0). */
  run(inputs: DocumentJoinerInputs): { documents: Document[] } {
    const lists = [...inputs.documents];
    let output = this.#join(lists);
    if (this.sortByScore) {
      // A stable sort, as Python's sorted(reverse=True): equal scores keep their order.
      output = output
        .map((document, index) => ({ document, index }))
        .sort((a, b) => scoreOf(b.document) - scoreOf(a.document) || a.index - b.index)
        .map(({ document }) => document);
    }
    // `if top_k:` in Haystack: 0 and null both fall back to the init value.
    const limit = inputs.top_k || this.topK;
    return { documents: limit ? output.slice(0, limit) : output };
  }

  /** Pipeline entry: `documents` holds one list per connected sender. */
  invoke(inputs: DocumentJoinerInputs, options: InvokeOptions = {}): Promise<{ documents: Document[] }> {
    if (options.signal?.aborted) return Promise.reject(new AbortError());
    try {
      return Promise.resolve(this.run(inputs));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #weightsFor(lists: readonly unknown[]): readonly number[] {
    if (this.weights === null) return lists.map(() => 1 / lists.length);
    if (this.weights.length !== lists.length) {
      throw new ConfigError(`DocumentJoiner has ${this.weights.length} weights but received ${lists.length} document lists; give one weight per list.`);
    }
    return this.weights;
  }

  #join(lists: readonly (readonly Document[])[]): Document[] {
    switch (this.joinMode) {
      case 'concatenate':
        return concatenate(lists);
      case 'distribution_based_rank_fusion':
        return distributionBased(lists);
      case 'merge': {
        if (lists.length === 0) return [];
        const weights = this.#weightsFor(lists);
        const totals = accumulate(lists, (document, _rank, list) => (document.score ?? 0) * (weights[list] ?? 0));
        return [...totals.values()].map(({ document, score }) => document.withScore(score));
      }
      case 'reciprocal_rank_fusion': {
        if (lists.length === 0) return [];
        const weights = this.#weightsFor(lists);
        const count = lists.length;
        const totals = accumulate(lists, (_document, rank, list) => ((weights[list] ?? 0) * count) / (rrfK + rank));
        return [...totals.values()].map(({ document, score }) => document.withScore(score / (count / rrfK)));
      }
    }
  }

  /** Haystack's dict (weights as normalised). */
  toDict(): ComponentDict {
    return defaultToDict(DocumentJoiner.typeNames[0], {
      join_mode: this.joinMode,
      weights: this.weights === null ? null : [...this.weights],
      top_k: this.topK,
      sort_by_score: this.sortByScore,
    });
  }

  /** Reads Haystack's dict. */
  static fromDict(dict: ComponentDict): DocumentJoiner {
    const init = readInitParameters(readComponentDict(dict, DocumentJoiner.typeNames, 'DocumentJoiner'), 'DocumentJoiner');
    return new DocumentJoiner({
      joinMode: init.string('join_mode') as JoinMode | undefined,
      weights: init.numberList('weights') ?? null,
      topK: init.number('top_k') ?? null,
      sortByScore: init.boolean('sort_by_score'),
    });
  }
}
