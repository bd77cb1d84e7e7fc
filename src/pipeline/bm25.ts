/**
 * BM25 scoring with Haystack's formulas (`InMemoryDocumentStore._score_bm25l/_bm25okapi/_bm25plus`),
 * for a query's unique tokens against a corpus of N documents with average length `avgdl`:
 *
 * - BM25L:    idf = ln((N + 1) / (n + 0.5)), 0 when n = 0;  c = f / (1 − b + b·len/avgdl);
 *             tf = (k1 + 1)(c + δ) / (k1 + c + δ);  defaults k1 = 1.5, b = 0.75, δ = 0.5.
 * - BM25Okapi: idf = ln((N − n + 0.5) / (n + 0.5)) over the whole vocabulary; negative ones become
 *             ε · mean(idf); tf = f(k1 + 1) / (f + k1(1 − b + b·len/avgdl));  ε = 0.25.
 * - BM25Plus: idf = ln(1 + (N − n + 0.5) / (n + 0.5)), 0 when n = 0;  tf = f(k1 + 1) / (f + k1(1 − b + b·len/avgdl)) + δ;  δ = 1.
 *
 * score = Σ idf(t) · tf(t) over the query's unique tokens, summed in query order as Haystack sums them.
 */

/** The BM25 variants Haystack's InMemoryDocumentStore offers. */
export type BM25Algorithm = 'BM25Okapi' | 'BM25L' | 'BM25Plus';

/** The algorithms, for validation. */
export const bm25Algorithms: readonly BM25Algorithm[] = ['BM25Okapi', 'BM25L', 'BM25Plus'];

/** Haystack's `bm25_parameters`; unset ones take the defaults above. */
export interface BM25Parameters {
  readonly k1?: number;
  readonly b?: number;
  readonly delta?: number;
  readonly epsilon?: number;
}

/** What scoring needs to know about the corpus. */
export interface BM25Corpus {
  /** N: every stored document, with or without content. */
  readonly documentCount: number;
  /** The mean token count over those N documents. */
  readonly averageLength: number;
  /** n: how many documents contain `token`. */
  documentFrequency(token: string): number;
  /** BM25Okapi's idf table (ε already applied), which depends on the whole vocabulary. */
  okapiIdf(epsilon: number): ReadonlyMap<string, number>;
}

/** Scores for one query: an idf per unique query token, and the term-frequency part of a document. */
export interface BM25QueryScorer {
  /** idf of each unique query token, in query order. */
  readonly idf: readonly number[];
  /** The term-frequency factor for a token seen `frequency` times in a document of `length` tokens. */
  readonly tf: (frequency: number, length: number) => number;
}

const parameter = (parameters: BM25Parameters, key: keyof BM25Parameters, fallback: number): number => {
  const value = parameters[key];
  return typeof value === 'number' ? value : fallback;
};

/** Builds the idf list and tf function of `algorithm` for `tokens` (already unique). */
export const bm25QueryScorer = (algorithm: BM25Algorithm, parameters: BM25Parameters, corpus: BM25Corpus, tokens: readonly string[]): BM25QueryScorer => {
  const k = parameter(parameters, 'k1', 1.5);
  const b = parameter(parameters, 'b', 0.75);
  const n = corpus.documentCount;
  const avg = corpus.averageLength;
  // The operations keep Haystack's order, so scores agree with Python's to the last bit where libm's log does.
  switch (algorithm) {
    case 'BM25L': {
      const delta = parameter(parameters, 'delta', 0.5);
      return {
        idf: tokens.map((token) => {
          const df = corpus.documentFrequency(token);
          return df === 0 ? 0 : Math.log((n + 1) / (df + 0.5));
        }),
        tf: (frequency, length) => {
          const ctd = frequency / (1 - b + (b * length) / avg);
          return ((1 + k) * (ctd + delta)) / (k + ctd + delta);
        },
      };
    }
    case 'BM25Plus': {
      const delta = parameter(parameters, 'delta', 1);
      return {
        idf: tokens.map((token) => {
          const df = corpus.documentFrequency(token);
          return df === 0 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5));
        }),
        tf: (frequency, length) => (frequency * (1 + k)) / (frequency + k * (1 - b + (b * length) / avg)) + delta,
      };
    }
    case 'BM25Okapi': {
      const table = corpus.okapiIdf(parameter(parameters, 'epsilon', 0.25));
      return {
        idf: tokens.map((token) => table.get(token) ?? 0),
        tf: (frequency, length) => (frequency * (1 + k)) / (frequency + k * (1 - b + (b * length) / avg)),
      };
    }
  }
};

/** BM25Okapi's idf for every token of the vocabulary, negative ones floored to ε times the mean idf. */
export const okapiIdfTable = (documentCount: number, documentFrequencies: Iterable<readonly [string, number]>, epsilon: number): Map<string, number> => {
  const idf = new Map<string, number>();
  const negative: string[] = [];
  let sum = 0;
  for (const [token, df] of documentFrequencies) {
    const value = Math.log((documentCount - df + 0.5) / (df + 0.5));
    idf.set(token, value);
    sum += value;
    if (value < 0) negative.push(token);
  }
  const floor = (epsilon * sum) / idf.size;
  for (const token of negative) idf.set(token, floor);
  return idf;
};

/** Python's `expit`: 1 / (1 + e^−x). */
export const expit = (x: number): number => 1 / (1 + Math.exp(-x));

/** Haystack's BM25 score scaling: `expit(score / 8)`. */
export const scaleBM25Score = (score: number): number => expit(score / 8);
