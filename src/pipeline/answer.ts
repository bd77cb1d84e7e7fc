import { ChatMessage, ConfigError, readComponentDict, type ComponentDict } from '../core/index.js';
import { Document } from './document.js';

/** Haystack's serialised answers: `{ type, init_parameters }`, documents as `to_dict(flatten=False)`. */
export type AnswerDict = ComponentDict;

/** A start and end offset (Haystack's `ExtractedAnswer.Span`). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const readSpan = (value: unknown, key: string): Span | null => {
  if (value === undefined || value === null) return null;
  if (!isRecord(value) || typeof value.start !== 'number' || typeof value.end !== 'number') {
    throw new ConfigError(`ExtractedAnswer.fromDict: '${key}' must be { start, end }.`);
  }
  return { start: value.start, end: value.end };
};

/** Meta as Haystack writes it: `all_messages` holding ChatMessages becomes their dicts. */
const metaToDict = (meta: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const messages = meta.all_messages;
  if (Array.isArray(messages) && messages[0] instanceof ChatMessage) {
    return { ...meta, all_messages: messages.map((message: unknown) => (message instanceof ChatMessage ? message.toDict() : message)) };
  }
  return { ...meta };
};

const metaFromDict = (meta: unknown): Record<string, unknown> => {
  if (meta === undefined || meta === null) return {};
  if (!isRecord(meta)) throw new ConfigError("GeneratedAnswer.fromDict: 'meta' must be an object.");
  const messages = meta.all_messages;
  if (Array.isArray(messages) && isRecord(messages[0])) return { ...meta, all_messages: messages.map((message) => ChatMessage.fromDict(message)) };
  return { ...meta };
};

/**
 * An answer a generator wrote, with the query and the documents it was given (Haystack's
 * `GeneratedAnswer`). `meta.all_messages` may hold the ChatMessages of the exchange.
 *
 * @example
 * const answer = new GeneratedAnswer({ data: 'Paris.', query: 'Capital of France?', documents });
 * answer.toDict().type; // 'haystack.dataclasses.answer.GeneratedAnswer'
 */
export class GeneratedAnswer {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.dataclasses.answer.GeneratedAnswer'] as const;
  readonly data: string;
  readonly query: string;
  readonly documents: readonly Document[];
  readonly meta: Readonly<Record<string, unknown>>;

  constructor(init: { data: string; query: string; documents?: readonly Document[]; meta?: Readonly<Record<string, unknown>> }) {
    this.data = init.data;
    this.query = init.query;
    this.documents = Object.freeze([...(init.documents ?? [])]);
    this.meta = Object.freeze({ ...init.meta });
    Object.freeze(this);
  }

  /** Haystack's dict. */
  toDict(): AnswerDict {
    return {
      type: GeneratedAnswer.typeNames[0],
      init_parameters: { data: this.data, query: this.query, documents: this.documents.map((document) => document.toDict(false)), meta: metaToDict(this.meta) },
    };
  }

  /** Reads Haystack's dict. */
  static fromDict(dict: AnswerDict): GeneratedAnswer {
    const init = readComponentDict(dict, GeneratedAnswer.typeNames, 'GeneratedAnswer');
    if (typeof init.data !== 'string' || typeof init.query !== 'string') throw new ConfigError("GeneratedAnswer.fromDict needs string 'data' and 'query'.");
    const documents = init.documents ?? [];
    if (!Array.isArray(documents)) throw new ConfigError("GeneratedAnswer.fromDict: 'documents' must be a list.");
    return new GeneratedAnswer({ data: init.data, query: init.query, documents: documents.map((item) => Document.fromDict(item)), meta: metaFromDict(init.meta) });
  }
}

/** What an {@link ExtractedAnswer} is made from. */
export interface ExtractedAnswerInit {
  query: string;
  score: number;
  data?: string | null;
  document?: Document | null;
  context?: string | null;
  documentOffset?: Span | null;
  contextOffset?: Span | null;
  meta?: Readonly<Record<string, unknown>>;
}

/**
 * An answer cut out of a document by an extractive reader (Haystack's `ExtractedAnswer`); `data` is
 * null for the "no answer" candidate.
 *
 * @example
 * const answer = new ExtractedAnswer({ query: 'Who?', score: 0.9, data: 'Ada', document, documentOffset: { start: 0, end: 3 } });
 */
export class ExtractedAnswer {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.dataclasses.answer.ExtractedAnswer'] as const;
  readonly query: string;
  readonly score: number;
  readonly data: string | null;
  readonly document: Document | null;
  readonly context: string | null;
  readonly documentOffset: Span | null;
  readonly contextOffset: Span | null;
  readonly meta: Readonly<Record<string, unknown>>;

  constructor(init: ExtractedAnswerInit) {
    this.query = init.query;
    this.score = init.score;
    this.data = init.data ?? null;
    this.document = init.document ?? null;
    this.context = init.context ?? null;
    this.documentOffset = init.documentOffset ? Object.freeze({ ...init.documentOffset }) : null;
    this.contextOffset = init.contextOffset ? Object.freeze({ ...init.contextOffset }) : null;
    this.meta = Object.freeze({ ...init.meta });
    Object.freeze(this);
  }

  /** Haystack's dict, in its key order. */
  toDict(): AnswerDict {
    return {
      type: ExtractedAnswer.typeNames[0],
      init_parameters: {
        data: this.data,
        query: this.query,
        document: this.document === null ? null : this.document.toDict(false),
        context: this.context,
        score: this.score,
        document_offset: this.documentOffset === null ? null : { ...this.documentOffset },
        context_offset: this.contextOffset === null ? null : { ...this.contextOffset },
        meta: { ...this.meta },
      },
    };
  }

  /** Reads Haystack's dict. */
  static fromDict(dict: AnswerDict): ExtractedAnswer {
    const init = readComponentDict(dict, ExtractedAnswer.typeNames, 'ExtractedAnswer');
    if (typeof init.query !== 'string' || typeof init.score !== 'number') throw new ConfigError("ExtractedAnswer.fromDict needs a string 'query' and a number 'score'.");
    if (init.data !== undefined && init.data !== null && typeof init.data !== 'string') throw new ConfigError("ExtractedAnswer.fromDict: 'data' must be a string or null.");
    if (init.context !== undefined && init.context !== null && typeof init.context !== 'string') throw new ConfigError("ExtractedAnswer.fromDict: 'context' must be a string or null.");
    if (init.meta !== undefined && init.meta !== null && !isRecord(init.meta)) throw new ConfigError("ExtractedAnswer.fromDict: 'meta' must be an object.");
    return new ExtractedAnswer({
      query: init.query,
      score: init.score,
      data: init.data ?? null,
      document: init.document === undefined || init.document === null ? null : Document.fromDict(init.document),
      context: init.context ?? null,
      documentOffset: readSpan(init.document_offset, 'document_offset'),
      contextOffset: readSpan(init.context_offset, 'context_offset'),
      meta: init.meta ?? {},
    });
  }
}
