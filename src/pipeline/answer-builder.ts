import { ChatMessage, ConfigError, defaultToDict, readComponentDict, type Component, type ComponentDict, type ComponentSockets } from '../core/index.js';
import { GeneratedAnswer } from './answer.js';
import { captureGroupCount, compilePythonRegex, pythonFindAll } from './compile-python-regex.js';
import type { Document } from './document.js';

const defaultReferencePattern = String.raw`\[(\d+)\]`;
const expandedReferencePattern = String.raw`\[(\d+(?:[,-]\d+)*)\]`;

/** Options of {@link AnswerBuilder}, as Haystack's. */
export interface AnswerBuilderOptions {
  /** A Python regex for the answer in each reply: its one group, or the whole match; default the whole reply. */
  pattern?: string | null;
  /** A Python regex for document references such as `[2]` (1-based); default none (all documents). */
  referencePattern?: string | null;
  /** Use only the last reply. */
  lastMessageOnly?: boolean;
  /** With a reference pattern: return only the referenced documents (default) or all, marked. */
  returnOnlyReferencedDocuments?: boolean;
  /** Read `[6-10]` and `[1,3]` as several references. */
  expandReferenceRanges?: boolean;
}

/** What {@link AnswerBuilder.run} takes. */
export interface AnswerBuilderInputs {
  query: string;
  replies: ReadonlyArray<string | ChatMessage>;
  meta?: ReadonlyArray<Record<string, unknown>> | null;
  documents?: readonly Document[] | null;
  pattern?: string | null;
  reference_pattern?: string | null;
  expand_reference_ranges?: boolean | null;
}

const checkGroups = (pattern: string): RegExp => {
  const regex = compilePythonRegex(pattern);
  if (captureGroupCount(regex) > 1) throw new ConfigError(`Pattern '${pattern}' contains multiple capture groups. Please specify a pattern with at most one capture group.`);
  return regex;
};

const answerText = (reply: string, regex: RegExp | null): string => {
  if (regex === null) return reply;
  regex.lastIndex = 0;
  const match = regex.exec(reply);
  if (!match) return '';
  return match.length > 1 ? (match[1] ?? '') : match[0];
};

// Haystack's `_extract_reference_idxs`: 0-based indices; ranges clamped to the number of documents.
const referencedIndices = (reply: string, findAll: (text: string) => string[], expand: boolean, documents: number): Set<number> => {
  const indices = new Set<number>();
  for (const found of findAll(reply)) {
    if (!expand) {
      indices.add(Number.parseInt(found, 10) - 1);
      continue;
    }
    for (const raw of found.split(',')) {
      const part = raw.trim();
      if (part === '') continue;
      if (part.includes('-')) {
        const [from = '', to = ''] = part.split('-', 2);
        const start = Number.parseInt(from, 10);
        const end = Math.min(Number.parseInt(to, 10), documents);
        for (let index = start; index <= end; index += 1) indices.add(index - 1);
      } else {
        indices.add(Number.parseInt(part, 10) - 1);
      }
    }
  }
  return indices;
};

/**
 * Haystack's `AnswerBuilder`: turns a query and a generator's replies into `GeneratedAnswer`s, with
 * the documents the answer cites (`[1]`, `[2]`, ... with a reference pattern), each marked with
 * `source_index` and `referenced`.
 *
 * @example
 * const builder = new AnswerBuilder({ referencePattern: String.raw`\[(\d+)\]` });
 * const { answers } = await builder.run({ query, replies: ['Paris [2].'], documents });
 */
export class AnswerBuilder implements Component<AnswerBuilderInputs, { answers: GeneratedAnswer[] }> {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.builders.answer_builder.AnswerBuilder'] as const;
  readonly pattern: string | null;
  readonly referencePattern: string | null;
  readonly lastMessageOnly: boolean;
  readonly returnOnlyReferencedDocuments: boolean;
  readonly expandReferenceRanges: boolean;
  /** Inputs `query`, `replies` (mandatory), `meta`, `documents`, and run-time patterns; output `answers`. */
  readonly sockets: ComponentSockets = {
    inputs: {
      query: { type: 'string' },
      replies: { type: 'any' },
      meta: { type: 'object[]', mandatory: false },
      documents: { type: 'Document[]', mandatory: false },
      pattern: { type: 'string', mandatory: false },
      reference_pattern: { type: 'string', mandatory: false },
      expand_reference_ranges: { type: 'boolean', mandatory: false },
    },
    outputs: { answers: { type: 'GeneratedAnswer[]' } },
  };

  constructor(options: AnswerBuilderOptions = {}) {
    if (options.pattern) checkGroups(options.pattern);
    this.pattern = options.pattern ?? null;
    this.referencePattern = options.referencePattern ?? null;
    this.lastMessageOnly = options.lastMessageOnly ?? false;
    this.returnOnlyReferencedDocuments = options.returnOnlyReferencedDocuments ?? true;
    this.expandReferenceRanges = options.expandReferenceRanges ?? false;
  }

  /** Builds one answer per reply (or for the last one with `lastMessageOnly`). */
  run(inputs: AnswerBuilderInputs): Promise<{ answers: GeneratedAnswer[] }> {
    return new Promise((resolve) => {
      const { query, replies, documents } = inputs;
      const meta = inputs.meta && inputs.meta.length > 0 ? inputs.meta : replies.map(() => ({}));
      if (meta.length !== replies.length) throw new ConfigError(`Number of replies (${replies.length}), and metadata (${meta.length}) must match.`);
      // Compiled once per run, not per reply.
      const pattern = inputs.pattern || this.pattern;
      const answerRegex = pattern ? checkGroups(pattern) : null;
      const expand = inputs.expand_reference_ranges ?? this.expandReferenceRanges;
      let referencePattern = inputs.reference_pattern || this.referencePattern;
      if (referencePattern && expand && referencePattern === defaultReferencePattern) referencePattern = expandedReferencePattern;
      const findReferences = referencePattern ? pythonFindAll(compilePythonRegex(referencePattern)) : null;
      const chosen = this.lastMessageOnly && replies.length > 0 ? replies.slice(-1) : replies;
      const chosenMeta = this.lastMessageOnly && meta.length > 0 ? meta.slice(-1) : meta;
      const answers = chosen.map((reply, position) => {
        const text = reply instanceof ChatMessage ? (reply.text ?? '') : reply;
        const answerMeta: Record<string, unknown> = { ...(reply instanceof ChatMessage ? reply.meta : {}), ...chosenMeta[position], all_messages: [...replies] };
        const cited: Document[] = [];
        if (documents && documents.length > 0) {
          const referenced = findReferences ? referencedIndices(text, findReferences, expand, documents.length) : new Set<number>();
          const indices = referencePattern && this.returnOnlyReferencedDocuments ? [...referenced].sort((a, b) => a - b) : documents.map((_, index) => index);
          for (const index of indices) {
            const document = documents[index];
            if (!document) continue; // a reference past the last document: Haystack logs and skips it
            cited.push(document.with({ meta: { ...document.meta, source_index: index + 1, ...(referencePattern ? { referenced: referenced.has(index) } : {}) } }));
          }
        }
        return new GeneratedAnswer({ data: answerText(text, answerRegex), query, documents: cited, meta: answerMeta });
      });
      resolve({ answers });
    });
  }

  /** Pipeline entry. */
  invoke(inputs: AnswerBuilderInputs): Promise<{ answers: GeneratedAnswer[] }> {
    return this.run(inputs);
  }

  /** Haystack's dict. */
  toDict(): ComponentDict {
    return defaultToDict(AnswerBuilder.typeNames[0], {
      pattern: this.pattern,
      reference_pattern: this.referencePattern,
      last_message_only: this.lastMessageOnly,
      return_only_referenced_documents: this.returnOnlyReferencedDocuments,
      expand_reference_ranges: this.expandReferenceRanges,
    });
  }

  /** Reads Haystack's dict. */
  static fromDict(dict: ComponentDict): AnswerBuilder {
    const init = readComponentDict(dict, AnswerBuilder.typeNames, 'AnswerBuilder');
    return new AnswerBuilder({
      pattern: typeof init.pattern === 'string' ? init.pattern : null,
      referencePattern: typeof init.reference_pattern === 'string' ? init.reference_pattern : null,
      lastMessageOnly: init.last_message_only === true,
      returnOnlyReferencedDocuments: init.return_only_referenced_documents !== false,
      expandReferenceRanges: init.expand_reference_ranges === true,
    });
  }
}
