import type { ContentPart, ImageContent, ImageDetail, ToolCall } from './content.js';
import { ImageContent as Images } from './content.js';
import { ConfigError } from './errors.js';
import type { ChatRole } from './chat-message.js';

/** The fields of a message, as read from a dict. */
export interface ChatMessageFields {
  readonly role: ChatRole;
  readonly content: readonly ContentPart[];
  readonly name: string | null;
  readonly meta: Readonly<Record<string, unknown>>;
}

/** Haystack's JSON shape of a message (`ChatMessage.to_dict()`). */
export interface ChatMessageDict {
  role: ChatRole;
  meta: Record<string, unknown>;
  name: string | null;
  content: ContentPartDict[];
}

/** Haystack's JSON shape of one content part. */
export type ContentPartDict =
  | { text: string }
  | { tool_call: ToolCallDict }
  | { tool_call_result: { result: string; origin: ToolCallDict; error: boolean } }
  | { image: ImageContentDict }
  | { reasoning: { reasoning_text: string; extra: Record<string, unknown> } };

/** Haystack's JSON shape of a tool call. */
export interface ToolCallDict {
  tool_name: string;
  arguments: Record<string, unknown>;
  id: string | null;
  extra?: Record<string, unknown> | null;
}

/** Haystack's JSON shape of an image (`url` is hayloft's addition for remote images). */
export interface ImageContentDict {
  base64_image: string | null;
  mime_type: string | null;
  detail: ImageDetail | null;
  meta: Record<string, unknown>;
  validation?: boolean;
  url?: string;
}

/** One message in the OpenAI chat-completions request format. */
export type OpenAIChatMessage =
  | { role: 'system'; content: string; name?: string }
  | { role: 'user'; content: string | OpenAIUserContentPart[]; name?: string }
  | {
      role: 'assistant';
      content?: string | null;
      name?: string;
      tool_calls?: Array<{ type: 'function'; function: { name: string; arguments: string }; id: string }>;
    }
  | { role: 'tool'; content: string; tool_call_id: string; name?: string };

/** A user content part in the OpenAI request format. */
export type OpenAIUserContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: ImageDetail } };

const toolCallToDict = (call: ToolCall): ToolCallDict => ({
  tool_name: call.toolName,
  arguments: { ...call.arguments },
  id: call.id,
  extra: call.extra === undefined ? null : { ...call.extra },
});

const imageToDict = (image: ImageContent): ImageContentDict => ({
  base64_image: image.base64Image,
  mime_type: image.mimeType,
  detail: image.detail,
  meta: { ...image.meta },
  validation: true,
  ...(image.url === null ? {} : { url: image.url }),
});

/** Writes a content part in Haystack's shape. */
export const contentPartToDict = (part: ContentPart): ContentPartDict => {
  switch (part.type) {
    case 'text':
      return { text: part.text };
    case 'tool_call':
      return { tool_call: toolCallToDict(part) };
    case 'tool_call_result':
      return { tool_call_result: { result: part.result, origin: toolCallToDict(part.origin), error: part.error } };
    case 'image':
      return { image: imageToDict(part) };
    case 'reasoning':
      return { reasoning: { reasoning_text: part.reasoningText, extra: { ...part.extra } } };
    default:
      return part satisfies never;
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (what: string): ConfigError => new ConfigError(`ChatMessage.fromDict: ${what}`);

const toolCallFromDict = (value: unknown): ToolCall => {
  if (!isRecord(value) || typeof value.tool_name !== 'string' || !isRecord(value.arguments)) {
    throw invalid("a tool_call needs 'tool_name' (string) and 'arguments' (object).");
  }
  return Object.freeze({
    type: 'tool_call',
    id: typeof value.id === 'string' ? value.id : null,
    toolName: value.tool_name,
    arguments: Object.freeze({ ...value.arguments }),
    ...(isRecord(value.extra) ? { extra: Object.freeze({ ...value.extra }) } : {}),
  });
};

const partKeys = ['text', 'tool_call', 'tool_call_result', 'image', 'reasoning'] as const;

/** Reads a content part from Haystack's shape. */
export const contentPartFromDict = (value: unknown): ContentPart => {
  if (!isRecord(value)) throw invalid('each content part must be an object.');
  if (typeof value.text === 'string') return { type: 'text', text: value.text };
  if ('tool_call' in value) return toolCallFromDict(value.tool_call);
  if ('tool_call_result' in value) {
    const result = value.tool_call_result;
    if (!isRecord(result) || typeof result.result !== 'string') {
      throw invalid("a tool_call_result needs 'result' (string) and 'origin'.");
    }
    return { type: 'tool_call_result', result: result.result, origin: toolCallFromDict(result.origin), error: result.error === true };
  }
  if ('image' in value) {
    const image = value.image;
    if (!isRecord(image)) throw invalid('an image part must be an object.');
    const options = {
      mimeType: typeof image.mime_type === 'string' ? image.mime_type : null,
      detail: (typeof image.detail === 'string' ? image.detail : null) as ImageDetail | null,
      meta: isRecord(image.meta) ? image.meta : {},
    };
    if (typeof image.base64_image === 'string') return Images.fromBase64(image.base64_image, options);
    if (typeof image.url === 'string') return Images.fromUrl(image.url, options);
    throw invalid("an image needs 'base64_image' or 'url'.");
  }
  if ('reasoning' in value) {
    const reasoning = value.reasoning;
    if (!isRecord(reasoning) || typeof reasoning.reasoning_text !== 'string') {
      throw invalid("a reasoning part needs 'reasoning_text' (string).");
    }
    return {
      type: 'reasoning',
      reasoningText: reasoning.reasoning_text,
      ...(isRecord(reasoning.extra) && Object.keys(reasoning.extra).length > 0 ? { extra: reasoning.extra } : {}),
    };
  }
  throw invalid(`unknown content part with keys ${Object.keys(value).join(', ')}. Valid keys: ${partKeys.join(', ')}.`);
};

/**
 * Reads Haystack's current shape, and the legacy shapes (`_role`/`_content`/`_meta`/`_name`, and
 * `content` as a plain string) written by Haystack before 2.9.
 */
export const chatMessageFieldsFromDict = (
  data: unknown,
): { role: string; content: ContentPart[]; name: string | null; meta: Record<string, unknown> } => {
  if (!isRecord(data)) throw invalid('expected an object.');
  const legacy = '_role' in data || '_content' in data;
  const role = legacy ? data._role : data.role;
  const rawContent = legacy ? data._content : data.content;
  const meta = legacy ? data._meta : data.meta;
  const name = legacy ? data._name : data.name;
  if (typeof role !== 'string') throw invalid("missing 'role'.");
  let content: ContentPart[];
  if (typeof rawContent === 'string') content = [{ type: 'text', text: rawContent }];
  else if (Array.isArray(rawContent)) content = rawContent.map(contentPartFromDict);
  else if (rawContent === null || rawContent === undefined) content = [];
  else throw invalid("'content' must be a list of parts or a string.");
  // Legacy tool messages kept the tool call in meta; nothing else to migrate.
  return { role, content, name: typeof name === 'string' ? name : null, meta: isRecord(meta) ? { ...meta } : {} };
};

/** Writes a message in Haystack's shape. */
export const chatMessageToDict = (message: ChatMessageFields): ChatMessageDict => ({
  role: message.role,
  meta: { ...message.meta },
  name: message.name,
  content: message.content.map(contentPartToDict),
});

const missingToolCallId = (): ConfigError =>
  new ConfigError('`ToolCall` must have a non-null `id` attribute to be used with OpenAI.');

/**
 * Writes a message in the OpenAI chat-completions request format, as Haystack's `to_openai_dict_format()`:
 * a single user text becomes a plain string, images become `image_url` parts with a `data:` URL,
 * reasoning is not sent back, and tool calls and results need their ids.
 */
export const chatMessageToOpenAIDict = (message: ChatMessageFields): OpenAIChatMessage => {
  const texts = message.content.filter((part) => part.type === 'text');
  const hasPayload = message.content.some((part) => part.type !== 'reasoning');
  if (!hasPayload) {
    throw new ConfigError(
      'A `ChatMessage` must contain at least one `TextContent`, `ToolCall`, `ToolCallResult` or `ImageContent` to be sent to a provider.',
    );
  }
  const name = message.name === null ? {} : { name: message.name };
  switch (message.role) {
    case 'system':
      return { role: 'system', content: texts[0]?.text ?? '', ...name };
    case 'user': {
      const images = message.content.filter((part) => part.type === 'image');
      if (images.length === 0 && texts.length === 1) return { role: 'user', content: texts[0]?.text ?? '', ...name };
      const parts: OpenAIUserContentPart[] = message.content.flatMap((part): OpenAIUserContentPart[] => {
        if (part.type === 'text') return [{ type: 'text', text: part.text }];
        if (part.type === 'image') {
          return [{ type: 'image_url', image_url: { url: Images.toUrl(part), ...(part.detail ? { detail: part.detail } : {}) } }];
        }
        return [];
      });
      return { role: 'user', content: parts, ...name };
    }
    case 'assistant': {
      const calls = message.content.filter((part) => part.type === 'tool_call');
      const out: OpenAIChatMessage & { role: 'assistant' } = { role: 'assistant', ...name };
      if (texts.length > 0) out.content = texts[0]?.text ?? '';
      if (calls.length > 0) {
        out.tool_calls = calls.map((call) => {
          if (call.id === null) throw missingToolCallId();
          return { type: 'function', function: { name: call.toolName, arguments: JSON.stringify(call.arguments) }, id: call.id };
        });
      }
      return out;
    }
    case 'tool': {
      const [result, ...rest] = message.content;
      if (result?.type !== 'tool_call_result' || rest.length > 0) {
        throw new ConfigError('For OpenAI compatibility, a `ChatMessage` with a `ToolCallResult` cannot contain any other content.');
      }
      if (result.origin.id === null) throw missingToolCallId();
      return { role: 'tool', content: result.result, tool_call_id: result.origin.id, ...name };
    }
    default:
      return message.role satisfies never;
  }
};
