import { ChatMessage } from './chat-message.js';
import type { ContentPart } from './content.js';
import type { HayloftError } from './errors.js';
import { ProviderError } from './errors.js';
import type { FinishReason, StreamingChunk, ToolCallDelta } from './streaming-chunk.js';
import { TextBuffer } from './text-buffer.js';

/** How a stream ended, as told to {@link StreamAssembler.finish}. */
export interface StreamEnd {
  /** True when the stream was closed properly (`[DONE]`, or the provider's own end of stream). */
  completed: boolean;
  /** The error that broke the stream off, if any; it is attached to every partial reply. */
  error?: HayloftError | undefined;
}

/** A tool call the model produced with arguments that are not valid JSON; kept in `meta.invalid_tool_calls`. */
export interface InvalidToolCall {
  id: string | null;
  tool_name: string | null;
  arguments: string;
}

interface ToolCallState {
  id: string | null;
  toolName: string | null;
  fragments: TextBuffer;
  extra: Record<string, unknown> | undefined;
}

interface ChoiceState {
  text: TextBuffer;
  reasoning: TextBuffer;
  reasoningExtra: Record<string, unknown> | undefined;
  toolCalls: Map<number, ToolCallState>;
  finishReason: FinishReason | null;
  startTime: string | undefined;
}

const newChoice = (): ChoiceState => ({
  text: new TextBuffer(),
  reasoning: new TextBuffer(),
  reasoningExtra: undefined,
  toolCalls: new Map(),
  finishReason: null,
  startTime: undefined,
});

/**
 * Turns streamed chunks into finished `ChatMessage`s, one per choice index.
 *
 * Linear in the stream's length: text and argument fragments are collected and joined once.
 * A stream that ended without `[DONE]` or a finish reason is marked `truncated`; an error keeps the
 * text received so far with the error in `meta.error`.
 *
 * @example
 * const assembler = new StreamAssembler();
 * for await (const chunk of generator.stream(messages)) assembler.push(chunk);
 * const [reply] = assembler.finish({ completed: true });
 */
export class StreamAssembler {
  readonly #choices = new Map<number, ChoiceState>();
  #model: string | undefined;
  #usage: unknown;
  #extraMeta: Record<string, unknown> = {};

  /** Adds one chunk. */
  push(chunk: StreamingChunk): void {
    const meta = chunk.meta;
    // Generators share one meta object across the chunks of a read: read it once.
    if (meta !== this.#lastMeta) this.#readMeta(meta);
    const choice = this.#lastChoice;

    if (choice.startTime === undefined && hasOutput(chunk)) {
      choice.startTime = typeof meta.received_at === 'string' ? meta.received_at : new Date().toISOString();
    }
    choice.text.append(chunk.content);
    if (chunk.reasoning) {
      choice.reasoning.append(chunk.reasoning.reasoningText);
      if (chunk.reasoning.extra) choice.reasoningExtra = { ...choice.reasoningExtra, ...chunk.reasoning.extra };
    }
    if (chunk.toolCalls) for (const delta of chunk.toolCalls) addToolCallDelta(choice, delta);
    if (chunk.finishReason) choice.finishReason = chunk.finishReason;
  }

  #lastMeta: StreamingChunk['meta'] | undefined;
  #lastChoice: ChoiceState = newChoice();

  #readMeta(meta: StreamingChunk['meta']): void {
    this.#lastMeta = meta;
    const choiceIndex = typeof meta.index === 'number' ? meta.index : 0;
    let choice = this.#choices.get(choiceIndex);
    if (choice === undefined) {
      choice = newChoice();
      this.#choices.set(choiceIndex, choice);
    }
    this.#lastChoice = choice;
    if (this.#model === undefined && typeof meta.model === 'string' && meta.model !== '') this.#model = meta.model;
    if (meta.usage !== undefined && meta.usage !== null) this.#usage = meta.usage;
    if (meta.system_fingerprint !== undefined && meta.system_fingerprint !== null) {
      this.#extraMeta.system_fingerprint = meta.system_fingerprint;
    }
  }


  /** The replies, ordered by choice index. Always at least one, so a failed stream still returns what it had. */
  finish(end: StreamEnd = { completed: true }): ChatMessage[] {
    if (this.#choices.size === 0) this.#choices.set(0, newChoice());
    return [...this.#choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, choice]) => this.#toMessage(index, choice, end));
  }

  #toMessage(index: number, choice: ChoiceState, end: StreamEnd): ChatMessage {
    const parts: ContentPart[] = [];
    if (!choice.reasoning.isEmpty) {
      parts.push({
        type: 'reasoning',
        reasoningText: choice.reasoning.toString(),
        ...(choice.reasoningExtra ? { extra: choice.reasoningExtra } : {}),
      });
    }
    if (!choice.text.isEmpty) parts.push({ type: 'text', text: choice.text.toString() });

    const invalid: InvalidToolCall[] = [];
    const calls = [...choice.toolCalls.entries()].sort(([a], [b]) => a - b);
    for (const [, call] of calls) {
      const raw = call.fragments.toString();
      let parsed = parseArguments(raw);
      let toolName = call.toolName;
      if (toolName === null) {
        const grammar = readGrammarToolCall(raw);
        if (grammar) ({ toolName, arguments: parsed } = grammar);
      }
      if (toolName === null || parsed === undefined) {
        invalid.push({ id: call.id, tool_name: call.toolName, arguments: raw });
        continue;
      }
      parts.push(
        Object.freeze({
          type: 'tool_call' as const,
          id: call.id,
          toolName,
          arguments: Object.freeze(parsed),
          ...(call.extra ? { extra: Object.freeze(call.extra) } : {}),
        }),
      );
    }

    let finishReason = choice.finishReason;
    // Some TGI versions end a tool-call stream with [DONE] but no finish reason: the reply is complete.
    if (finishReason === null && end.completed && calls.length > 0) finishReason = 'tool_calls';

    const meta: Record<string, unknown> = {
      model: this.#model ?? null,
      index,
      finish_reason: finishReason,
      completion_start_time: choice.startTime ?? null,
      usage: this.#usage ?? null,
      ...this.#extraMeta,
    };
    if (invalid.length > 0) meta.invalid_tool_calls = invalid;
    if (end.error) {
      meta.error = describeError(end.error);
      if (end.error.kind === 'abort') meta.aborted = true;
    } else if (!end.completed && choice.finishReason === null) {
      meta.truncated = true;
    }
    return ChatMessage.create('assistant', parts, { meta });
  }
}

const hasOutput = (chunk: StreamingChunk): boolean =>
  chunk.content !== '' || (chunk.toolCalls?.length ?? 0) > 0 || (chunk.reasoning?.reasoningText ?? '') !== '';

const addToolCallDelta = (choice: ChoiceState, delta: ToolCallDelta): void => {
  let call = choice.toolCalls.get(delta.index);
  if (call === undefined) {
    call = { id: null, toolName: null, fragments: new TextBuffer(), extra: undefined };
    choice.toolCalls.set(delta.index, call);
  }
  if (delta.id !== undefined && delta.id !== null && delta.id !== '') call.id = delta.id;
  if (delta.toolName !== undefined && delta.toolName !== null && delta.toolName !== '') call.toolName = delta.toolName;
  if (delta.arguments) call.fragments.append(delta.arguments);
  if (delta.extra) call.extra = { ...call.extra, ...delta.extra };
};

/**
 * TGI 2.3 to 3.1 stream a tool call with no name: the arguments are the raw grammar output,
 * `{"function": {"_name": "get_weather", "city": "Bonn"}}`, sometimes followed by the model's end token.
 */
export const readGrammarToolCall = (raw: string): { toolName: string; arguments: Record<string, unknown> } | undefined => {
  const value = parseArguments(raw.replace(/(<\|[^|>]{1,40}\|>|<\/s>)+\s*$/, ''));
  const inner = value?.function;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return undefined;
  const { _name: name, ...args } = inner as Record<string, unknown>;
  return typeof name === 'string' && name !== '' ? { toolName: name, arguments: args } : undefined;
};

const parseArguments = (raw: string): Record<string, unknown> | undefined => {
  if (raw.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** The serialisable description of an error kept in a partial reply's `meta.error`. */
export interface ErrorMeta {
  kind: string;
  message: string;
  status?: number;
  code?: string;
}

const describeError = (error: HayloftError): ErrorMeta => {
  const described: ErrorMeta = { kind: error.kind, message: error.message };
  if (ProviderError.isInstance(error)) {
    if (error.status !== undefined) described.status = error.status;
    if (error.code !== undefined) described.code = error.code;
  }
  return described;
};

/** Assembles a whole list of chunks at once. */
export const assembleChunks = (chunks: Iterable<StreamingChunk>, end: StreamEnd = { completed: true }): ChatMessage[] => {
  const assembler = new StreamAssembler();
  for (const chunk of chunks) assembler.push(chunk);
  return assembler.finish(end);
};
