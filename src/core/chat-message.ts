import type { ContentPart, ImageContent, ReasoningContent, TextContent, ToolCall, ToolCallResult } from './content.js';
import { ConfigError } from './errors.js';
import {
  chatMessageFieldsFromDict,
  chatMessageToDict,
  chatMessageToOpenAIDict,
  type ChatMessageDict,
  type OpenAIChatMessage,
} from './chat-message-dict.js';

/** Who wrote a message. */
export type ChatRole = 'user' | 'system' | 'assistant' | 'tool';

/** The roles, in Haystack's order. */
export const chatRoles: readonly ChatRole[] = ['user', 'system', 'assistant', 'tool'];

/** Free-form metadata; hayloft keeps Haystack's snake_case keys (`model`, `finish_reason`, `usage`, ...). */
export type ChatMessageMeta = Readonly<Record<string, unknown>>;

/** Parts a user message may hold. */
export type UserContentPart = TextContent | ImageContent;

/** Options shared by the message constructors. */
export interface ChatMessageOptions {
  meta?: Record<string, unknown>;
  name?: string | null;
}

/** Options of {@link ChatMessage.fromAssistant}. */
export interface AssistantMessageOptions extends ChatMessageOptions {
  toolCalls?: ReadonlyArray<Omit<ToolCall, 'type' | 'id'> & { id?: string | null }>;
  reasoning?: string | Omit<ReasoningContent, 'type'> | null;
}

/** Options of {@link ChatMessage.fromTool}. */
export interface ToolMessageOptions {
  error?: boolean;
  meta?: Record<string, unknown>;
}

const freezeMeta = (meta: Record<string, unknown> | undefined): ChatMessageMeta => Object.freeze({ ...meta });

/** Builds a frozen {@link ToolCall} from its fields. */
export const toToolCall = (call: Omit<ToolCall, 'type' | 'id'> & { id?: string | null }): ToolCall =>
  Object.freeze({
    type: 'tool_call',
    id: call.id ?? null,
    toolName: call.toolName,
    arguments: Object.freeze({ ...call.arguments }),
    ...(call.extra === undefined ? {} : { extra: Object.freeze({ ...call.extra }) }),
  });

/**
 * One message of a conversation, immutable, as Haystack's `ChatMessage`.
 *
 * Build it with {@link ChatMessage.fromUser}, {@link ChatMessage.fromSystem},
 * {@link ChatMessage.fromAssistant} or {@link ChatMessage.fromTool}; read it through the getters.
 *
 * @example
 * const messages = [ChatMessage.fromSystem('Answer briefly.'), ChatMessage.fromUser('What is BM25?')];
 */
export class ChatMessage {
  /** Who wrote the message. */
  readonly role: ChatRole;
  /** The parts, in order. */
  readonly content: readonly ContentPart[];
  /** An optional participant name. */
  readonly name: string | null;
  /** Metadata with Haystack's snake_case keys. */
  readonly meta: ChatMessageMeta;

  private constructor(role: ChatRole, content: readonly ContentPart[], name: string | null, meta: ChatMessageMeta) {
    this.role = role;
    this.content = Object.freeze([...content]);
    this.name = name;
    this.meta = meta;
    Object.freeze(this);
  }

  /**
   * A message from parts, checked the way Haystack checks them; most code uses the `from*` constructors.
   */
  static create(role: ChatRole, content: readonly ContentPart[], options: ChatMessageOptions = {}): ChatMessage {
    if (!chatRoles.includes(role)) {
      throw new ConfigError(`Unknown chat role '${role as string}'. Valid roles: ${chatRoles.join(', ')}.`);
    }
    for (const part of content) {
      const allowed = allowedParts[role];
      if (!allowed.includes(part.type)) {
        throw new ConfigError(
          `A ${role} message cannot hold a '${part.type}' part. It may hold: ${allowed.join(', ')}.`,
        );
      }
    }
    return new ChatMessage(role, content, options.name ?? null, freezeMeta(options.meta));
  }

  /** A user message: text, or text and images as parts. */
  static fromUser(content: string | readonly UserContentPart[], options: ChatMessageOptions = {}): ChatMessage {
    const parts: ContentPart[] = typeof content === 'string' ? [{ type: 'text', text: content }] : [...content];
    if (parts.length === 0) {
      throw new ConfigError('ChatMessage.fromUser needs text or at least one content part.');
    }
    return ChatMessage.create('user', parts, options);
  }

  /** A system message. */
  static fromSystem(text: string, options: ChatMessageOptions = {}): ChatMessage {
    return ChatMessage.create('system', [{ type: 'text', text }], options);
  }

  /** An assistant message: text, tool calls and reasoning, each optional. */
  static fromAssistant(text: string | null = null, options: AssistantMessageOptions = {}): ChatMessage {
    const parts: ContentPart[] = [];
    if (options.reasoning !== undefined && options.reasoning !== null) {
      parts.push(
        typeof options.reasoning === 'string'
          ? { type: 'reasoning', reasoningText: options.reasoning }
          : { type: 'reasoning', ...options.reasoning },
      );
    }
    if (text !== null) parts.push({ type: 'text', text });
    for (const call of options.toolCalls ?? []) parts.push(toToolCall(call));
    return ChatMessage.create('assistant', parts, options);
  }

  /** A tool message carrying the result of one tool call. */
  static fromTool(result: string, origin: ToolCall, options: ToolMessageOptions = {}): ChatMessage {
    return ChatMessage.create('tool', [{ type: 'tool_call_result', result, origin, error: options.error ?? false }], {
      meta: options.meta ?? {},
    });
  }

  /** The first text part, or null. */
  get text(): string | null {
    return this.texts[0] ?? null;
  }

  /** Every text part. */
  get texts(): string[] {
    return this.content.filter((part): part is TextContent => part.type === 'text').map((part) => part.text);
  }

  /** Every tool call. */
  get toolCalls(): ToolCall[] {
    return this.content.filter((part): part is ToolCall => part.type === 'tool_call');
  }

  /** The first tool call, or null. */
  get toolCall(): ToolCall | null {
    return this.toolCalls[0] ?? null;
  }

  /** Every tool result. */
  get toolCallResults(): ToolCallResult[] {
    return this.content.filter((part): part is ToolCallResult => part.type === 'tool_call_result');
  }

  /** The first tool result, or null. */
  get toolCallResult(): ToolCallResult | null {
    return this.toolCallResults[0] ?? null;
  }

  /** Every image. */
  get images(): ImageContent[] {
    return this.content.filter((part): part is ImageContent => part.type === 'image');
  }

  /** The first image, or null. */
  get image(): ImageContent | null {
    return this.images[0] ?? null;
  }

  /** Every reasoning part. */
  get reasonings(): ReasoningContent[] {
    return this.content.filter((part): part is ReasoningContent => part.type === 'reasoning');
  }

  /** The first reasoning part, or null. */
  get reasoning(): ReasoningContent | null {
    return this.reasonings[0] ?? null;
  }

  /** True when the message was written by `role`. */
  isFrom(role: ChatRole): boolean {
    return this.role === role;
  }

  /** Haystack's JSON shape (`ChatMessage.to_dict()`), so messages travel to and from a Python backend. */
  toDict(): ChatMessageDict {
    return chatMessageToDict(this);
  }

  /** Reads Haystack's JSON shape, current or legacy. */
  static fromDict(data: unknown): ChatMessage {
    const fields = chatMessageFieldsFromDict(data);
    return ChatMessage.create(fields.role as ChatRole, fields.content, { name: fields.name, meta: fields.meta });
  }

  /** The message in the OpenAI chat-completions request format. */
  toOpenAIDictFormat(): OpenAIChatMessage {
    return chatMessageToOpenAIDict(this);
  }

  /** A copy with other metadata merged in (messages are immutable). */
  withMeta(meta: Record<string, unknown>): ChatMessage {
    return new ChatMessage(this.role, this.content, this.name, freezeMeta({ ...this.meta, ...meta }));
  }
}

const allowedParts: Record<ChatRole, readonly ContentPart['type'][]> = {
  user: ['text', 'image'],
  system: ['text'],
  assistant: ['text', 'tool_call', 'reasoning', 'image'],
  tool: ['tool_call_result'],
};
