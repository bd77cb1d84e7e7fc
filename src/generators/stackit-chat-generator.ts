import { ConfigError, Secret, defaultToDict, readComponentDict, type ComponentDict } from '../core/index.js';
import { ChatCompletionsGenerator, type ChatCompletionsOptions, type ChatCompletionsSettings, type CommonClientOptions, type OpenAIClient } from './chat-completions-generator.js';
import { deserializeTools, type GeneratorFromDictOptions } from '../core/generator-component.js';
import type { OpenAISdk } from './load-openai.js';
import { createOpenAIClient, resolveBaseUrl } from './openai-chat-generator.js';
import { initReader, secretToDict } from '../core/read-init.js';

/** STACKIT's OpenAI-compatible model serving endpoint. */
export const stackitBaseUrl = 'https://api.openai-compat.model-serving.eu01.onstackit.cloud/v1';

/** Options of {@link STACKITChatGenerator}. */
export interface STACKITChatGeneratorOptions extends ChatCompletionsOptions {
  /** Required, e.g. `cortecs/Llama-3.3-70B-Instruct-FP8-Dynamic` or `google/gemma-3-27b-it`. */
  model: string;
  /** Default `Secret.fromEnvVar('STACKIT_API_KEY')`. */
  apiKey?: Secret | undefined;
  /** Default STACKIT's endpoint; in a browser, hayloft's proxy (`/api/stackit/v1`). */
  apiBaseUrl?: string | undefined;
}

/**
 * Chat completions from STACKIT's model serving (OpenAI-compatible, hosted in the EU).
 *
 * @example
 * const generator = new STACKITChatGenerator({ model: 'cortecs/Llama-3.3-70B-Instruct-FP8-Dynamic', apiBaseUrl: '/api/stackit/v1' });
 */
export class STACKITChatGenerator extends ChatCompletionsGenerator {
  /** Haystack's type name (haystack-core-integrations). */
  static readonly typeNames = ['haystack_integrations.components.generators.stackit.chat.chat_generator.STACKITChatGenerator'] as const;
  /** The model requested. */
  readonly model: string;
  /** The base URL. */
  readonly apiBaseUrl: string;
  /** The key. */
  readonly apiKey: Secret;

  constructor(options: STACKITChatGeneratorOptions) {
    super(options);
    if (typeof options.model !== 'string' || options.model === '') {
      throw new ConfigError("STACKITChatGenerator needs a model, e.g. { model: 'cortecs/Llama-3.3-70B-Instruct-FP8-Dynamic' }.");
    }
    this.model = options.model;
    this.apiBaseUrl = options.apiBaseUrl ?? stackitBaseUrl;
    this.apiKey = options.apiKey ?? Secret.fromEnvVar('STACKIT_API_KEY');
  }

  protected settings(): ChatCompletionsSettings {
    return {
      provider: 'STACKIT',
      generatorName: 'STACKITChatGenerator',
      model: this.model,
      baseUrl: resolveBaseUrl(this.apiBaseUrl),
      providerHosts: ['.onstackit.cloud'],
      apiKey: this.apiKey,
    };
  }

  protected createClient(sdk: OpenAISdk, common: CommonClientOptions): OpenAIClient {
    return createOpenAIClient(sdk, common, this.settings().baseUrl);
  }

  /** Haystack's `{ type, init_parameters }` (the integration writes no tools keys unless tools are set). */
  toDict(): ComponentDict {
    const common = this.commonInitParameters();
    return defaultToDict(STACKITChatGenerator.typeNames[0], {
      model: this.model,
      streaming_callback: common.streaming_callback,
      api_base_url: this.apiBaseUrl,
      generation_kwargs: common.generation_kwargs,
      api_key: secretToDict(this.apiKey),
      timeout: common.timeout,
      max_retries: common.max_retries,
      http_client_kwargs: null,
      ...(this.tools ? { tools: common.tools, tools_strict: common.tools_strict } : {}),
    });
  }

  /** Reads Haystack's dict. */
  static fromDict(dict: ComponentDict, options: GeneratorFromDictOptions = {}): STACKITChatGenerator {
    const init = readComponentDict(dict, STACKITChatGenerator.typeNames, 'STACKITChatGenerator');
    const read = initReader(init, 'STACKITChatGenerator');
    return new STACKITChatGenerator({
      model: read.string('model') ?? '',
      apiBaseUrl: read.string('api_base_url'),
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
