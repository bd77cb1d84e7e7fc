import { defaultToDict, readComponentDict, type ComponentDict, type InvokeOptions } from '../core/index.js';
import type { GeneratorFromDictOptions } from '../core/generator-component.js';
import { OpenAIChatGenerator, type OpenAIChatGeneratorOptions } from './openai-chat-generator.js';
import { initReader, secretToDict } from '../core/read-init.js';
import {
  generateText,
  textGeneratorSockets,
  type TextGeneratorInputs,
  type TextGeneratorResult,
  type TextGeneratorRunOptions,
  textRunOptionsFromInputs,
} from '../core/text-generation.js';

/** Options of {@link OpenAIGenerator}. */
export interface OpenAIGeneratorOptions extends Omit<OpenAIChatGeneratorOptions, 'tools' | 'toolsStrict'> {
  /** Sent as a system message before every prompt. */
  systemPrompt?: string | undefined;
}

/**
 * Text in, text out, through OpenAI chat completions (Haystack 2's `OpenAIGenerator`).
 *
 * @example
 * const { replies } = await new OpenAIGenerator({ apiBaseUrl: '/api/openai/v1' }).run('Summarise BM25 in one line.');
 */
export class OpenAIGenerator {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.generators.openai.OpenAIGenerator'] as const;
  /** Pipeline sockets: `prompt` in, `replies` and `meta` out. */
  readonly sockets = textGeneratorSockets;
  /** The system prompt. */
  readonly systemPrompt: string | undefined;
  /** The chat generator doing the work. */
  readonly chat: OpenAIChatGenerator;

  constructor(options: OpenAIGeneratorOptions = {}) {
    this.systemPrompt = options.systemPrompt;
    this.chat = new OpenAIChatGenerator(options);
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
    return defaultToDict(OpenAIGenerator.typeNames[0], {
      model: this.chat.model,
      streaming_callback: null,
      api_base_url: this.chat.apiBaseUrl ?? null,
      organization: this.chat.organization ?? null,
      generation_kwargs: { ...this.chat.generationKwargs },
      system_prompt: this.systemPrompt ?? null,
      api_key: secretToDict(this.chat.apiKey),
      http_client_kwargs: null,
    });
  }

  /** Reads Haystack's dict. */
  static fromDict(dict: ComponentDict, options: Pick<GeneratorFromDictOptions, 'streamingCallback'> = {}): OpenAIGenerator {
    const init = readComponentDict(dict, OpenAIGenerator.typeNames, 'OpenAIGenerator');
    const read = initReader(init, 'OpenAIGenerator');
    return new OpenAIGenerator({
      model: read.string('model'),
      apiBaseUrl: read.string('api_base_url'),
      organization: read.string('organization'),
      generationKwargs: read.record('generation_kwargs'),
      systemPrompt: read.string('system_prompt'),
      apiKey: read.secret('api_key'),
      streamingCallback: options.streamingCallback,
    });
  }
}
