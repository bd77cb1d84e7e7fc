import { ProxyError } from './proxy-error.js';

/** The request fields the chat and completions APIs define (OpenAI, Azure, vLLM, TGI). */
const knownFields = new Set([
  'model', 'messages', 'prompt', 'stream', 'stream_options', 'temperature', 'top_p', 'n', 'stop', 'max_tokens',
  'max_completion_tokens', 'presence_penalty', 'frequency_penalty', 'logit_bias', 'logprobs', 'top_logprobs',
  'user', 'tools', 'tool_choice', 'parallel_tool_calls', 'response_format', 'seed', 'reasoning_effort',
  'modalities', 'prediction', 'metadata', 'store', 'verbosity', 'suffix', 'echo', 'best_of',
  // vLLM and TGI sampling extras
  'top_k', 'min_p', 'repetition_penalty', 'length_penalty', 'chat_template_kwargs',
]);

/**
 * Fields that would let a client steer where or how the request goes, refused at any depth (some
 * OpenAI-compatible gateways honour them). `url` is not among them: image parts carry one.
 */
const routingKeys = new Set([
  'api_base', 'base_url', 'baseurl', 'api_key', 'apikey', 'api-key', 'api_version', 'extra_headers', 'extra_query',
  'extra_body', 'headers', 'azure_endpoint', 'azure_deployment', 'azure_ad_token', 'organization', 'project',
  'endpoint', 'host', 'proxy', 'authorization', 'http_client', 'http_client_kwargs',
]);

/** Limits applied to one request. */
export interface RequestLimits {
  maxTokens: number;
  maxMessages: number;
  maxChoices: number;
  extraFields: ReadonlySet<string>;
  /** The field to set when a request gives no token limit (`max_completion_tokens` for OpenAI). */
  tokenField: 'max_tokens' | 'max_completion_tokens';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// JSON schemas (tool parameters, structured output) describe the user's data: their property names are
// data, not options, so a tool may well take an argument called `url`.
const schemaPaths = [
  ['tools', '*', 'function', 'parameters'],
  ['response_format', 'json_schema', 'schema'],
];

const isSchemaPath = (path: readonly string[]): boolean =>
  schemaPaths.some((pattern) => pattern.length <= path.length && pattern.every((part, i) => part === '*' || part === path[i]));

const findRoutingKey = (value: unknown, path: string[]): string | undefined => {
  if (isSchemaPath(path)) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findRoutingKey(item, [...path, '*']);
      if (found) return found;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (routingKeys.has(key.toLowerCase())) return [...path, key].join('.');
    const found = findRoutingKey(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
};

/**
 * Checks a chat or completions request and returns the body to send upstream: a known model, no
 * routing fields, `n`, messages and token limits within the caps (a missing token limit is set to
 * the cap, so no request runs unbounded).
 */
export const validateGenerationBody = (
  body: unknown,
  kind: 'chat' | 'completions',
  isAllowedModel: (model: string) => boolean,
  limits: RequestLimits,
  provider: string,
): { body: Record<string, unknown>; model: string; stream: boolean } => {
  const refuse = (message: string, code = 'invalid_request'): ProxyError => new ProxyError(400, code, message, { provider });
  if (!isRecord(body)) throw refuse('The request body must be a JSON object.');
  for (const key of Object.keys(body)) {
    if (!knownFields.has(key) && !limits.extraFields.has(key)) {
      throw refuse(`The field '${key}' is not accepted by this proxy.`, 'unknown_field');
    }
  }
  const routing = findRoutingKey(body, []);
  if (routing) throw refuse(`The field '${routing}' is not allowed: the proxy decides where requests go.`, 'forbidden_field');

  const model = body.model;
  if (typeof model !== 'string' || model === '') throw refuse("The field 'model' must be a non-empty string.");
  if (!isAllowedModel(model)) throw refuse(`The model '${model.slice(0, 100)}' is not allowed on this proxy.`, 'model_not_allowed');

  if (kind === 'chat') {
    if (!Array.isArray(body.messages) || body.messages.length === 0) throw refuse("The field 'messages' must be a non-empty list.");
    if (body.messages.length > limits.maxMessages) {
      throw refuse(`Too many messages: ${body.messages.length} (at most ${limits.maxMessages}).`, 'too_many_messages');
    }
    if (!body.messages.every(isRecord)) throw refuse('Every message must be a JSON object.');
  } else if (typeof body.prompt !== 'string' && !Array.isArray(body.prompt)) {
    throw refuse("The field 'prompt' must be a string or a list.");
  }

  if (body.stream !== undefined && typeof body.stream !== 'boolean') throw refuse("The field 'stream' must be true or false.");
  if (body.n !== undefined && (typeof body.n !== 'number' || !Number.isInteger(body.n) || body.n < 1 || body.n > limits.maxChoices)) {
    throw refuse(`The field 'n' must be a whole number from 1 to ${limits.maxChoices}.`, 'too_many_choices');
  }
  let tokensGiven = false;
  for (const field of ['max_tokens', 'max_completion_tokens'] as const) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    tokensGiven = true;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw refuse(`The field '${field}' must be a positive whole number.`);
    if (value > limits.maxTokens) {
      throw refuse(`The field '${field}' is ${value}; this proxy allows at most ${limits.maxTokens}.`, 'max_tokens_exceeded');
    }
  }
  const out = tokensGiven ? body : { ...body, [limits.tokenField]: limits.maxTokens };
  return { body: out, model, stream: body.stream === true };
};
