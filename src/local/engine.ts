/**
 * The code that runs transformers.js: in the module Worker in browsers, in-process in Node.
 * transformers.js is imported here only, and only dynamically, so no bundle that does not use
 * `hayloft/local` ever contains it.
 */
import type * as Transformers from '@huggingface/transformers';
import type { ModelProgressEvent } from '../core/model-progress.js';
import { chooseDevice, currentGpu, wasmAfterWebGpuFailed } from './device.js';
import type {
  DeviceChoice,
  EngineErrorData,
  GenerateRequest,
  GenerateResult,
  LoadRequest,
  LoadResult,
  LocalEngine,
  LocalModelEnv,
} from './protocol.js';
import { ReplyStreamer, type StreamingTokenizer } from './reply-streamer.js';

type TransformersModule = typeof Transformers;

let transformers: Promise<TransformersModule> | undefined;

/** Imports transformers.js once. */
const loadTransformers = (): Promise<TransformersModule> => {
  transformers ??= import('@huggingface/transformers').catch((error: unknown) => {
    transformers = undefined;
    throw new EngineError({
      kind: 'config',
      message: `hayloft/local needs the '@huggingface/transformers' package (npm install @huggingface/transformers): ${messageOf(error)}`,
    });
  });
  return transformers;
};

/** An error that crosses the Worker boundary as data. */
export class EngineError extends Error {
  readonly data: EngineErrorData;
  constructor(data: EngineErrorData, options?: { cause?: unknown }) {
    super(data.message, options);
    this.name = 'EngineError';
    this.data = data;
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The pieces of a loaded text-generation pipeline the engine uses. */
interface LoadedPipeline {
  readonly tokenizer: StreamingTokenizer & {
    apply_chat_template(messages: unknown, options: Record<string, unknown>): unknown;
    (text: string, options?: Record<string, unknown>): unknown;
  };
  readonly model: {
    generate(options: Record<string, unknown>): Promise<unknown>;
    readonly generation_config?: { eos_token_id?: number | number[] | null } | null;
    readonly config?: { eos_token_id?: number | number[] | null } | null;
  };
  dispose?(): Promise<void>;
}

interface Loaded {
  readonly pipeline: LoadedPipeline;
  readonly result: LoadResult;
}

const applyEnv = (env: TransformersModule['env'], settings: LocalModelEnv | undefined): void => {
  if (settings === undefined) return;
  if (settings.remoteHost !== undefined) env.remoteHost = settings.remoteHost;
  if (settings.remotePathTemplate !== undefined) env.remotePathTemplate = settings.remotePathTemplate;
  if (settings.allowRemoteModels !== undefined) env.allowRemoteModels = settings.allowRemoteModels;
  if (settings.allowLocalModels !== undefined) env.allowLocalModels = settings.allowLocalModels;
  if (settings.localModelPath !== undefined) env.localModelPath = settings.localModelPath;
  if (settings.useBrowserCache !== undefined) env.useBrowserCache = settings.useBrowserCache;
  if (settings.cacheKey !== undefined) env.cacheKey = settings.cacheKey;
  if (settings.cacheDir !== undefined) env.cacheDir = settings.cacheDir;
  if (settings.wasmPaths !== undefined) {
    const wasm = env.backends.onnx.wasm;
    if (wasm !== undefined) wasm.wasmPaths = settings.wasmPaths;
  }
};

/** Where transformers.js looks for a model, for error messages. */
const describeSources = (env: TransformersModule['env'], model: string): string => {
  const places: string[] = [];
  if (env.allowLocalModels) places.push(`${env.localModelPath.replace(/\/?$/, '/')}${model}`);
  if (env.allowRemoteModels) places.push(`${env.remoteHost.replace(/\/?$/, '/')}${env.remotePathTemplate.replace('{model}', model).replace('{revision}', 'main')}`);
  return places.length === 0 ? 'nowhere: both local and remote models are switched off' : places.join(' and ');
};

/** The device a load runs on: chosen here, or WASM after WebGPU failed in an earlier Worker. */
const deviceFor = async (request: LoadRequest): Promise<DeviceChoice> =>
  request.webgpuFailure === undefined
    ? chooseDevice(request.device, request.dtype, currentGpu())
    : wasmAfterWebGpuFailed({ device: 'webgpu', dtype: request.dtype ?? null, reason: '' }, new Error(request.webgpuFailure));

let envLock: Promise<unknown> = Promise.resolve();

/** Runs `work` when no other load, cache check or eviction of this module is between setting `env` and using it. */
const withEnvLock = <T>(work: () => Promise<T>): Promise<T> => {
  const run = envLock.then(work, work);
  envLock = run.catch(() => undefined);
  return run;
};

const loadKey = (request: LoadRequest): string =>
  JSON.stringify([request.model, request.task, request.device, request.dtype ?? null, request.pipelineKwargs ?? null, request.env ?? null, request.webgpuFailure ?? null]);

const eosIds = (pipeline: LoadedPipeline): bigint[] => {
  const value = pipeline.model.generation_config?.eos_token_id ?? pipeline.model.config?.eos_token_id ?? null;
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((id) => BigInt(id));
};

interface TokenizedInput {
  readonly input_ids: { readonly dims: readonly number[] };
}

/** Runs transformers.js where it is loaded; one instance per Worker (or per Node process). */
export class TransformersEngine implements LocalEngine {
  readonly #loads = new Map<string, Promise<Loaded>>();
  readonly #interrupts = new Set<() => void>();

  /** Loads a model (once per model and settings), reporting transformers.js's progress events. */
  async load(request: LoadRequest, onProgress: (event: ModelProgressEvent) => void): Promise<LoadResult> {
    const key = loadKey(request);
    let loading = this.#loads.get(key);
    if (loading === undefined) {
      loading = this.#load(request, onProgress);
      this.#loads.set(key, loading);
      loading.catch(() => this.#loads.delete(key));
    }
    return (await loading).result;
  }

  async #load(request: LoadRequest, onProgress: (event: ModelProgressEvent) => void): Promise<Loaded> {
    const tf = await loadTransformers();
    // transformers.js keeps its settings in one global `env`: loads with different settings take turns,
    // so one load's settings never leak into another's.
    return withEnvLock(async () => {
      applyEnv(tf.env, request.env);
      const choice = await deviceFor(request);
      try {
        const pipeline = (await tf.pipeline(request.task, request.model, {
          device: choice.device,
          ...(choice.dtype === null ? {} : { dtype: choice.dtype as Transformers.DataType }),
          progress_callback: (event: unknown) => onProgress(event as ModelProgressEvent),
          ...request.pipelineKwargs,
        })) as unknown as LoadedPipeline;
        return { pipeline, result: { device: choice } };
      } catch (error) {
        // A failed WebGPU start leaves onnxruntime-web's session queue rejected in this Worker: the
        // runner retries on WASM in a fresh one.
        if (choice.device === 'webgpu' && !isMissingFile(error) && !isNetworkFailure(error)) {
          throw new EngineError({ kind: 'webgpu-failed', model: request.model, message: messageOf(error) }, { cause: error });
        }
        throw new EngineError(
          {
            kind: 'model-load',
            model: request.model,
            message: isNetworkFailure(error)
              ? `Could not load the model '${request.model}': the model host could not be reached (${messageOf(error).replace(/\.$/, '')}; looked in ${describeSources(tf.env, request.model)}). Check the connection, or serve the model yourself (env.remoteHost).`
              : `Could not load the model '${request.model}' (looked in ${describeSources(tf.env, request.model)}): ${messageOf(error)}`,
          },
          { cause: error },
        );
      }
    });
  }

  /** Generates one reply, calling `onText` with each new piece of text. */
  async generate(load: LoadRequest, request: GenerateRequest, onText: (text: string) => void, signal?: AbortSignal): Promise<GenerateResult> {
    const tf = await loadTransformers();
    await this.load(load, () => undefined);
    const loaded = await this.#loads.get(loadKey(load));
    if (loaded === undefined) throw new EngineError({ kind: 'other', message: 'The model was unloaded during generation.' });
    const { tokenizer, model } = loaded.pipeline;

    const inputs = this.#tokenize(loaded.pipeline, request);
    const promptTokens = inputs.input_ids.dims.at(-1) ?? 0;
    const stopping = new tf.InterruptableStoppingCriteria();
    const interrupt = () => stopping.interrupt();
    const streamer = new ReplyStreamer(tokenizer, {
      onText,
      onStopWord: interrupt,
      stopWords: request.stopWords,
      eosTokenIds: eosIds(loaded.pipeline),
    });
    if (signal?.aborted) interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    this.#interrupts.add(interrupt);
    const startedAt = performance.now();
    try {
      await model.generate({
        ...inputs,
        ...request.generationKwargs,
        streamer,
        stopping_criteria: [stopping],
      });
    } catch (error) {
      // Text held back (a possible stop word, half a character) still reaches the caller.
      streamer.end();
      throw error;
    } finally {
      signal?.removeEventListener('abort', interrupt);
      this.#interrupts.delete(interrupt);
    }
    const durationMs = performance.now() - startedAt;
    const maxNewTokens = Number(request.generationKwargs.max_new_tokens ?? Infinity);
    const end = streamer.stoppedByWord
      ? 'stop_word'
      : streamer.sawEos
        ? 'eos'
        : stopping.interrupted
          ? 'interrupted'
          : streamer.tokens >= maxNewTokens
            ? 'length'
            : 'eos';
    return {
      text: streamer.text,
      end,
      promptTokens,
      completionTokens: streamer.tokens - (streamer.sawEos ? 1 : 0),
      timeToFirstTokenMs: streamer.firstTokenAt === null ? null : streamer.firstTokenAt - startedAt,
      durationMs,
    };
  }

  #tokenize(pipeline: LoadedPipeline, request: GenerateRequest): TokenizedInput & Record<string, unknown> {
    const { tokenizer } = pipeline;
    if (request.prompt !== undefined) return tokenizer(request.prompt) as TokenizedInput & Record<string, unknown>;
    try {
      return tokenizer.apply_chat_template(request.messages ?? [], {
        ...request.templateKwargs,
        ...(request.tools !== undefined && request.tools.length > 0 ? { tools: request.tools } : {}),
        ...(request.chatTemplate === undefined ? {} : { chat_template: request.chatTemplate }),
        add_generation_prompt: true,
        return_dict: true,
      }) as TokenizedInput & Record<string, unknown>;
    } catch (error) {
      throw new EngineError({ kind: 'config', message: `The chat template could not be applied: ${messageOf(error)}` }, { cause: error });
    }
  }

  /** Stops every generation in progress between two tokens. */
  interruptAll(): void {
    for (const interrupt of this.#interrupts) interrupt();
  }

  // The files of a pipeline depend on the device and dtype (q8 on WASM by default, fp32 on WebGPU, ...).
  async #fileOptions(request: LoadRequest, choice?: DeviceChoice): Promise<Record<string, unknown>> {
    const resolved = choice ?? (await deviceFor(request));
    const { revision, model_file_name: modelFileName, subfolder } = request.pipelineKwargs ?? {};
    return {
      device: resolved.device,
      ...(resolved.dtype === null ? {} : { dtype: resolved.dtype }),
      ...(revision === undefined ? {} : { revision }),
      ...(modelFileName === undefined ? {} : { model_file_name: modelFileName }),
      ...(subfolder === undefined ? {} : { subfolder }),
    };
  }

  async #isCached(tf: TransformersModule, request: LoadRequest, choice?: DeviceChoice): Promise<boolean> {
    return tf.ModelRegistry.is_pipeline_cached(request.task, request.model, (await this.#fileOptions(request, choice)));
  }

  /** Whether every file of the model is in the cache. */
  async isCached(request: LoadRequest): Promise<boolean> {
    const tf = await loadTransformers();
    return withEnvLock(async () => {
      applyEnv(tf.env, request.env);
      return this.#isCached(tf, request).catch(() => false);
    });
  }

  /** Removes the model's files from the cache (and frees the model); returns how many files were removed. */
  async clearCache(request: LoadRequest): Promise<number> {
    const tf = await loadTransformers();
    const key = loadKey(request);
    const loading = this.#loads.get(key);
    this.#loads.delete(key);
    await loading?.then((loaded) => loaded.pipeline.dispose?.()).catch(() => undefined);
    return withEnvLock(async () => {
      applyEnv(tf.env, request.env);
      const result = await tf.ModelRegistry.clear_pipeline_cache(request.task, request.model, (await this.#fileOptions(request)));
      return result.filesDeleted;
    });
  }

  /** Frees every loaded model. */
  dispose(): void {
    this.interruptAll();
    for (const loading of this.#loads.values()) {
      void loading.then((loaded) => loaded.pipeline.dispose?.()).catch(() => undefined);
    }
    this.#loads.clear();
  }
}

const isNetworkFailure = (error: unknown): boolean => /failed to fetch|fetch failed|networkerror|network error|ERR_[A-Z_]+|ECONNREFUSED|ENOTFOUND|EAI_AGAIN/i.test(messageOf(error));

const isMissingFile = (error: unknown): boolean => /not found|could not locate|404|ModelFileNotFound/i.test(`${(error as { name?: string })?.name ?? ''} ${messageOf(error)}`);
