import {
  ConfigError,
  defaultToDict,
  readComponentDict,
  textGeneratorSockets,
  type ComponentDict,
  type ComponentSockets,
  type GenerationKwargs,
  type InvokeOptions,
  type StreamingCallback,
  type TextGeneratorInputs,
  type TextGeneratorResult,
  type TextGeneratorRunOptions,
} from '../core/index.js';
import { initReader } from '../core/read-init.js';
import { textRunOptionsFromInputs } from '../core/text-generation.js';
import { LocalModel, pipelineKwargsToDict, readPipelineKwargs, splitGenerationKwargs, type LocalModelOptions } from './local-model.js';

/** Options of {@link HuggingFaceLocalGenerator}. */
export interface HuggingFaceLocalGeneratorOptions extends LocalModelOptions {
  /** transformers.js generation options; `max_new_tokens` defaults to 512. */
  generationKwargs?: GenerationKwargs | undefined;
  /** Generation stops at any of these; the word is not part of the reply. */
  stopWords?: readonly string[] | undefined;
  /** Called with each chunk; when set, `run` streams. */
  streamingCallback?: StreamingCallback | undefined;
}

const typeName = 'haystack.components.generators.hugging_face_local.HuggingFaceLocalGenerator';

/**
 * Text in, text out, from a model on the user's device: the prompt goes to the model as it is,
 * without a chat template (as Haystack's `HuggingFaceLocalGenerator`).
 *
 * @example
 * const generator = new HuggingFaceLocalGenerator('Xenova/gpt2', { generationKwargs: { max_new_tokens: 40 } });
 * const { replies } = await generator.run('Once upon a time');
 */
export class HuggingFaceLocalGenerator extends LocalModel {
  /** Haystack's type name. */
  static readonly typeNames = [typeName] as const;
  /** Pipeline sockets: `prompt` in, `replies` and `meta` out. */
  readonly sockets: ComponentSockets = textGeneratorSockets;
  /** Generation options with `max_new_tokens`, as Haystack keeps them. */
  readonly generationKwargs: GenerationKwargs;
  /** Generation stops at any of these. */
  readonly stopWords: readonly string[];
  readonly streamingCallback: StreamingCallback | undefined;

  constructor(model: string, options: HuggingFaceLocalGeneratorOptions = {}) {
    super(model, options, 'HuggingFaceLocalGenerator');
    const kwargs: Record<string, unknown> = { ...options.generationKwargs };
    kwargs.max_new_tokens ??= 512;
    // Haystack's text generator keeps stop words apart from the generation kwargs (`stop_words`).
    this.stopWords = [...(options.stopWords ?? [])];
    splitGenerationKwargs({ ...kwargs, stop_words: this.stopWords }, 'HuggingFaceLocalGenerator');
    this.generationKwargs = kwargs;
    this.streamingCallback = options.streamingCallback;
  }

  /** Generates a continuation of the prompt (a system prompt is not supported by raw prompts and is refused). */
  async run(prompt: string, options: TextGeneratorRunOptions = {}): Promise<TextGeneratorResult> {
    if (options.systemPrompt !== undefined) {
      throw new ConfigError('HuggingFaceLocalGenerator sends the prompt as it is: put instructions in the prompt, or use HuggingFaceLocalChatGenerator.');
    }
    if (prompt === '') return { replies: [], meta: [] };
    const { generation, stopWords } = splitGenerationKwargs(
      { ...this.generationKwargs, ...options.generationKwargs, stop_words: this.stopWords },
      'HuggingFaceLocalGenerator',
    );
    const reply = await this.runner.generate({
      input: { prompt },
      generationKwargs: generation,
      stopWords,
      tools: [],
      toolParser: undefined,
      defaultParser: false,
      chatTemplate: undefined,
      templateKwargs: {},
      signal: options.signal,
      onChunk: options.streamingCallback ?? this.streamingCallback,
      toTemplate: () => undefined,
    });
    return { replies: [reply.text ?? ''], meta: [{ ...reply.meta }] };
  }

  /** Pipeline entry. */
  invoke(inputs: TextGeneratorInputs, options: InvokeOptions = {}): Promise<TextGeneratorResult> {
    return this.run(inputs.prompt, textRunOptionsFromInputs(inputs, options));
  }

  /** Haystack's `{ type, init_parameters }`. */
  toDict(): ComponentDict {
    return defaultToDict(typeName, {
      huggingface_pipeline_kwargs: pipelineKwargsToDict(this),
      generation_kwargs: { ...this.generationKwargs },
      stop_words: this.stopWords.length > 0 ? [...this.stopWords] : null,
      streaming_callback: null,
      token: null,
    });
  }

  /** Reads Haystack's dict. */
  static fromDict(dict: ComponentDict, options: { streamingCallback?: StreamingCallback } & Pick<HuggingFaceLocalGeneratorOptions, 'env' | 'worker'> = {}): HuggingFaceLocalGenerator {
    const init = readComponentDict(dict, [typeName], 'HuggingFaceLocalGenerator');
    const read = initReader(init, 'HuggingFaceLocalGenerator');
    const { model, options: loadOptions } = readPipelineKwargs(read, 'HuggingFaceLocalGenerator');
    return new HuggingFaceLocalGenerator(model, {
      ...loadOptions,
      generationKwargs: read.record('generation_kwargs'),
      stopWords: read.stringList('stop_words'),
      streamingCallback: options.streamingCallback,
      env: options.env,
      worker: options.worker,
    });
  }
}
