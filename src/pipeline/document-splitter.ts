import { AbortError, ConfigError, defaultToDict, readComponentDict, type Component, type ComponentDict, type ComponentSockets, type InvokeOptions } from '../core/index.js';
import { codePointLength, codePointSlice, concatenateSentences, concatenateUnits, type UnitSplits } from './concatenate-units.js';
import { Document } from './document.js';
import { readInitParameters } from './read-init-parameters.js';
import { splitSentences } from './split-sentences.js';

/** The unit DocumentSplitter counts in. */
export type SplitBy = 'function' | 'page' | 'passage' | 'period' | 'word' | 'line' | 'sentence';

const splitByValues: readonly SplitBy[] = ['function', 'page', 'passage', 'period', 'word', 'line', 'sentence'];

// What each character-based unit ends with (Haystack's _CHARACTER_SPLIT_BY_MAPPING).
const separators: Readonly<Partial<Record<SplitBy, string>>> = { page: '\f', passage: '\n\n', period: '.', word: ' ', line: '\n' };

/** Options of {@link DocumentSplitter}, as Haystack's init parameters in camelCase. */
export interface DocumentSplitterOptions {
  /** `word` (by spaces; default), `sentence`, `passage` (`\n\n`), `page` (`\f`), `line`, `period`, or `function`. */
  splitBy?: SplitBy;
  /** Units per split; default 200. */
  splitLength?: number;
  /** Units each split repeats from the previous one; default 0, and less than `splitLength`. */
  splitOverlap?: number;
  /** A split with fewer units is appended to the previous split; default 0. */
  splitThreshold?: number;
  /** For `function`: turns a text into its splits. Cannot be serialised. */
  splittingFunction?: (text: string) => string[];
  /** With `word`: cut only between sentences, filling each split with up to `splitLength` words. */
  respectSentenceBoundary?: boolean;
  /** Language of the sentence splitter; default `en`. */
  language?: string;
  /** Haystack's extra sentence rules (quotes, list numbers, brackets); default true. */
  useSplitRules?: boolean;
  /** Do not end sentences at known abbreviations (en, de); default true. */
  extendAbbreviations?: boolean;
  /** Skip documents with empty content, and empty splits; default true. */
  skipEmptyDocuments?: boolean;
}

const isWholeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/**
 * Haystack's `DocumentSplitter`: cuts documents into smaller ones by words, sentences, passages,
 * pages, lines or periods, with overlap. Each split carries the source's meta plus `source_id`,
 * `page_number` (counted by `\f`), `split_id` and `split_idx_start` (in code points, as Python counts);
 * with overlap, `_split_overlap` links neighbours. Empty documents are skipped; a document without
 * content is an error. Whitespace-only documents are kept, as in Haystack.
 *
 * @example
 * const splitter = new DocumentSplitter({ splitBy: 'word', splitLength: 3 });
 * splitter.run([new Document({ content: 'one two three four' })]).documents.map((d) => d.content); // ['one two three ', 'four']
 */
export class DocumentSplitter implements Component<{ documents: readonly Document[] }, { documents: Document[] }> {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.preprocessors.document_splitter.DocumentSplitter'] as const;
  /** Input and output: `documents`. */
  readonly sockets: ComponentSockets = { inputs: { documents: { type: 'Document[]' } }, outputs: { documents: { type: 'Document[]' } } };
  readonly splitBy: SplitBy;
  readonly splitLength: number;
  readonly splitOverlap: number;
  readonly splitThreshold: number;
  readonly splittingFunction: ((text: string) => string[]) | undefined;
  readonly respectSentenceBoundary: boolean;
  readonly language: string;
  readonly useSplitRules: boolean;
  readonly extendAbbreviations: boolean;
  readonly skipEmptyDocuments: boolean;

  constructor(options: DocumentSplitterOptions = {}) {
    const splitBy: string = options.splitBy ?? 'word';
    if (!splitByValues.some((value) => value === splitBy)) throw new ConfigError(`split_by must be one of ${splitByValues.join(', ')}; got '${splitBy}'.`);
    this.splitBy = splitBy as SplitBy;
    this.splitLength = options.splitLength ?? 200;
    this.splitOverlap = options.splitOverlap ?? 0;
    this.splitThreshold = options.splitThreshold ?? 0;
    this.splittingFunction = options.splittingFunction;
    this.language = options.language ?? 'en';
    this.useSplitRules = options.useSplitRules ?? true;
    this.extendAbbreviations = options.extendAbbreviations ?? true;
    this.skipEmptyDocuments = options.skipEmptyDocuments ?? true;
    if (this.splitBy === 'function' && typeof this.splittingFunction !== 'function') {
      throw new ConfigError("When 'split_by' is set to 'function', a valid 'splitting_function' must be provided.");
    }
    if (!isWholeNumber(this.splitLength) || this.splitLength <= 0) throw new ConfigError(`split_length must be a whole number greater than 0; got ${this.splitLength}.`);
    if (!isWholeNumber(this.splitOverlap) || this.splitOverlap < 0) throw new ConfigError(`split_overlap must be a whole number ≥ 0; got ${this.splitOverlap}.`);
    if (this.splitOverlap >= this.splitLength) {
      throw new ConfigError(`split_overlap (${this.splitOverlap}) must be less than split_length (${this.splitLength}); lower the overlap or raise the length.`);
    }
    if (!isWholeNumber(this.splitThreshold) || this.splitThreshold < 0) throw new ConfigError(`split_threshold must be a whole number ≥ 0; got ${this.splitThreshold}.`);
    // Haystack warns and turns the option off for anything but `word`.
    this.respectSentenceBoundary = (options.respectSentenceBoundary ?? false) && this.splitBy === 'word';
  }

  /** Splits every document; the output keeps input order. */
  run(documents: readonly Document[]): { documents: Document[] } {
    const given: unknown = documents;
    if (!Array.isArray(given) || given.some((document) => !(document instanceof Document))) {
      throw new ConfigError('DocumentSplitter expects a list of Documents as input.');
    }
    const output: Document[] = [];
    for (const document of documents) {
      if (document.content === null) {
        throw new ConfigError(`DocumentSplitter only works with text documents but content for document ID ${document.id} is null.`);
      }
      if (document.content === '' && this.skipEmptyDocuments) continue;
      output.push(...this.#split(document, document.content));
    }
    return { documents: output };
  }

  /** Pipeline entry. */
  invoke(inputs: { documents: readonly Document[] }, options: InvokeOptions = {}): Promise<{ documents: Document[] }> {
    if (options.signal?.aborted) return Promise.reject(new AbortError());
    try {
      return Promise.resolve(this.run(inputs.documents));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #split(document: Document, content: string): Document[] {
    const meta = { ...document.meta, source_id: document.id };
    if (this.splitBy === 'function' && this.splittingFunction) {
      return this.splittingFunction(content).map((text) => new Document({ content: text, meta }));
    }
    if (this.splitBy === 'sentence' || this.respectSentenceBoundary) {
      const sentences = splitSentences(content, { language: this.language, useSplitRules: this.useSplitRules, extendAbbreviations: this.extendAbbreviations });
      const splits = this.respectSentenceBoundary
        ? concatenateSentences(sentences, this.splitLength, this.splitOverlap)
        : concatenateUnits(sentences, this.#concatenateOptions());
      return this.#documents(splits, meta);
    }
    const separator = separators[this.splitBy] ?? ' ';
    const units = content.split(separator).map((unit, index, all) => (index < all.length - 1 ? unit + separator : unit));
    return this.#documents(concatenateUnits(units, this.#concatenateOptions()), meta);
  }

  #concatenateOptions() {
    return { length: this.splitLength, overlap: this.splitOverlap, threshold: this.splitThreshold, byPage: this.splitBy === 'page', skipEmpty: this.skipEmptyDocuments };
  }

  /** Builds the split documents; ids are derived before `_split_overlap` is added, as in Haystack. */
  #documents(splits: UnitSplits, meta: Record<string, unknown>): Document[] {
    const metas = splits.texts.map((_, index) => ({ ...meta, page_number: splits.pages[index], split_id: index, split_idx_start: splits.starts[index] }));
    const ids = splits.texts.map((text, index) => Document.createId({ content: text, meta: metas[index] }));
    if (this.splitOverlap <= 0) return splits.texts.map((text, index) => new Document({ id: ids[index], content: text, meta: metas[index] }));
    const overlaps: { doc_id: string; range: [number, number] }[][] = splits.texts.map(() => []);
    for (let index = 1; index < splits.texts.length; index++) {
      const previous = splits.texts[index - 1] ?? '';
      const from = (splits.starts[index] ?? 0) - (splits.starts[index - 1] ?? 0);
      const to = codePointLength(previous);
      if (from >= to) continue;
      if (!(splits.texts[index] ?? '').startsWith(codePointSlice(previous, from, to))) continue;
      overlaps[index]?.push({ doc_id: ids[index - 1] ?? '', range: [from, to] });
      overlaps[index - 1]?.push({ doc_id: ids[index] ?? '', range: [0, to - from] });
    }
    return splits.texts.map((text, index) => new Document({ id: ids[index], content: text, meta: { ...metas[index], _split_overlap: overlaps[index] } }));
  }

  /** Haystack's dict; a `splittingFunction` cannot be serialised. */
  toDict(): ComponentDict {
    if (this.splittingFunction) {
      throw new ConfigError('DocumentSplitter with a splittingFunction cannot be serialised: a JavaScript function has no importable name. Rebuild it in code.');
    }
    return defaultToDict(DocumentSplitter.typeNames[0], {
      split_by: this.splitBy,
      split_length: this.splitLength,
      split_overlap: this.splitOverlap,
      split_threshold: this.splitThreshold,
      respect_sentence_boundary: this.respectSentenceBoundary,
      language: this.language,
      use_split_rules: this.useSplitRules,
      extend_abbreviations: this.extendAbbreviations,
      skip_empty_documents: this.skipEmptyDocuments,
    });
  }

  /** Reads Haystack's dict. */
  static fromDict(dict: ComponentDict): DocumentSplitter {
    const raw = readComponentDict(dict, DocumentSplitter.typeNames, 'DocumentSplitter');
    if (raw.splitting_function !== undefined && raw.splitting_function !== null) {
      throw new ConfigError('DocumentSplitter.fromDict: a Python splitting_function cannot run here; construct the splitter with splittingFunction in code.');
    }
    const init = readInitParameters(raw, 'DocumentSplitter');
    return new DocumentSplitter({
      splitBy: init.string('split_by') as SplitBy | undefined,
      splitLength: init.number('split_length'),
      splitOverlap: init.number('split_overlap'),
      splitThreshold: init.number('split_threshold'),
      respectSentenceBoundary: init.boolean('respect_sentence_boundary'),
      language: init.string('language'),
      useSplitRules: init.boolean('use_split_rules'),
      extendAbbreviations: init.boolean('extend_abbreviations'),
      skipEmptyDocuments: init.boolean('skip_empty_documents'),
    });
  }
}
