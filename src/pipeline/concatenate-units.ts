/**
 * The grouping half of Haystack's DocumentSplitter (`_concatenate_units` and
 * `_concatenate_sentences_based_on_word_amount`): units (words, lines, sentences...) are joined into
 * splits, and each split records the page it starts on and where it starts in the original text.
 * Positions count Unicode code points, as Python's `len()` does, so they match Haystack's
 * `split_idx_start` for text outside the Basic Multilingual Plane too.
 */

/** Splits with the page each starts on and its start offset (in code points). */
export interface UnitSplits {
  readonly texts: string[];
  readonly pages: number[];
  readonly starts: number[];
}

const surrogatePairs = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** Python's `len(text)`: code points, not UTF-16 units. */
export const codePointLength = (text: string): number => text.length - (text.match(surrogatePairs)?.length ?? 0);

/** Python's `text[start:end]` for non-negative code-point offsets. */
export const codePointSlice = (text: string, start: number, end: number): string => {
  if (text.length === codePointLength(text)) return text.slice(start, end);
  return Array.from(text).slice(start, end).join('');
};

const countFormFeeds = (text: string): number => text.split('\f').length - 1;

// str.split() with no argument splits on runs of what str.isspace() accepts (which includes \x1c–\x1f).
// eslint-disable-next-line no-control-regex
const pythonWhitespace = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const wordCount = (text: string): number => text.split(pythonWhitespace).filter((word) => word !== '').length;

/** Options of {@link concatenateUnits}. */
export interface ConcatenateOptions {
  readonly length: number;
  readonly overlap: number;
  readonly threshold: number;
  /** Splitting by page: every processed unit is one page. Otherwise pages are counted by form feeds. */
  readonly byPage: boolean;
  /** Drop splits whose text is empty. */
  readonly skipEmpty: boolean;
}

/**
 * Groups units into windows of `length` units advancing by `length − overlap` (more_itertools'
 * `windowed` as Haystack calls it: the last window may be short, and a window that would hold only
 * the previous one's overlap is not made). A window with fewer than `threshold` units is appended to
 * the split before it.
 */
export const concatenateUnits = (units: readonly string[], options: ConcatenateOptions): UnitSplits => {
  const { length, overlap, threshold, byPage, skipEmpty } = options;
  const step = length - overlap;
  const texts: string[] = [];
  const pages: number[] = [];
  const starts: number[] = [];
  let start = 0;
  let page = 1;
  for (let from = 0; from === 0 ? units.length > 0 : from + overlap < units.length; from += step) {
    const window = units.slice(from, from + length);
    const text = window.join('');
    if (window.length < threshold && texts.length > 0) texts[texts.length - 1] = (texts.at(-1) ?? '') + text;
    else if (!skipEmpty || text.length > 0) {
      texts.push(text);
      pages.push(page);
      starts.push(start);
    }
    const processed = window.slice(0, step);
    start += codePointLength(processed.join(''));
    page += byPage ? processed.length : processed.reduce((sum, unit) => sum + countFormFeeds(unit), 0);
  }
  return { texts, pages, starts };
};

/** How many trailing sentences the next chunk repeats so it overlaps by more than `overlap` words. */
const sentencesToKeep = (sentences: readonly string[], length: number, overlap: number): number => {
  if (overlap === 0) return 0;
  let keep = 0;
  let words = 0;
  // The first sentence is never kept: the next chunk must not start where this one did.
  for (let i = sentences.length - 1; i >= 1; i--) {
    words += wordCount(sentences[i] ?? '');
    if (words > length) break;
    keep++;
    if (words > overlap) break;
  }
  return keep;
};

/**
 * Groups whole sentences into chunks of at most `length` words (a longer sentence stands alone),
 * repeating trailing sentences for the overlap, as Haystack's `respect_sentence_boundary` does.
 */
export const concatenateSentences = (sentences: readonly string[], length: number, overlap: number): UnitSplits => {
  const texts: string[] = [];
  const pages: number[] = [];
  const starts: number[] = [];
  let chunk: string[] = [];
  let words = 0;
  let page = 1;
  let start = 0;
  sentences.forEach((sentence, index) => {
    chunk.push(sentence);
    words += wordCount(sentence);
    const last = index === sentences.length - 1;
    const next = last ? 0 : wordCount(sentences[index + 1] ?? '');
    if (words + next <= length && !last) return;
    const text = chunk.join('');
    // Haystack filters empty texts after the fact; they never occur for non-empty input.
    if (text.length > 0) {
      texts.push(text);
      pages.push(page);
      starts.push(start);
    }
    const keep = sentencesToKeep(chunk, length, overlap);
    const processed = keep > 0 ? chunk.slice(0, -keep) : chunk;
    page += processed.reduce((sum, unit) => sum + countFormFeeds(unit), 0);
    start += codePointLength(processed.join(''));
    chunk = keep > 0 ? chunk.slice(-keep) : [];
    words = chunk.reduce((sum, unit) => sum + wordCount(unit), 0);
  });
  return { texts, pages, starts };
};
