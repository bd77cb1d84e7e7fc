import { ConfigError, Secret, defaultToDict, readComponentDict, type ComponentDict } from '../core/index.js';
import { ChatCompletionsGenerator, type ChatCompletionsOptions, type ChatCompletionsSettings, type CommonClientOptions, type OpenAIClient } from './chat-completions-generator.js';
import { deserializeTools, type GeneratorFromDictOptions } from '../core/generator-component.js';
import type { OpenAISdk } from './load-openai.js';
import { createOpenAIClient, resolveBaseUrl } from './openai-chat-generator.js';
import { initReader, secretToDict } from '../core/read-init.js';

/** Where the Hugging Face generators send requests (Haystack's `HFGenerationAPIType`). */
export type HFGenerationAPIType = 'serverless_inference_api' | 'inference_endpoints' | 'text_generation_inference';

/** The API types, in Haystack's order. */
export const hfGenerationApiTypes: readonly HFGenerationAPIType[] = [
  'text_generation_inference',
  'inference_endpoints',
  'serverless_inference_api',
];

/** Haystack's `api_params`: `model` (+ `provider`) for serverless, `url` for endpoints and TGI. */
export interface HFApiParams {
  model?: string | undefined;
  /** An Inference Provider (`cerebras`, `together`, `hf-inference`, ...); default: the router's choice. */
  provider?: string | undefined;
  url?: string | undefined;
  [key: string]: string | undefined;
}

/** Options of {@link HuggingFaceAPIChatGenerator}. */
export interface HuggingFaceAPIChatGeneratorOptions extends ChatCompletionsOptions {
  apiType: HFGenerationAPIType;
  apiParams: HFApiParams;
  /** Default `Secret.fromEnvVar(['HF_API_TOKEN', 'HF_TOKEN'], { strict: false })`. */
  token?: Secret | undefined;
  /** Appended to `generation_kwargs.stop`. */
  stopWords?: readonly string[] | undefined;
  /** The router's base URL; in a browser, hayloft's proxy (`/api/huggingface/v1`). */
  routerUrl?: string | undefined;
}

/** The Inference Providers router (OpenAI-compatible). */
export const hfRouterUrl = 'https://router.huggingface.co/v1';

/** Checks `apiType` and `apiParams` the way Haystack does, with its messages. */
export const checkHfApi = (apiType: string, apiParams: HFApiParams | undefined): void => {
  if (!hfGenerationApiTypes.includes(apiType as HFGenerationAPIType)) {
    throw new ConfigError(
      `Unknown Hugging Face API type '${apiType}'. Supported types are: ${hfGenerationApiTypes.join(', ')}.`,
    );
  }
  if (apiType === 'serverless_inference_api' && !apiParams?.model) {
    throw new ConfigError('To use the Serverless Inference API, you need to specify the `model` parameter in `apiParams`.');
  }
  if (apiType !== 'serverless_inference_api') {
    const url = apiParams?.url;
    if (!url) {
      throw new ConfigError(
        'To use Text Generation Inference or Inference Endpoints, you need to specify the `url` parameter in `apiParams`.',
      );
    }
    if (!/^(https?:\/\/|\/)/.test(url)) throw new ConfigError(`Invalid URL: ${url}. Use an http(s) URL or a path on this site.`);
  }
};

/** The OpenAI-compatible base URL of a TGI server or Inference Endpoint. */
export const hfEndpointBaseUrl = (url: string): string => {
  const trimmed = resolveBaseUrl(url);
  return trimmed.endsWith('/v1') ? trimmed : `${trimmed}/v1`;
};

/**
 * Chat completions from Hugging Face: the Inference Providers router (serverless), a dedicated
 * Inference Endpoint, or a self-hosted TGI server, all through their OpenAI-compatible Messages API.
 *
 * @example
 * const generator = new HuggingFaceAPIChatGenerator({
 *   apiType: 'serverless_inference_api',
 *   apiParams: { model: 'meta-llama/Llama-3.1-8B-Instruct', provider: 'cerebras' },
 *   routerUrl: '/api/huggingface/v1',
 * });
 */
export class HuggingFaceAPIChatGenerator extends ChatCompletionsGenerator {
  /** Haystack's type names: 2.x core first, then the 3.x integration. */
  static readonly typeNames = [
    'haystack.components.generators.chat.hugging_face_api.HuggingFaceAPIChatGenerator',
    'haystack_integrations.components.generators.huggingface_api.chat.chat_generator.HuggingFaceAPIChatGenerator',
  ] as const;
  /** Where requests go. */
  readonly apiType: HFGenerationAPIType;
  /** Model, provider or URL. */
  readonly apiParams: Readonly<HFApiParams>;
  /** The token. */
  readonly token: Secret;
  /** The router URL used for serverless requests. */
  readonly routerUrl: string;
  #typeName: string = HuggingFaceAPIChatGenerator.typeNames[0];

  constructor(options: HuggingFaceAPIChatGeneratorOptions) {
    checkHfApi(options.apiType, options.apiParams);
    const kwargs: Record<string, unknown> = { ...options.generationKwargs };
    const stop = Array.isArray(kwargs.stop) ? (kwargs.stop as string[]) : typeof kwargs.stop === 'string' ? [kwargs.stop] : [];
    kwargs.stop = [...stop, ...(options.stopWords ?? [])];
    kwargs.max_tokens ??= 512;
    super({ ...options, generationKwargs: kwargs });
    this.apiType = options.apiType;
    this.apiParams = { ...options.apiParams };
    this.token = options.token ?? Secret.fromEnvVar(['HF_API_TOKEN', 'HF_TOKEN'], { strict: false });
    this.routerUrl = options.routerUrl ?? hfRouterUrl;
  }

  protected settings(): ChatCompletionsSettings {
    const serverless = this.apiType === 'serverless_inference_api';
    const { model = 'tgi', provider, url } = this.apiParams;
    return {
      provider: serverless ? 'Hugging Face' : 'The Hugging Face endpoint',
      generatorName: 'HuggingFaceAPIChatGenerator',
      // The router picks a provider from a `model:provider` suffix; TGI ignores the model name.
      model: serverless && provider ? `${model}:${provider}` : model,
      baseUrl: serverless ? resolveBaseUrl(this.routerUrl) : hfEndpointBaseUrl(url ?? ''),
      providerHosts: ['router.huggingface.co', '.endpoints.huggingface.cloud', 'api-inference.huggingface.co'],
      apiKey: this.token,
    };
  }

  protected override prepareBody(body: Record<string, unknown>): Record<string, unknown> {
    // An empty stop list is Haystack's default; some TGI versions reject it.
    if (!Array.isArray(body.stop) || body.stop.length > 0) return body;
    const { stop: _empty, ...rest } = body;
    return rest;
  }

  protected createClient(sdk: OpenAISdk, common: CommonClientOptions): OpenAIClient {
    return createOpenAIClient(sdk, common, this.settings().baseUrl);
  }

  /** Haystack's `{ type, init_parameters }`, in the dialect it was read in. */
  toDict(): ComponentDict {
    const common = this.commonInitParameters();
    return defaultToDict(this.#typeName, {
      api_type: this.apiType,
      api_params: { ...this.apiParams },
      token: secretToDict(this.token),
      generation_kwargs: common.generation_kwargs,
      streaming_callback: common.streaming_callback,
      tools: common.tools,
    });
  }

  /** Reads Haystack's dict (2.x core or 3.x integration type). */
  static fromDict(dict: ComponentDict, options: GeneratorFromDictOptions = {}): HuggingFaceAPIChatGenerator {
    const init = readComponentDict(dict, HuggingFaceAPIChatGenerator.typeNames, 'HuggingFaceAPIChatGenerator');
    const read = initReader(init, 'HuggingFaceAPIChatGenerator');
    const generator = new HuggingFaceAPIChatGenerator({
      apiType: (read.string('api_type') ?? '') as HFGenerationAPIType,
      apiParams: (read.record('api_params') ?? {}) as HFApiParams,
      token: read.secret('token'),
      generationKwargs: read.record('generation_kwargs'),
      tools: deserializeTools(init.tools, options),
      streamingCallback: options.streamingCallback,
    });
    generator.#typeName = dict.type;
    return generator;
  }
}
