import { ConfigError, Secret, defaultToDict, readComponentDict, type ComponentDict } from '../core/index.js';
import { readEnv } from '../core/runtime.js';
import { ChatCompletionsGenerator, type ChatCompletionsOptions, type ChatCompletionsSettings, type CommonClientOptions, type OpenAIClient } from './chat-completions-generator.js';
import { deserializeTools, type GeneratorFromDictOptions } from '../core/generator-component.js';
import type { OpenAISdk } from './load-openai.js';
import { resolveBaseUrl } from './openai-chat-generator.js';
import { initReader, secretToDict } from '../core/read-init.js';

/** Returns a Microsoft Entra ID access token for Azure OpenAI (called before each request). */
export type AzureAdTokenProvider = () => Promise<string>;

/** Options of {@link AzureOpenAIChatGenerator}. */
export interface AzureOpenAIChatGeneratorOptions extends ChatCompletionsOptions {
  /** `https://<resource>.openai.azure.com`, or hayloft's proxy (`/api/azure`); default `AZURE_OPENAI_ENDPOINT`. */
  azureEndpoint?: string | undefined;
  /** Default `2023-05-15`. */
  apiVersion?: string | undefined;
  /** Default `gpt-4o-mini`. */
  azureDeployment?: string | undefined;
  /** Default `Secret.fromEnvVar('AZURE_OPENAI_API_KEY', { strict: false })`, sent as `api-key`. */
  apiKey?: Secret | undefined;
  /** Default `Secret.fromEnvVar('AZURE_OPENAI_AD_TOKEN', { strict: false })`, sent as a bearer token. */
  azureAdToken?: Secret | undefined;
  /** Entra ID token provider, used instead of a key. */
  azureAdTokenProvider?: AzureAdTokenProvider | undefined;
  organization?: string | undefined;
}

const azureHosts = ['.openai.azure.com', '.cognitiveservices.azure.com', '.services.ai.azure.com'];

/**
 * Chat completions from an Azure OpenAI deployment (`/openai/deployments/{deployment}/chat/completions?api-version=`).
 *
 * @example
 * const generator = new AzureOpenAIChatGenerator({ azureEndpoint: '/api/azure', azureDeployment: 'gpt-4o-mini' });
 */
export class AzureOpenAIChatGenerator extends ChatCompletionsGenerator {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.generators.chat.azure.AzureOpenAIChatGenerator'] as const;
  /** The resource endpoint (or proxy URL). */
  readonly azureEndpoint: string | undefined;
  /** The REST API version. */
  readonly apiVersion: string;
  /** The deployment name. */
  readonly azureDeployment: string;
  /** The `api-key` secret. */
  readonly apiKey: Secret;
  /** The Entra ID token secret. */
  readonly azureAdToken: Secret;
  /** The Entra ID token provider. */
  readonly azureAdTokenProvider: AzureAdTokenProvider | undefined;
  /** The organization header. */
  readonly organization: string | undefined;

  constructor(options: AzureOpenAIChatGeneratorOptions = {}) {
    super(options);
    this.azureEndpoint = options.azureEndpoint ?? readEnv('AZURE_OPENAI_ENDPOINT');
    this.apiVersion = options.apiVersion ?? '2023-05-15';
    this.azureDeployment = options.azureDeployment ?? 'gpt-4o-mini';
    this.apiKey = options.apiKey ?? Secret.fromEnvVar('AZURE_OPENAI_API_KEY', { strict: false });
    this.azureAdToken = options.azureAdToken ?? Secret.fromEnvVar('AZURE_OPENAI_AD_TOKEN', { strict: false });
    this.azureAdTokenProvider = options.azureAdTokenProvider;
    this.organization = options.organization;
  }

  // The key when one is set, else the Entra ID token (Haystack's order).
  #credential(): Secret {
    return safeResolve(this.apiKey) === undefined && safeResolve(this.azureAdToken) !== undefined
      ? this.azureAdToken
      : this.apiKey;
  }

  protected settings(): ChatCompletionsSettings {
    if (this.azureEndpoint === undefined) {
      throw new ConfigError(
        'AzureOpenAIChatGenerator needs an endpoint: pass azureEndpoint (hayloft\'s proxy URL in a browser) or set AZURE_OPENAI_ENDPOINT on the server.',
      );
    }
    return {
      provider: 'Azure OpenAI',
      generatorName: 'AzureOpenAIChatGenerator',
      model: this.azureDeployment,
      baseUrl: resolveBaseUrl(this.azureEndpoint),
      providerHosts: this.azureAdTokenProvider ? [] : azureHosts,
      apiKey: this.#credential(),
    };
  }

  protected createClient(sdk: OpenAISdk, common: CommonClientOptions): OpenAIClient {
    const { apiKey, defaultHeaders, ...rest } = common;
    const endpoint = this.settings().baseUrl;
    const usesAdToken = apiKey !== undefined && this.#credential() === this.azureAdToken;
    const base = { ...rest, endpoint, deployment: this.azureDeployment, apiVersion: this.apiVersion, organization: this.organization ?? null };
    if (this.azureAdTokenProvider) {
      return new sdk.AzureOpenAI({ ...base, azureADTokenProvider: this.azureAdTokenProvider, defaultHeaders });
    }
    if (usesAdToken) {
      const token = apiKey;
      return new sdk.AzureOpenAI({ ...base, azureADTokenProvider: () => Promise.resolve(token), defaultHeaders });
    }
    return new sdk.AzureOpenAI({
      ...base,
      apiKey: apiKey ?? 'hayloft-no-key',
      defaultHeaders: apiKey === undefined ? { ...defaultHeaders, 'api-key': null } : defaultHeaders,
    });
  }

  /** Haystack's `{ type, init_parameters }`. */
  toDict(): ComponentDict {
    const common = this.commonInitParameters();
    return defaultToDict(AzureOpenAIChatGenerator.typeNames[0], {
      azure_endpoint: this.azureEndpoint ?? null,
      azure_deployment: this.azureDeployment,
      organization: this.organization ?? null,
      api_version: this.apiVersion,
      streaming_callback: common.streaming_callback,
      generation_kwargs: common.generation_kwargs,
      timeout: common.timeout,
      max_retries: common.max_retries,
      api_key: secretToDict(this.apiKey),
      azure_ad_token: secretToDict(this.azureAdToken),
      default_headers: { ...this.options.defaultHeaders },
      tools: common.tools,
      tools_strict: common.tools_strict,
      azure_ad_token_provider: null,
      http_client_kwargs: null,
    });
  }

  /** Reads Haystack's dict; tool implementations, a callback and a token provider come through `options`. */
  static fromDict(
    dict: ComponentDict,
    options: GeneratorFromDictOptions & { azureAdTokenProvider?: AzureAdTokenProvider } = {},
  ): AzureOpenAIChatGenerator {
    const init = readComponentDict(dict, AzureOpenAIChatGenerator.typeNames, 'AzureOpenAIChatGenerator');
    const read = initReader(init, 'AzureOpenAIChatGenerator');
    return new AzureOpenAIChatGenerator({
      azureEndpoint: read.string('azure_endpoint'),
      azureDeployment: read.string('azure_deployment'),
      organization: read.string('organization'),
      apiVersion: read.string('api_version'),
      generationKwargs: read.record('generation_kwargs'),
      timeout: read.number('timeout'),
      maxRetries: read.number('max_retries'),
      apiKey: read.secret('api_key'),
      azureAdToken: read.secret('azure_ad_token'),
      defaultHeaders: read.record('default_headers') as Record<string, string> | undefined,
      tools: deserializeTools(init.tools, options),
      toolsStrict: read.boolean('tools_strict'),
      azureAdTokenProvider: options.azureAdTokenProvider,
      streamingCallback: options.streamingCallback,
    });
  }
}

const safeResolve = (secret: Secret): string | undefined => {
  try {
    return secret.resolve();
  } catch {
    return undefined;
  }
};
