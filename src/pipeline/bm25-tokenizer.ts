import { compilePythonRegex, pythonFindAll } from './compile-python-regex.js';

/** Haystack 2's default BM25 tokenization regex (up to 2.26; 2.27 changed it to `(?u)\b\w+\b`, which keeps 1-letter words). */
export const defaultBM25TokenizationRegex = String.raw`(?u)\b\w\w+\b`;

// Fast equivalents of the two regexes Haystack has shipped. Python's `\w` is a letter, digit or `_` in
// any script; a maximal run of them starts and ends at `\b`, so `\b\w\w+\b` matches exactly the runs
// of two or more such characters.
const fastPaths: ReadonlyMap<string, RegExp> = new Map([
  [defaultBM25TokenizationRegex, /[\p{L}\p{N}_]{2,}/gu],
  [String.raw`(?u)\b\w+\b`, /[\p{L}\p{N}_]+/gu],
]);

/**
 * A tokenizer as Haystack's InMemoryDocumentStore tokenizes for BM25: lowercase, then every match of
 * the (Python) regex. Combining marks are not word characters in Python either, so words in scripts
 * that use them (Devanagari vowel signs, decomposed accents) split at the mark, as they do in Haystack.
 */
export const createBM25Tokenizer = (regex: string): ((text: string) => string[]) => {
  const fast = fastPaths.get(regex);
  if (fast) return (text) => text.toLowerCase().match(fast) ?? [];
  const findAll = pythonFindAll(compilePythonRegex(regex));
  return (text) => findAll(text.toLowerCase());
};
