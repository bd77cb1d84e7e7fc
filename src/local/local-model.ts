/**
 * What the two local generators share: their load settings, checked once, the runner that loads and
 * runs the model, and the Haystack dict pieces (`huggingface_pipeline_kwargs`, generation kwargs).
 */
import { ConfigError, type LoadableModel, type WarmUpOptions } from '../core/index.js';
import type { initReader } from '../core/read-init.js';
import { LocalRunner, type WorkerOption } from './local-runner.js';
import type { DeviceChoice, DevicePreference, LocalModelEnv, LocalTask } from './protocol.js';

/** The load settings both local generators take. */
export interface LocalModelOptions {
  /** `text-generation` (decoder models, the default) or `text2text-generation` (encoder-decoder). */
  task?: LocalTask | undefined;
  /** `auto` (default): WebGPU when the browser has an adapter, else WASM. Node always runs on the CPU. */
  device?: DevicePreference | undefined;
  /** Weights to load: `q4`, `q4f16`, `q8`, `fp16`, `fp32`, ...; default: the model's own choice. f16 types fall back when the GPU lacks `shader-f16`. */
  dtype?: string | undefined;
  /** Passed to transformers.js's `pipeline()` (`revision`, `session_options`, `model_file_name`, ...). */
  huggingfacePipelineKwargs?: Readonly<Record<string, unknown>> | undefined;
  /** `true` runs the model in a module Worker (the browser default), `false` in-process (the Node default), or a function that makes your Worker. */
  worker?: WorkerOption | undefined;
  /** transformers.js settings: where models and runtime files come from, caching. */
  env?: LocalModelEnv | undefined;
}

const tasks: readonly LocalTask[] = ['text-generation', 'text2text-generation'];
const devices: readonly DevicePreference[] = ['auto', 'webgpu', 'wasm'];

/** The model, its settings and the runner of a local generator; the generators add how they prompt. */
export abstract class LocalModel implements LoadableModel {
  /** Marks a generator whose model loads before it answers (what `useLocalModel` and `<Chat>` look for). */
  readonly loadsModel = true as const;
  /** The model id (a hub repo, or a folder under `env.localModelPath`). */
  readonly model: string;
  /** The transformers.js task. */
  readonly task: LocalTask;
  /** The device asked for. */
  readonly devicePreference: DevicePreference;
  /** The weights asked for; undefined leaves it to the model. */
  readonly dtype: string | undefined;
  /** Options for transformers.js's `pipeline()`. */
  readonly huggingfacePipelineKwargs: Readonly<Record<string, unknown>>;
  /** Loads and runs the model (in a Worker or in-process); for the generators built on this class. */
  protected readonly runner: LocalRunner;

  protected constructor(model: string, options: LocalModelOptions, className: string) {
    if (typeof model !== 'string' || model.trim() === '') throw new ConfigError(`${className} needs a model id.`);
    this.model = model;
    this.task = options.task ?? 'text-generation';
    if (!tasks.includes(this.task)) {
      throw new ConfigError(`Task '${this.task as string}' is not supported. The supported tasks are: ${tasks.join(', ')}.`);
    }
    this.devicePreference = options.device ?? 'auto';
    if (!devices.includes(this.devicePreference)) {
      throw new ConfigError(`device must be 'auto', 'webgpu' or 'wasm', got '${this.devicePreference as string}'.`);
    }
    this.dtype = options.dtype;
    this.huggingfacePipelineKwargs = { ...options.huggingfacePipelineKwargs };
    this.runner = new LocalRunner(
      { model, task: this.task, device: this.devicePreference, dtype: this.dtype, pipelineKwargs: this.huggingfacePipelineKwargs, env: options.env },
      options.worker,
    );
  }

  /** What the model runs on and why; undefined until the model is loaded. */
  get device(): DeviceChoice | undefined {
    return this.runner.device;
  }

  /**
   * Downloads (or reads from the cache) and loads the model. `onProgress` receives transformers.js's
   * events unchanged with an aggregate that never goes backwards and ends at 100%. A second call
   * reports a finished, cached load at once.
   */
  warmUp(options?: WarmUpOptions): Promise<void> {
    return this.runner.warmUp(options);
  }

  /** Whether every file of the model is already in the cache (no download needed). */
  isCached(): Promise<boolean> {
    return this.runner.isCached();
  }

  /** Removes the model's files from the cache; resolves to how many files were removed. */
  clearCache(): Promise<number> {
    return this.runner.clearCache();
  }

  /** Ends the model's Worker and frees its memory; the next call loads it again. */
  dispose(): void {
    this.runner.dispose();
  }
}

/**
 * `huggingface_pipeline_kwargs` as Haystack writes them. `device` is written only when it is a
 * browser choice (`webgpu`, `wasm`) or was read from a dict (written back as it was): `auto` stays
 * out, so a Python Haystack reading the dict picks its own device.
 */
export const pipelineKwargsToDict = (model: LocalModel, dictDevice?: string): Record<string, unknown> => ({
  ...model.huggingfacePipelineKwargs,
  model: model.model,
  task: model.task,
  ...(dictDevice !== undefined ? { device: dictDevice } : model.devicePreference === 'auto' ? {} : { device: model.devicePreference }),
  ...(model.dtype === undefined ? {} : { dtype: model.dtype }),
});

/**
 * The model and load settings in a Haystack dict: `huggingface_pipeline_kwargs.model` (or a top-level
 * `model`), its `task`, `device` (a Python device such as `cuda:0` reads as `auto`) and `dtype`; the
 * rest of the kwargs pass on to `pipeline()`, the token never.
 */
export const readPipelineKwargs = (
  read: ReturnType<typeof initReader>,
  className: string,
): { model: string; options: Pick<LocalModelOptions, 'task' | 'device' | 'dtype' | 'huggingfacePipelineKwargs'>; dictDevice: string | undefined } => {
  const { model: pipelineModel, task, device, dtype, token: _token, ...pipelineKwargs } = read.record('huggingface_pipeline_kwargs') ?? {};
  const model = typeof pipelineModel === 'string' ? pipelineModel : read.string('model');
  if (model === undefined) throw new ConfigError(`${className}.fromDict needs 'huggingface_pipeline_kwargs.model' (or 'model').`);
  return {
    model,
    options: {
      task: ((typeof task === 'string' ? task : undefined) ?? read.string('task')) as LocalTask | undefined,
      device: device === 'webgpu' || device === 'wasm' ? device : 'auto',
      dtype: typeof dtype === 'string' ? dtype : undefined,
      huggingfacePipelineKwargs: pipelineKwargs,
    },
    dictDevice: typeof device === 'string' ? device : undefined,
  };
};

// Ours, not transformers.js's: they never reach `generate()`.
const ownKwargs = new Set(['stop_sequences', 'stop_words', 'return_full_text', 'num_return_sequences', 'stopping_criteria', 'streamer']);

/** Splits Haystack's generation kwargs into transformers.js's and the stop words, checking both. */
export const splitGenerationKwargs = (
  kwargs: Readonly<Record<string, unknown>>,
  className: string,
): { generation: Record<string, unknown>; stopWords: string[] } => {
  const generation: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(kwargs)) if (!ownKwargs.has(key)) generation[key] = value;
  const returns = kwargs.num_return_sequences;
  if (returns !== undefined && returns !== 1) {
    throw new ConfigError(`${className} generates one reply per call: num_return_sequences must be 1, got ${JSON.stringify(returns)}.`);
  }
  const words = [kwargs.stop_sequences, kwargs.stop_words].flatMap((value) => (Array.isArray(value) ? (value as unknown[]) : []));
  if (words.some((word) => typeof word !== 'string' || word === '')) {
    throw new ConfigError(`${className}: stop words must be non-empty strings.`);
  }
  const maxNewTokens = generation.max_new_tokens;
  if (typeof maxNewTokens !== 'number' || !Number.isInteger(maxNewTokens) || maxNewTokens < 1) {
    throw new ConfigError(`${className}: max_new_tokens must be a whole number of at least 1, got ${String(maxNewTokens)}.`);
  }
  return { generation, stopWords: [...new Set(words as string[])] };
};
