import { Secret, defaultToDict, readComponentDict, type ComponentDict } from '../core/index.js';
import { ChatCompletionsGenerator, type ChatCompletionsOptions, type ChatCompletionsSettings, type CommonClientOptions, type OpenAIClient } from './chat-completions-generator.js';
import { deserializeTools, type GeneratorFromDictOptions } from '../core/generator-component.js';
import type { OpenAISdk } from './load-openai.js';
import { initReader, secretToDict } from '../core/read-init.js';

/** Options of {@link OpenAIChatGenerator}. */
export interface OpenAIChatGeneratorOptions extends ChatCompletionsOptions {
  /** Default `Secret.fromEnvVar('OPENAI_API_KEY')`; resolves to nothing in a browser. */
  apiKey?: Secret | undefined;
  /** Default `gpt-4o-mini`. */
  model?: string | undefined;
  /** Any OpenAI-compatible server (vLLM, Ollama, Hayhooks) or hayloft's proxy (`https://app.example/api/openai/v1`). */
  apiBaseUrl?: string | undefined;
  organization?: string | undefined;
}

/** OpenAI's own API. */
export const openAIBaseUrl = 'https://api.openai.com/v1';

/**
 * Chat completions from OpenAI, or from any OpenAI-compatible server through `apiBaseUrl`.
 *
 * @example
 * const generator = new OpenAIChatGenerator({ apiBaseUrl: '/api/openai/v1', model: 'gpt-4o-mini' });
 * const { replies } = await generator.run([ChatMessage.fromUser('Hello!')]);
 */
export class OpenAIChatGenerator extends ChatCompletionsGenerator {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.generators.chat.openai.OpenAIChatGenerator'] as const;
  /** The model requested. */
  readonly model: string;
  /** The base URL, when not OpenAI's. */
  readonly apiBaseUrl: string | undefined;
  /** The OpenAI organization. */
  readonly organization: string | undefined;
  /** The key. */
  readonly apiKey: Secret;

  constructor(options: OpenAIChatGeneratorOptions = {}) {
    super(options);
    this.model = options.model ?? 'gpt-4o-mini';
    this.apiBaseUrl = options.apiBaseUrl;
    this.organization = options.organization;
    this.apiKey = options.apiKey ?? Secret.fromEnvVar('OPENAI_API_KEY');
  }

  protected settings(): ChatCompletionsSettings {
    return {
      provider: this.apiBaseUrl === undefined ? 'OpenAI' : 'the OpenAI-compatible server',
      generatorName: 'OpenAIChatGenerator',
      model: this.model,
      baseUrl: resolveBaseUrl(this.apiBaseUrl ?? openAIBaseUrl),
      providerHosts: ['api.openai.com'],
      apiKey: this.apiKey,
    };
  }

  protected createClient(sdk: OpenAISdk, common: CommonClientOptions): OpenAIClient {
    return createOpenAIClient(sdk, common, this.settings().baseUrl, this.organization);
  }

  /** Haystack's `{ type, init_parameters }`. */
  toDict(): ComponentDict {
    const common = this.commonInitParameters();
    return defaultToDict(OpenAIChatGenerator.typeNames[0], {
      model: this.model,
      streaming_callback: common.streaming_callback,
      api_base_url: this.apiBaseUrl ?? null,
      organization: this.organization ?? null,
      generation_kwargs: common.generation_kwargs,
      api_key: secretToDict(this.apiKey),
      timeout: common.timeout,
      max_retries: common.max_retries,
      tools: common.tools,
      tools_strict: common.tools_strict,
      http_client_kwargs: null,
    });
  }

  /** Reads Haystack's dict; tool implementations and a callback come through `options`. */
  static fromDict(dict: ComponentDict, options: GeneratorFromDictOptions = {}): OpenAIChatGenerator {
    const init = readComponentDict(dict, OpenAIChatGenerator.typeNames, 'OpenAIChatGenerator');
    const read = initReader(init, 'OpenAIChatGenerator');
    return new OpenAIChatGenerator({
      model: read.string('model'),
      apiBaseUrl: read.string('api_base_url'),
      organization: read.string('organization'),
      generationKwargs: read.record('generation_kwargs'),
      apiKey: read.secret('api_key'),
      timeout: read.number('timeout'),
      maxRetries: read.number('max_retries'),
      tools: deserializeTools(init.tools, options),
      toolsStrict: read.boolean('tools_strict'),
      streamingCallback: options.streamingCallback,
    });
  }
}

/** Makes a relative base URL (`/api/openai/v1`, common with a same-origin proxy) absolute in a browser. */
export const resolveBaseUrl = (baseUrl: string): string => {
  if (/^[a-z][a-z0-9+.-]*:/i.test(baseUrl)) return baseUrl.replace(/\/+$/, '');
  const origin = (globalThis as { location?: { href?: string } }).location?.href;
  if (origin === undefined) return baseUrl.replace(/\/+$/, '');
  return new URL(baseUrl, origin).href.replace(/\/+$/, '');
};

/** An `openai` client for an OpenAI-compatible base URL; with no key, the request carries no credential. */
export const createOpenAIClient = (
  sdk: OpenAISdk,
  common: CommonClientOptions,
  baseURL: string,
  organization?: string,
): OpenAIClient => {
  const { apiKey, defaultHeaders, ...rest } = common;
  return new sdk.OpenAI({
    ...rest,
    baseURL,
    organization: organization ?? null,
    project: null,
    // The client insists on a key; without one we give a placeholder and remove the header it makes.
    apiKey: apiKey ?? 'hayloft-no-key',
    defaultHeaders: apiKey === undefined ? { ...defaultHeaders, Authorization: null } : defaultHeaders,
  });
};
