import { defaultToDict, readComponentDict, type ComponentDict, type InvokeOptions } from '../core/index.js';
import type { GeneratorFromDictOptions } from '../core/generator-component.js';
import {
  HuggingFaceAPIChatGenerator,
  type HFApiParams,
  type HFGenerationAPIType,
  type HuggingFaceAPIChatGeneratorOptions,
} from './hugging-face-api-chat-generator.js';
import { initReader, secretToDict } from '../core/read-init.js';
import {
  generateText,
  textGeneratorSockets,
  type TextGeneratorInputs,
  type TextGeneratorResult,
  type TextGeneratorRunOptions,
  textRunOptionsFromInputs,
} from '../core/text-generation.js';

/** Options of {@link HuggingFaceAPIGenerator}: Haystack's text-generation kwargs (`max_new_tokens`, `stop_sequences`). */
export type HuggingFaceAPIGeneratorOptions = Omit<HuggingFaceAPIChatGeneratorOptions, 'tools' | 'toolsStrict'>;

// Haystack's text generator speaks TGI's text-generation parameters; the Messages API names them differently.
const toChatKwargs = (kwargs: Record<string, unknown>): Record<string, unknown> => {
  const { max_new_tokens: maxNewTokens, stop_sequences: stopSequences, ...rest } = kwargs;
  return {
    ...rest,
    ...(maxNewTokens === undefined ? {} : { max_tokens: maxNewTokens }),
    ...(stopSequences === undefined ? {} : { stop: stopSequences }),
  };
};

/**
 * Text in, text out, from Hugging Face (router, Inference Endpoints or TGI). Haystack's version calls
 * TGI's `/generate`; hayloft uses the Messages API of the same servers, which the router also offers.
 *
 * @example
 * const generator = new HuggingFaceAPIGenerator({ apiType: 'text_generation_inference', apiParams: { url: 'http://localhost:8080' } });
 */
export class HuggingFaceAPIGenerator {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.generators.hugging_face_api.HuggingFaceAPIGenerator'] as const;
  /** Pipeline sockets. */
  readonly sockets = textGeneratorSockets;
  /** Haystack's generation kwargs (`max_new_tokens`, `stop_sequences`, ...). */
  readonly generationKwargs: Readonly<Record<string, unknown>>;
  /** The chat generator doing the work. */
  readonly chat: HuggingFaceAPIChatGenerator;

  constructor(options: HuggingFaceAPIGeneratorOptions) {
    const kwargs: Record<string, unknown> = { ...options.generationKwargs };
    const stop = Array.isArray(kwargs.stop_sequences) ? (kwargs.stop_sequences as string[]) : [];
    kwargs.stop_sequences = [...stop, ...(options.stopWords ?? [])];
    kwargs.max_new_tokens ??= 512;
    this.generationKwargs = kwargs;
    this.chat = new HuggingFaceAPIChatGenerator({ ...options, stopWords: undefined, generationKwargs: toChatKwargs(kwargs) });
  }

  /** Generates replies to a prompt. */
  run(prompt: string, options: TextGeneratorRunOptions = {}): Promise<TextGeneratorResult> {
    const generationKwargs = options.generationKwargs ? toChatKwargs({ ...options.generationKwargs }) : undefined;
    return generateText(this.chat, prompt, undefined, { ...options, generationKwargs });
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
    return defaultToDict(HuggingFaceAPIGenerator.typeNames[0], {
      api_type: this.chat.apiType,
      api_params: { ...this.chat.apiParams },
      token: secretToDict(this.chat.token),
      generation_kwargs: { ...this.generationKwargs },
      streaming_callback: null,
    });
  }

  /** Reads Haystack's dict. */
  static fromDict(dict: ComponentDict, options: Pick<GeneratorFromDictOptions, 'streamingCallback'> = {}): HuggingFaceAPIGenerator {
    const init = readComponentDict(dict, HuggingFaceAPIGenerator.typeNames, 'HuggingFaceAPIGenerator');
    const read = initReader(init, 'HuggingFaceAPIGenerator');
    return new HuggingFaceAPIGenerator({
      apiType: (read.string('api_type') ?? '') as HFGenerationAPIType,
      apiParams: (read.record('api_params') ?? {}) as HFApiParams,
      token: read.secret('token'),
      generationKwargs: read.record('generation_kwargs'),
      streamingCallback: options.streamingCallback,
    });
  }
}
