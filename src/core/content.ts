import { ConfigError } from './errors.js';

/** A plain text part of a message. */
export interface TextContent {
  readonly type: 'text';
  readonly text: string;
}

/** A request by the model to call a tool. */
export interface ToolCall {
  readonly type: 'tool_call';
  /** The provider's id for the call; needed to send the result back to OpenAI-compatible APIs. */
  readonly id: string | null;
  readonly toolName: string;
  /** Parsed arguments. */
  readonly arguments: Readonly<Record<string, unknown>>;
  /** Provider-specific extras, kept for round trips. */
  readonly extra?: Readonly<Record<string, unknown>> | undefined;
}

/** The result of running a tool, sent back to the model. */
export interface ToolCallResult {
  readonly type: 'tool_call_result';
  readonly result: string;
  /** The call this answers. */
  readonly origin: ToolCall;
  /** True when the tool failed and `result` describes the failure. */
  readonly error: boolean;
}

/** How closely a vision model should look at an image (OpenAI's `detail`). */
export type ImageDetail = 'auto' | 'high' | 'low';

/** An image: base64 data with a mime type, or a URL the provider fetches itself. */
export interface ImageContent {
  readonly type: 'image';
  /** Base64 data, without a `data:` prefix; null for a URL image. */
  readonly base64Image: string | null;
  /** `image/png`, `image/jpeg`, ...; null when unknown. */
  readonly mimeType: string | null;
  /** A remote `https:` URL; null for inline data. */
  readonly url: string | null;
  readonly detail: ImageDetail | null;
  readonly meta: Readonly<Record<string, unknown>>;
}

/** The model's reasoning, shown apart from the answer. */
export interface ReasoningContent {
  readonly type: 'reasoning';
  readonly reasoningText: string;
  readonly extra?: Readonly<Record<string, unknown>> | undefined;
}

/** Any part of a message. */
export type ContentPart = TextContent | ImageContent | ToolCall | ToolCallResult | ReasoningContent;

/** Options for building an {@link ImageContent}. */
export interface ImageContentOptions {
  mimeType?: string | null;
  detail?: ImageDetail | null;
  meta?: Record<string, unknown>;
}

const imageDetails: readonly ImageDetail[] = ['auto', 'high', 'low'];
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

const checkDetail = (detail: ImageDetail | null | undefined): ImageDetail | null => {
  if (detail === undefined || detail === null) return null;
  if (!imageDetails.includes(detail)) {
    throw new ConfigError(`Unknown image detail '${detail as string}'. Valid values: ${imageDetails.join(', ')}.`);
  }
  return detail;
};

// Magic numbers as base64 prefixes, so an image without a mime type still gets a correct data: URL.
const base64Signatures: ReadonlyArray<readonly [string, string]> = [
  ['iVBORw0KGgo', 'image/png'],
  ['/9j/', 'image/jpeg'],
  ['R0lGOD', 'image/gif'],
  ['UklGR', 'image/webp'],
];

const sniffMimeType = (base64: string): string | null =>
  base64Signatures.find(([prefix]) => base64.startsWith(prefix))?.[1] ?? null;

const bytesToBase64 = (bytes: Uint8Array): string => {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
};

/** Creators for {@link ImageContent}. */
export const ImageContent = {
  /** An image from base64 data (a `data:` URL is accepted too and split into data and mime type). */
  fromBase64(base64: string, options: ImageContentOptions = {}): ImageContent {
    let data = base64.trim();
    let mimeType = options.mimeType ?? null;
    const dataUrl = /^data:([^;,]+)?;base64,(.*)$/s.exec(data);
    if (dataUrl) {
      mimeType = mimeType ?? dataUrl[1] ?? null;
      data = dataUrl[2] ?? '';
    }
    data = data.replace(/\s+/g, '');
    if (data === '' || !base64Pattern.test(data)) {
      throw new ConfigError('ImageContent.fromBase64 needs base64 data (A-Z, a-z, 0-9, +, /), optionally as a data: URL.');
    }
    mimeType = mimeType ?? sniffMimeType(data);
    if (mimeType !== null && !mimeType.startsWith('image/')) {
      throw new ConfigError(`ImageContent needs an image mime type, got '${mimeType}'.`);
    }
    return Object.freeze({
      type: 'image',
      base64Image: data,
      mimeType,
      url: null,
      detail: checkDetail(options.detail),
      meta: Object.freeze({ ...options.meta }),
    });
  },

  /** An image the provider downloads itself; only `https:` and `http:` URLs are accepted. */
  fromUrl(url: string, options: Omit<ImageContentOptions, 'mimeType'> & { mimeType?: string | null } = {}): ImageContent {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(`ImageContent.fromUrl needs an absolute URL, got '${url.slice(0, 80)}'.`);
    }
    if (parsed.protocol === 'data:') return ImageContent.fromBase64(url, options);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new ConfigError(`ImageContent.fromUrl accepts https: and http: URLs, got '${parsed.protocol}'.`);
    }
    return Object.freeze({
      type: 'image',
      base64Image: null,
      mimeType: options.mimeType ?? null,
      url: parsed.href,
      detail: checkDetail(options.detail),
      meta: Object.freeze({ ...options.meta }),
    });
  },

  /** An image from a `Blob` or `File` (e.g. an upload or a paste), read into base64. */
  async fromBlob(blob: Blob, options: ImageContentOptions = {}): Promise<ImageContent> {
    const mimeType = options.mimeType ?? (blob.type === '' ? null : blob.type);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const name = (blob as Blob & { name?: unknown }).name;
    return ImageContent.fromBase64(bytesToBase64(bytes), {
      ...options,
      mimeType,
      meta: typeof name === 'string' ? { file_name: name, ...options.meta } : options.meta ?? {},
    });
  },

  /** A `data:` URL for inline images, or the remote URL. */
  toUrl(image: ImageContent): string {
    if (image.url !== null) return image.url;
    return `data:${image.mimeType ?? 'image/jpeg'};base64,${image.base64Image ?? ''}`;
  },
};
