/**
 * Sentence splitting for DocumentSplitter's `sentence` mode. Haystack uses NLTK's Punkt model, which
 * a browser SDK cannot ship; this uses the platform's Unicode sentence segmentation (`Intl.Segmenter`,
 * UAX #29) and then Haystack's own repair rules, so results agree on ordinary prose but can differ
 * on abbreviations Punkt knows and the short lists below do not.
 */

/** Options of {@link splitSentences}. */
export interface SplitSentencesOptions {
  /** An ISO 639-1 code (`en`, `de`, ...). */
  readonly language?: string;
  /** Apply Haystack's rules: no split inside quotes, after a list number, or before a bracket. */
  readonly useSplitRules?: boolean;
  /** Never split after a known abbreviation (English and German lists, as Haystack ships for those two). */
  readonly extendAbbreviations?: boolean;
}

// A compact selection from Haystack's curated lists (haystack/data/abbreviations/{en,de}.txt).
const abbreviations: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(
    'mr mrs ms dr prof sr jr st mt ft gen col capt lt sgt rev gov sen rep hon etc e.g i.e cf vs al fig figs vol no nos approx dept est inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
  ),
  de: new Set('dr prof hr fr nr str bzw usw ca evtl ggf inkl vgl z.b u.a d.h s.o s.u jan feb mär apr jun jul aug sep sept okt nov dez'.split(' ')),
};

// Haystack's QUOTE_SPANS_RE.
const quoteSpans = /"[^"]*"|'[^']*'/g;
const trailingSpace = /\s*$/;

const segment = (text: string, language: string): string[] => {
  if (typeof Intl.Segmenter === 'function') {
    return Array.from(new Intl.Segmenter(language, { granularity: 'sentence' }).segment(text), (part) => part.segment);
  }
  // Without Intl.Segmenter (older Firefox): end a sentence at . ! or ? plus closing marks and spaces.
  return text.match(/[^.!?]*(?:[.!?]+["')\]}]*\s*|$)/g)?.filter((part) => part !== '') ?? [text];
};

/** Splits `text` into sentences that keep their whitespace, so joining them gives `text` back. */
export const splitSentences = (text: string, options: SplitSentencesOptions = {}): string[] => {
  const language = options.language ?? 'en';
  const known = options.extendAbbreviations === false ? undefined : abbreviations[language];
  const pieces = segment(text, language);
  const quotes = options.useSplitRules === false ? [] : Array.from(text.matchAll(quoteSpans), (match) => [match.index, match.index + match[0].length] as const);
  const sentences: string[] = [];
  let start = 0;
  let current = '';
  for (const [index, piece] of pieces.entries()) {
    current += piece;
    const next = pieces[index + 1];
    if (next !== undefined && needsJoin(current, start, next, known, options.useSplitRules !== false, quotes, text)) continue;
    sentences.push(current);
    start += current.length;
    current = '';
  }
  return sentences;
};

const needsJoin = (
  sentence: string,
  start: number,
  next: string,
  known: ReadonlySet<string> | undefined,
  rules: boolean,
  quotes: readonly (readonly [number, number])[],
  text: string,
): boolean => {
  const body = sentence.replace(trailingSpace, '');
  if (known) {
    const lastWord = /(\S+)\.$/.exec(body)?.[1]?.toLowerCase();
    if (lastWord !== undefined && known.has(lastWord.replace(/^[("'[]+/, ''))) return true;
  }
  if (!rules) return false;
  const end = start + body.length;
  // Haystack: a boundary inside a quote joins; so does a quoted question ending right at the boundary.
  if (quotes.some(([from, to]) => from < end && end < to)) return true;
  if (quotes.some(([from, to]) => from < end && end === to && text[to - 2] === '?')) return true;
  // A sentence that is only a list number ("1.") joins the next; so does a next sentence opening a bracket.
  if (/(^|\n)\s*\d{1,2}\.$/.test(body)) return true;
  return /^\s*[([]/.test(next);
};
