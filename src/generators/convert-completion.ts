import { ChatMessage, type ContentPart } from '../core/index.js';
import { mapFinishReason } from './finish-reason.js';

/** The parts of a non-streamed `chat.completion` hayloft reads. */
export interface WireCompletion {
  model?: string | null;
  usage?: unknown;
  system_fingerprint?: string | null;
  choices?: ReadonlyArray<{
    index?: number | null;
    finish_reason?: string | null;
    message?: {
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: ReadonlyArray<{
        id?: string | number | null;
        function?: { name?: string | null; arguments?: unknown } | null;
      }> | null;
    } | null;
  }> | null;
}

const parseArguments = (value: unknown): Record<string, unknown> | undefined => {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>; // TGI sends an object
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** Converts a non-streamed completion into one reply per choice, with Haystack's meta keys. */
export const convertCompletion = (completion: WireCompletion): ChatMessage[] =>
  (completion.choices ?? []).map((choice, position) => {
    const message = choice.message ?? {};
    const parts: ContentPart[] = [];
    const reasoning = message.reasoning_content ?? message.reasoning;
    if (reasoning) parts.push({ type: 'reasoning', reasoningText: reasoning });
    if (message.content !== undefined && message.content !== null && message.content !== '') {
      parts.push({ type: 'text', text: message.content });
    }
    const invalid: Array<{ id: string | null; tool_name: string | null; arguments: string }> = [];
    for (const call of message.tool_calls ?? []) {
      const id = call.id === undefined || call.id === null ? null : String(call.id);
      const name = call.function?.name ?? null;
      const args = parseArguments(call.function?.arguments);
      if (name === null || args === undefined) {
        invalid.push({ id, tool_name: name, arguments: typeof call.function?.arguments === 'string' ? call.function.arguments : JSON.stringify(call.function?.arguments ?? '') });
        continue;
      }
      parts.push(Object.freeze({ type: 'tool_call' as const, id, toolName: name, arguments: Object.freeze(args) }));
    }
    const rawFinish = choice.finish_reason ?? null;
    let finishReason = mapFinishReason(rawFinish);
    // TGI ends a tool-call reply with `eos_token` (or nothing); Haystack reports `tool_calls` then.
    const hasToolCalls = parts.some((part) => part.type === 'tool_call');
    if (hasToolCalls && (rawFinish === null || rawFinish === 'eos_token')) finishReason = 'tool_calls';
    const meta: Record<string, unknown> = {
      model: completion.model ?? null,
      index: choice.index ?? position,
      finish_reason: finishReason,
      usage: completion.usage ?? null,
    };
    if (completion.system_fingerprint) meta.system_fingerprint = completion.system_fingerprint;
    if (invalid.length > 0) meta.invalid_tool_calls = invalid;
    return ChatMessage.create('assistant', parts, { meta });
  });
