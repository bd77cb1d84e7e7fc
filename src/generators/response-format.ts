import type { ChatMessage} from '../core/index.js';
import { ProviderError, isStandardSchema, toJsonSchema, type StandardJsonSchemaLike } from '../core/index.js';
import { validateWithSchema } from '../core/schema.js';

/** How replies must be checked after a structured-output request. */
export interface StructuredOutput {
  /** Validates parsed values when the caller gave a zod (Standard Schema) object. */
  validator: StandardJsonSchemaLike | undefined;
}

/**
 * Turns `response_format` into what the chat-completions API expects: a zod (Standard JSON Schema)
 * object becomes `{ type: 'json_schema', json_schema: { name, schema, strict: true } }`; a JSON Schema
 * in that shape passes through; `{ type: 'json_object' }` and `{ type: 'text' }` pass through.
 */
export const prepareResponseFormat = (
  format: unknown,
): { responseFormat: Record<string, unknown> | undefined; structured: StructuredOutput | undefined } => {
  if (format === undefined || format === null) return { responseFormat: undefined, structured: undefined };
  if (isStandardSchema(format)) {
    return {
      responseFormat: {
        type: 'json_schema',
        json_schema: { name: 'response', schema: toJsonSchema(format), strict: true },
      },
      structured: { validator: format },
    };
  }
  const plain = format as Record<string, unknown>;
  if (plain.type === 'json_schema') return { responseFormat: plain, structured: { validator: undefined } };
  return { responseFormat: plain, structured: plain.type === 'json_object' ? { validator: undefined } : undefined };
};

/** Parses (and, with a schema, validates) each reply's JSON into `meta.parsed`. */
export const parseStructuredReplies = async (
  replies: ChatMessage[],
  structured: StructuredOutput,
  provider: string,
): Promise<ChatMessage[]> => {
  const parsed: ChatMessage[] = [];
  for (const reply of replies) {
    const text = reply.text;
    if (text === null) {
      parsed.push(reply); // a tool call instead of an answer: nothing to parse
      continue;
    }
    try {
      const value: unknown = JSON.parse(text);
      const checked = structured.validator ? await validateWithSchema(structured.validator, value, 'The reply') : value;
      parsed.push(reply.withMeta({ parsed: checked }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const failure = new ProviderError(`${provider} returned a reply that is not the requested structured output: ${reason}`, {
        code: 'invalid_structured_output',
        provider,
        cause: error,
      });
      failure.replies = replies;
      throw failure;
    }
  }
  return parsed;
};
