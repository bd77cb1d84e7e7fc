import type { ReasoningContent, ToolCallResult } from './content.js';

/** Why a model stopped, in Haystack's vocabulary. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'tool_call_results';

/** The finish reasons, for validation. */
export const finishReasons: readonly FinishReason[] = ['stop', 'length', 'tool_calls', 'content_filter', 'tool_call_results'];

/** A fragment of a tool call as it streams: the name comes first, the arguments in pieces. */
export interface ToolCallDelta {
  /** Position of the call within the reply; fragments with the same index belong together. */
  readonly index: number;
  readonly id?: string | null | undefined;
  readonly toolName?: string | null | undefined;
  /** A fragment of the JSON arguments. */
  readonly arguments?: string | null | undefined;
  readonly extra?: Readonly<Record<string, unknown>> | null | undefined;
}

/** Which pipeline component sent a chunk. */
export interface ComponentInfo {
  /** The component's type name. */
  readonly type: string;
  /** The component's name in the pipeline. */
  readonly name?: string | null | undefined;
}

/**
 * One piece of a streamed reply, as Haystack's `StreamingChunk`.
 *
 * `meta.index` is the choice index (for `n > 1`); `index` is the content block the chunk belongs to.
 */
export interface StreamingChunk {
  /** Text added by this chunk (may be empty). */
  readonly content: string;
  /** Provider details with Haystack's keys: `model`, `index`, `finish_reason`, `usage`, `received_at`. */
  readonly meta: Readonly<Record<string, unknown>>;
  /** Content block index. */
  readonly index?: number | null | undefined;
  /** True on the first chunk of a new content block. */
  readonly start?: boolean | undefined;
  readonly toolCalls?: readonly ToolCallDelta[] | null | undefined;
  readonly toolCallResult?: ToolCallResult | null | undefined;
  readonly finishReason?: FinishReason | null | undefined;
  readonly reasoning?: ReasoningContent | null | undefined;
  readonly componentInfo?: ComponentInfo | null | undefined;
}

/** A callback that receives each chunk as it arrives; a returned promise is awaited. */
export type StreamingCallback = (chunk: StreamingChunk) => void | Promise<void>;
