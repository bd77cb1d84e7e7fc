import {
  ConfigError,
  defaultToDict,
  readComponentDict,
  textGeneratorSockets,
  type ComponentDict,
  type ComponentSockets,
  type GenerationKwargs,
  type InvokeOptions,
  type LoadableModel,
  type StreamingCallback,
  type TextGeneratorInputs,
  type TextGeneratorResult,
  type TextGeneratorRunOptions,
  type WarmUpOptions,
} from '../core/index.js';
import { initReader } from '../core/read-init.js';
import { pipelineKwargsToDict, splitGenerationKwargs } from './hugging-face-local-chat-generator.js';
import { LocalRunner, type WorkerOption } from './local-runner.js';
import type { DeviceChoice, DevicePreference, LocalModelEnv, LocalTask } from './protocol.js';

/** Options of {@link HuggingFaceLocalGenerator}. */
export interface HuggingFaceLocalGeneratorOptions {
  /** `text-generation` (the default) or `text2text-generation` (encoder-decoder models such as T5). */
  task?: LocalTask | undefined;
  device?: DevicePreference | undefined;
  dtype?: string | undefined;
  /** transformers.js generation options; `max_new_tokens` defaults to 512. */
  generationKwargs?: GenerationKwargs | undefined;
  stopWords?: readonly string[] | undefined;
  streamingCallback?: StreamingCallback | undefined;
  huggingfacePipelineKwargs?: Readonly<Record<string, unknown>> | undefined;
  worker?: WorkerOption | undefined;
  env?: LocalModelEnv | undefined;
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
export class HuggingFaceLocalGenerator implements LoadableModel {
  /** Haystack's type name. */
  static readonly typeNames = [typeName] as const;
  /** Marks a generator whose model loads before it answers. */
  readonly loadsModel = true as const;
  /** Pipeline sockets: `prompt` in, `replies` and `meta` out. */
  readonly sockets: ComponentSockets = textGeneratorSockets;
  readonly model: string;
  readonly task: LocalTask;
  readonly devicePreference: DevicePreference;
  readonly dtype: string | undefined;
  /** Generation options with `max_new_tokens`, as Haystack keeps them. */
  readonly generationKwargs: GenerationKwargs;
  /** Generation stops at any of these. */
  readonly stopWords: readonly string[];
  readonly streamingCallback: StreamingCallback | undefined;
  readonly huggingfacePipelineKwargs: Readonly<Record<string, unknown>>;
  readonly #runner: LocalRunner;

  constructor(model: string, options: HuggingFaceLocalGeneratorOptions = {}) {
    if (typeof model !== 'string' || model.trim() === '') throw new ConfigError('HuggingFaceLocalGenerator needs a model id.');
    this.model = model;
    this.task = options.task ?? 'text-generation';
    if (this.task !== 'text-generation' && this.task !== 'text2text-generation') {
      throw new ConfigError(`Task '${this.task as string}' is not supported. The supported tasks are: text-generation, text2text-generation.`);
    }
    this.devicePreference = options.device ?? 'auto';
    if (!['auto', 'webgpu', 'wasm'].includes(this.devicePreference)) {
      throw new ConfigError(`device must be 'auto', 'webgpu' or 'wasm', got '${this.devicePreference as string}'.`);
    }
    this.dtype = options.dtype;
    const kwargs: Record<string, unknown> = { ...options.generationKwargs };
    kwargs.max_new_tokens ??= 512;
    // Haystack's text generator keeps stop words apart from the generation kwargs (`stop_words`).
    this.stopWords = [...(options.stopWords ?? [])];
    splitGenerationKwargs({ ...kwargs, stop_words: this.stopWords }, 'HuggingFaceLocalGenerator');
    this.generationKwargs = kwargs;
    this.streamingCallback = options.streamingCallback;
    this.huggingfacePipelineKwargs = { ...options.huggingfacePipelineKwargs };
    this.#runner = new LocalRunner(
      { model, task: this.task, device: this.devicePreference, dtype: this.dtype, pipelineKwargs: this.huggingfacePipelineKwargs, env: options.env },
      options.worker,
    );
  }

  /** What the model runs on and why; undefined until loaded. */
  get device(): DeviceChoice | undefined {
    return this.#runner.device;
  }

  /** Loads the model, reporting progress (see `HuggingFaceLocalChatGenerator.warmUp`). */
  warmUp(options?: WarmUpOptions): Promise<void> {
    return this.#runner.warmUp(options);
  }

  /** Whether every file of the model is in the cache. */
  isCached(): Promise<boolean> {
    return this.#runner.isCached();
  }

  /** Removes the model's files from the cache. */
  clearCache(): Promise<number> {
    return this.#runner.clearCache();
  }

  /** Ends the model's Worker. */
  dispose(): void {
    this.#runner.dispose();
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
    const reply = await this.#runner.generate({
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
    return this.run(inputs.prompt, {
      systemPrompt: inputs.system_prompt,
      streamingCallback: inputs.streaming_callback,
      generationKwargs: inputs.generation_kwargs,
      signal: options.signal,
    });
  }

  /** Haystack's `{ type, init_parameters }`. */
  toDict(): ComponentDict {
    return defaultToDict(typeName, {
      huggingface_pipeline_kwargs: pipelineKwargsToDict(this.huggingfacePipelineKwargs, this.model, this.task, this.devicePreference, this.dtype),
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
    const { model: pipelineModel, task, device, dtype, token: _token, ...pipelineKwargs } = read.record('huggingface_pipeline_kwargs') ?? {};
    const model = typeof pipelineModel === 'string' ? pipelineModel : read.string('model');
    if (model === undefined) throw new ConfigError("HuggingFaceLocalGenerator.fromDict needs 'huggingface_pipeline_kwargs.model' (or 'model').");
    return new HuggingFaceLocalGenerator(model, {
      task: ((typeof task === 'string' ? task : undefined) ?? read.string('task')) as LocalTask | undefined,
      device: device === 'webgpu' || device === 'wasm' ? device : 'auto',
      dtype: typeof dtype === 'string' ? dtype : undefined,
      generationKwargs: read.record('generation_kwargs'),
      stopWords: read.stringList('stop_words'),
      huggingfacePipelineKwargs: pipelineKwargs,
      streamingCallback: options.streamingCallback,
      env: options.env,
      worker: options.worker,
    });
  }
}
