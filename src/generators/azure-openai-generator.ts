import { defaultToDict, readComponentDict, type ComponentDict, type InvokeOptions } from '../core/index.js';
import { AzureOpenAIChatGenerator, type AzureAdTokenProvider, type AzureOpenAIChatGeneratorOptions } from './azure-openai-chat-generator.js';
import type { GeneratorFromDictOptions } from '../core/generator-component.js';
import { initReader, secretToDict } from '../core/read-init.js';
import {
  generateText,
  textGeneratorSockets,
  type TextGeneratorInputs,
  type TextGeneratorResult,
  type TextGeneratorRunOptions,
  textRunOptionsFromInputs,
} from '../core/text-generation.js';

/** Options of {@link AzureOpenAIGenerator}. */
export interface AzureOpenAIGeneratorOptions extends Omit<AzureOpenAIChatGeneratorOptions, 'tools' | 'toolsStrict'> {
  /** Sent as a system message before every prompt. */
  systemPrompt?: string | undefined;
}

/**
 * Text in, text out, through an Azure OpenAI deployment (Haystack 2's `AzureOpenAIGenerator`).
 *
 * @example
 * const { replies } = await new AzureOpenAIGenerator({ azureEndpoint: '/api/azure' }).run('Say hi.');
 */
export class AzureOpenAIGenerator {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.generators.azure.AzureOpenAIGenerator'] as const;
  /** Pipeline sockets. */
  readonly sockets = textGeneratorSockets;
  /** The system prompt. */
  readonly systemPrompt: string | undefined;
  /** The chat generator doing the work. */
  readonly chat: AzureOpenAIChatGenerator;

  constructor(options: AzureOpenAIGeneratorOptions = {}) {
    this.systemPrompt = options.systemPrompt;
    this.chat = new AzureOpenAIChatGenerator(options);
  }

  /** Generates replies to a prompt. */
  run(prompt: string, options: TextGeneratorRunOptions = {}): Promise<TextGeneratorResult> {
    return generateText(this.chat, prompt, this.systemPrompt, options);
  }

  /** Pipeline entry. */
  invoke(inputs: TextGeneratorInputs, options: InvokeOptions = {}): Promise<TextGeneratorResult> {
    return this.run(inputs.prompt, textRunOptionsFromInputs(inputs, options));
  }

  /** Loads the client ahead of the first call. */
  warmUp(): Promise<void> {
    return this.chat.warmUp();
  }

  /** Haystack's `{ type, init_parameters }`. */
  toDict(): ComponentDict {
    const chat = this.chat;
    return defaultToDict(AzureOpenAIGenerator.typeNames[0], {
      azure_endpoint: chat.azureEndpoint ?? null,
      azure_deployment: chat.azureDeployment,
      organization: chat.organization ?? null,
      api_version: chat.apiVersion,
      streaming_callback: null,
      generation_kwargs: { ...chat.generationKwargs },
      system_prompt: this.systemPrompt ?? null,
      api_key: secretToDict(chat.apiKey),
      azure_ad_token: secretToDict(chat.azureAdToken),
      timeout: chat.timeout ?? null,
      max_retries: chat.maxRetries ?? null,
      http_client_kwargs: null,
      default_headers: chat.toDict().init_parameters.default_headers,
      azure_ad_token_provider: null,
    });
  }

  /** Reads Haystack's dict. */
  static fromDict(
    dict: ComponentDict,
    options: Pick<GeneratorFromDictOptions, 'streamingCallback'> & { azureAdTokenProvider?: AzureAdTokenProvider } = {},
  ): AzureOpenAIGenerator {
    const init = readComponentDict(dict, AzureOpenAIGenerator.typeNames, 'AzureOpenAIGenerator');
    const read = initReader(init, 'AzureOpenAIGenerator');
    return new AzureOpenAIGenerator({
      azureEndpoint: read.string('azure_endpoint'),
      azureDeployment: read.string('azure_deployment'),
      organization: read.string('organization'),
      apiVersion: read.string('api_version'),
      generationKwargs: read.record('generation_kwargs'),
      systemPrompt: read.string('system_prompt'),
      apiKey: read.secret('api_key'),
      azureAdToken: read.secret('azure_ad_token'),
      timeout: read.number('timeout'),
      maxRetries: read.number('max_retries'),
      defaultHeaders: read.record('default_headers') as Record<string, string> | undefined,
      azureAdTokenProvider: options.azureAdTokenProvider,
      streamingCallback: options.streamingCallback,
    });
  }
}
