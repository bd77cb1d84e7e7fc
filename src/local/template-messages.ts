import { ConfigError, type ChatMessage } from '../core/index.js';
import type { TemplateMessage } from './protocol.js';

/**
 * A `ChatMessage` in the shape chat templates read, as Haystack's `convert_message_to_hf_format`:
 * one text or one tool result per message, tool calls with their arguments as objects.
 */
export const toTemplateMessage = (message: ChatMessage): TemplateMessage => {
  const texts = message.texts;
  const results = message.toolCallResults;
  const calls = message.toolCalls;
  if (message.images.length > 0) {
    throw new ConfigError('Local text models read text only: this message holds an image. Use a cloud vision model for images.');
  }
  if (texts.length + results.length > 1) {
    throw new ConfigError('A message for a local model can hold one text or one tool result, not several.');
  }
  if (texts.length === 0 && results.length === 0 && calls.length === 0) {
    throw new ConfigError(`A ${message.role} message for a local model needs a text, a tool call or a tool result.`);
  }
  const result = results[0];
  if (result !== undefined) {
    return { role: message.role, content: result.result, ...(result.origin.id === null ? {} : { tool_call_id: result.origin.id }) };
  }
  const converted: TemplateMessage = { role: message.role, content: texts[0] ?? '' };
  if (calls.length > 0) {
    converted.tool_calls = calls.map((call) => ({
      type: 'function' as const,
      ...(call.id === null ? {} : { id: call.id }),
      function: { name: call.toolName, arguments: { ...call.arguments } },
    }));
  }
  return converted;
};
