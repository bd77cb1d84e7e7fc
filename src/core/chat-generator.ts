import type { ChatMessage } from './chat-message.js';
import type { ComponentDict } from './component.js';
import type { StreamEnd } from './stream-assembler.js';
import type { StreamingCallback, StreamingChunk } from './streaming-chunk.js';
import type { ToolsInput } from './tool.js';

/** Parameters passed straight to the provider (`max_tokens`, `temperature`, `stop`, `response_format`, ...). */
export type GenerationKwargs = Readonly<Record<string, unknown>>;

/** Per-call options of every chat generator. */
export interface ChatGeneratorRunOptions {
  /** Receives each chunk; when set, `run` streams. Overrides the generator's own callback. */
  streamingCallback?: StreamingCallback | undefined;
  /** Merged over the generator's `generationKwargs`. */
  generationKwargs?: GenerationKwargs | undefined;
  /** Replaces the generator's tools for this call. */
  tools?: ToolsInput | undefined;
  /** Ask for strict schema following of tool arguments. */
  toolsStrict?: boolean | undefined;
  /** Aborts the HTTP request (or local generation); what arrived is kept on the thrown error's `replies`. */
  signal?: AbortSignal | undefined;
}

/** What `run` resolves to. */
export interface ChatGeneratorResult {
  /** One reply per choice (`n`). */
  replies: ChatMessage[];
}

/**
 * The contract every chat generator fulfils, cloud or local, so a UI can swap one for another.
 * `stream` yields chunks and returns how the stream ended; `run` is built on it.
 */
export interface ChatGenerator {
  /** Generates replies; streams through `streamingCallback` when one is set. */
  run(messages: readonly ChatMessage[], options?: ChatGeneratorRunOptions): Promise<ChatGeneratorResult>;
  /** Streams the reply chunk by chunk. */
  stream(messages: readonly ChatMessage[], options?: ChatGeneratorRunOptions): AsyncGenerator<StreamingChunk, StreamEnd, undefined>;
  /** Loads what the generator needs ahead of the first call. */
  warmUp(): Promise<void>;
  /** Haystack's `{ type, init_parameters }`. */
  toDict(): ComponentDict;
}
