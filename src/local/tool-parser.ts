import { toToolCall, type ToolCall } from '../core/index.js';

/** Reads tool calls from a local model's text; null when the text holds none (Haystack's `tool_parsing_function`). */
export type ToolParsingFunction = (text: string) => ToolCall[] | null;

// Haystack's DEFAULT_TOOL_PATTERN: one call, `{"name": ..., "arguments": {...}}` or OpenAI's
// `{"function": {"name": ..., "arguments": {...}}}`, optionally after `<tool_call>`.
const haystackPattern =
  /(?:<tool_call>)?(?:\s*\{.*?"name"\s*:\s*"([^"]+)".*?"arguments"\s*:\s*(\{[^}]+\}).*?\}|\{.*?"function"\s*:\s*\{.*?"name"\s*:\s*"([^"]+)".*?"arguments"\s*:\s*(\{[^}]+\}).*?\})/s;

const hermesBlock = /<tool_call>\s*([\s\S]*?)\s*<\/tool_call>/g;

const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

const readHermesCall = (json: string): ToolCall | undefined => {
  const value = parseObject(json);
  if (value === undefined) return undefined;
  const inner = typeof value.function === 'object' && value.function !== null ? (value.function as Record<string, unknown>) : value;
  const name = inner.name;
  const args = typeof inner.arguments === 'string' ? parseObject(inner.arguments) : inner.arguments;
  if (typeof name !== 'string' || name === '' || typeof args !== 'object' || args === null || Array.isArray(args)) return undefined;
  return toToolCall({ toolName: name, arguments: args as Record<string, unknown> });
};

/**
 * The default tool-call parser: every Hermes/Qwen `<tool_call>{"name": ..., "arguments": {...}}</tool_call>`
 * block (several calls, nested arguments), else Haystack's default pattern (one call, flat arguments).
 *
 * @example
 * defaultToolParser('<tool_call>\n{"name": "get_weather", "arguments": {"city": "Berlin"}}\n</tool_call>');
 * // [{ type: 'tool_call', id: null, toolName: 'get_weather', arguments: { city: 'Berlin' } }]
 */
export const defaultToolParser: ToolParsingFunction = (text) => {
  const calls: ToolCall[] = [];
  for (const match of text.matchAll(hermesBlock)) {
    const call = readHermesCall(match[1] ?? '');
    if (call !== undefined) calls.push(call);
  }
  if (calls.length > 0) return calls;
  const match = haystackPattern.exec(text);
  if (match === null) return null;
  const name = match[1] ?? match[3];
  const args = parseObject(match[2] ?? match[4] ?? '');
  return name === undefined || args === undefined ? null : [toToolCall({ toolName: name, arguments: args })];
};

/** Haystack's serialised name of its default parser, written in `toDict()`. */
export const defaultToolParserName = 'haystack.components.generators.chat.hugging_face_local.default_tool_parser';

/** The names Haystack 2 and the transformers integration write for their default parser. */
export const defaultToolParserNames: readonly string[] = [
  defaultToolParserName,
  'haystack_integrations.components.generators.transformers.chat.chat_generator.default_tool_parser',
];
