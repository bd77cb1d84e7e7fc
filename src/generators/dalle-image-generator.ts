import { ConfigError, Secret, defaultToDict, readComponentDict, type ComponentDict, type ComponentSockets, type InvokeOptions } from '../core/index.js';
import type { CommonClientOptions, OpenAIClient } from './chat-completions-generator.js';
import { loadOpenAI, type OpenAISdk } from './load-openai.js';
import { createOpenAIClient, openAIBaseUrl, resolveBaseUrl } from './openai-chat-generator.js';
import { initReader, secretToDict } from '../core/read-init.js';
import { resolveApiKey } from './resolve-api-key.js';
import { toProviderError } from './to-provider-error.js';

/** Options of {@link DALLEImageGenerator}. */
export interface DALLEImageGeneratorOptions {
  /** Default `dall-e-3`. */
  model?: string | undefined;
  /** `standard` or `hd` for DALL-E 3; `auto`, `high`, `medium`, `low` for gpt-image models. Default `standard`. */
  quality?: string | undefined;
  /** e.g. `1024x1024` (default), `1792x1024`, `1024x1792`. */
  size?: string | undefined;
  /** `url` (default) or `b64_json`. */
  responseFormat?: 'url' | 'b64_json' | undefined;
  /** Default `Secret.fromEnvVar('OPENAI_API_KEY')`; resolves to nothing in a browser. */
  apiKey?: Secret | undefined;
  /** OpenAI's API by default; hayloft's proxy in a browser (`/api/openai/v1`). */
  apiBaseUrl?: string | undefined;
  organization?: string | undefined;
  /** Seconds; default 30. */
  timeout?: number | undefined;
  /** Default 5. */
  maxRetries?: number | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  /** Allow a real key in a browser page (local experiments only). */
  dangerouslyAllowBrowserKey?: boolean | undefined;
}

/** Per-call options of {@link DALLEImageGenerator.run}. */
export interface ImageGeneratorRunOptions {
  size?: string | undefined;
  quality?: string | undefined;
  responseFormat?: 'url' | 'b64_json' | undefined;
  signal?: AbortSignal | undefined;
}

/** What {@link DALLEImageGenerator.run} resolves to. */
export interface ImageGeneratorResult {
  /** URLs or base64 data, as asked by `responseFormat`. */
  images: string[];
  /** The prompt the model actually used (DALL-E 3 rewrites prompts); empty when not given. */
  revisedPrompt: string;
}

const typeNames = [
  'haystack.components.generators.openai_dalle.DALLEImageGenerator',
  'haystack.components.generators.openai_image_generator.OpenAIImageGenerator',
] as const;

/**
 * Images from a prompt through OpenAI's images API (DALL-E 3, gpt-image). Also exported under
 * Haystack 3's name `OpenAIImageGenerator`.
 *
 * @example
 * const { images } = await new DALLEImageGenerator({ apiBaseUrl: '/api/openai/v1' }).run('A hayloft at dawn');
 */
export class DALLEImageGenerator {
  /** Haystack's type names: 2.x first, then 3.x's `OpenAIImageGenerator`. */
  static readonly typeNames = typeNames;
  /** Pipeline sockets. */
  readonly sockets: ComponentSockets = {
    inputs: {
      prompt: { type: 'string' },
      size: { type: 'string', mandatory: false },
      quality: { type: 'string', mandatory: false },
      response_format: { type: 'string', mandatory: false },
    },
    outputs: { images: { type: 'string[]' }, revised_prompt: { type: 'string' } },
  };
  readonly model: string;
  readonly quality: string;
  readonly size: string;
  readonly responseFormat: 'url' | 'b64_json';
  readonly apiKey: Secret;
  readonly apiBaseUrl: string | undefined;
  readonly organization: string | undefined;
  readonly #options: DALLEImageGeneratorOptions;
  #typeName: string = typeNames[0];
  #client: Promise<{ client: OpenAIClient; sdk: OpenAISdk; secrets: string[] }> | undefined;

  constructor(options: DALLEImageGeneratorOptions = {}) {
    this.model = options.model ?? 'dall-e-3';
    this.quality = options.quality ?? 'standard';
    this.size = options.size ?? '1024x1024';
    this.responseFormat = options.responseFormat ?? 'url';
    if (this.responseFormat !== 'url' && this.responseFormat !== 'b64_json') {
      throw new ConfigError(`Unknown responseFormat '${String(this.responseFormat)}'. Valid values: url, b64_json.`);
    }
    this.apiKey = options.apiKey ?? Secret.fromEnvVar('OPENAI_API_KEY');
    this.apiBaseUrl = options.apiBaseUrl;
    this.organization = options.organization;
    this.#options = options;
  }

  /** Loads the client ahead of the first call. */
  async warmUp(): Promise<void> {
    await this.#getClient();
  }

  #getClient(): Promise<{ client: OpenAIClient; sdk: OpenAISdk; secrets: string[] }> {
    this.#client ??= (async () => {
      const baseUrl = resolveBaseUrl(this.apiBaseUrl ?? openAIBaseUrl);
      const apiKey = resolveApiKey({
        generator: 'DALLEImageGenerator',
        secret: this.apiKey,
        baseUrl,
        providerHosts: ['api.openai.com'],
        dangerouslyAllowBrowserKey: this.#options.dangerouslyAllowBrowserKey ?? false,
      });
      const sdk = await loadOpenAI();
      const common: CommonClientOptions = {
        apiKey,
        fetch: this.#options.fetch ?? globalThis.fetch.bind(globalThis),
        timeout: (this.#options.timeout ?? 30) * 1000,
        maxRetries: this.#options.maxRetries ?? 5,
        defaultHeaders: {},
        dangerouslyAllowBrowser: true,
      };
      return { client: createOpenAIClient(sdk, common, baseUrl, this.organization), sdk, secrets: apiKey ? [apiKey] : [] };
    })().catch((error: unknown) => {
      this.#client = undefined;
      throw error;
    });
    return this.#client;
  }

  /** Generates one image for the prompt. */
  async run(prompt: string, options: ImageGeneratorRunOptions = {}): Promise<ImageGeneratorResult> {
    if (prompt.trim() === '') throw new ConfigError('DALLEImageGenerator needs a non-empty prompt.');
    const { client, sdk, secrets } = await this.#getClient();
    const responseFormat = options.responseFormat ?? this.responseFormat;
    try {
      const response = await client.images.generate(
        {
          model: this.model,
          prompt,
          size: (options.size ?? this.size),
          quality: (options.quality ?? this.quality) as never,
          // Deprecated for gpt-image models, still how DALL-E 3 chooses between a URL and base64.
          // eslint-disable-next-line @typescript-eslint/no-deprecated
          response_format: responseFormat,
          n: 1,
        },
        { signal: options.signal },
      );
      const data = response.data ?? [];
      const images = data.map((image) => (responseFormat === 'url' ? image.url : image.b64_json) ?? '').filter((image) => image !== '');
      return { images, revisedPrompt: data[0]?.revised_prompt ?? '' };
    } catch (error) {
      throw toProviderError(error, sdk, { provider: 'OpenAI images', secrets, signal: options.signal });
    }
  }

  /** Pipeline entry: outputs `images` and `revised_prompt`. */
  async invoke(
    inputs: { prompt: string; size?: string; quality?: string; response_format?: 'url' | 'b64_json' },
    options: InvokeOptions = {},
  ): Promise<{ images: string[]; revised_prompt: string }> {
    const result = await this.run(inputs.prompt, {
      size: inputs.size,
      quality: inputs.quality,
      responseFormat: inputs.response_format,
      signal: options.signal,
    });
    return { images: result.images, revised_prompt: result.revisedPrompt };
  }

  /** Haystack's `{ type, init_parameters }`, in the dialect it was read in. */
  toDict(): ComponentDict {
    return defaultToDict(this.#typeName, {
      model: this.model,
      quality: this.quality,
      size: this.size,
      response_format: this.responseFormat,
      api_key: secretToDict(this.apiKey),
      api_base_url: this.apiBaseUrl ?? null,
      organization: this.organization ?? null,
      http_client_kwargs: null,
    });
  }

  /** Reads Haystack's dict (`DALLEImageGenerator` or 3.x `OpenAIImageGenerator`). */
  static fromDict(dict: ComponentDict): DALLEImageGenerator {
    const init = readComponentDict(dict, typeNames, 'DALLEImageGenerator');
    const read = initReader(init, 'DALLEImageGenerator');
    const generator = new DALLEImageGenerator({
      model: read.string('model'),
      quality: read.string('quality'),
      size: read.string('size'),
      responseFormat: read.string('response_format') as 'url' | 'b64_json' | undefined,
      apiKey: read.secret('api_key'),
      apiBaseUrl: read.string('api_base_url'),
      organization: read.string('organization'),
      timeout: read.number('timeout'),
      maxRetries: read.number('max_retries'),
    });
    generator.#typeName = dict.type;
    return generator;
  }
}

/** Haystack 3's name for {@link DALLEImageGenerator}. */
export const OpenAIImageGenerator = DALLEImageGenerator;
/** Haystack 3's name for {@link DALLEImageGenerator}. */
export type OpenAIImageGenerator = DALLEImageGenerator;
